import { spawn } from "node:child_process";

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process (SIGKILL) after this many milliseconds; exitCode is then 124. */
  timeoutMs?: number;
  /** Text written to the process's standard input. */
  input?: string;
}

/** Runs a program without a shell and never throws on a non-zero exit: probes decide what a failure means. */
export function execProbe(program: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode: 127, stdout, stderr: stderr + error.message });
    });
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode: timedOut ? 124 : code ?? 1, stdout, stderr });
    });
    // A program that exits without reading its input closes the pipe: that is its answer, not an error of ours.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** Runs a program and throws a LabError-style message with its output when it fails. */
export async function execChecked(program: string, args: readonly string[], options: ExecOptions = {}): Promise<string> {
  const result = await execProbe(program, args, options);
  if (result.exitCode !== 0) {
    const output = (result.stderr || result.stdout).trim().split("\n").slice(-15).join("\n");
    throw new Error(`\`${[program, ...args].join(" ")}\` exited with ${result.exitCode}:\n${output}`);
  }
  return result.stdout;
}

/** The first line a program prints on success, or undefined when it fails or is missing (version probes). */
export async function firstOutputLine(program: string, args: readonly string[], timeoutMs: number): Promise<string | undefined> {
  const result = await execProbe(program, args, { timeoutMs });
  return result.exitCode === 0 ? result.stdout.trim().split("\n")[0] : undefined;
}
