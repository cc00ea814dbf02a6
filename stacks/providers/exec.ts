import { spawn } from "node:child_process";

/**
 * Process helpers shared by the home-made dynamic providers.
 *
 * Pulumi serializes each provider object, and every module-level function it reaches, into the stack state
 * and runs that text later in its dynamic provider host. So this module keeps to plain functions over Node
 * built-ins: nothing here may capture classes, Pulumi objects or other large values.
 */

/** What a finished program left behind. */
export interface ProgramResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** How to start a program. */
export interface ProgramOptions {
  /** The whole environment of the program; the caller's own when absent. */
  env?: NodeJS.ProcessEnv;
  /** Working directory; the caller's own when absent. */
  cwd?: string;
  /** Text written to the program's standard input, which is then closed. */
  input?: string;
}

/** Runs a program without a shell and never throws on a non-zero exit: callers decide what a failure means. */
export function runProgram(program: string, args: readonly string[], options: ProgramOptions = {}): Promise<ProgramResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => resolve({ exitCode: 127, stdout, stderr: stderr + error.message }));
    child.on("close", (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** One readable message for a failed program: the command line, its exit status and the end of its output. */
export function describeFailure(program: string, args: readonly string[], result: ProgramResult): string {
  const output = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-15).join("\n");
  return `\`${[program, ...args].join(" ")}\` exited with ${result.exitCode}${output ? `:\n${output}` : ""}`;
}

/** Runs a program and returns its standard output; throws with describeFailure's message when it fails. */
export async function runProgramChecked(program: string, args: readonly string[], options: ProgramOptions = {}): Promise<string> {
  const result = await runProgram(program, args, options);
  if (result.exitCode !== 0) {
    throw new Error(describeFailure(program, args, result));
  }
  return result.stdout;
}
