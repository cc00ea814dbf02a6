import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Stack } from "@pulumi/pulumi/automation";
import { labWorkspace, stackExists } from "../../labs/lib/automation";
import { repoRoot } from "../../labs/lib/labEnv";
import { stackSettings } from "../../labs/lib/preflight";
import { runIdVariable } from "../../labs/lib/runProcesses";
import { stackLockFile } from "../../labs/lib/stackLock";
import { stackLeftovers } from "../../labs/lib/stackLeftovers";
import type { LabConfig } from "../../model/labConfig";

/** A lab command started as a user would (`npm run …`), in its own process group so it can be killed whole. */
export interface RunningCommand {
  child: ChildProcess;
  /** Everything the command printed so far (stdout and stderr). */
  output: () => string;
  exited: Promise<number>;
}

export function startLabCommand(args: string[]): RunningCommand {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lab-command-")), "output.log");
  const log = fs.openSync(logFile, "w");
  // The test's own environment (jest gives each test file a copy of process.env, which spawn does not see by itself),
  // less its run id: each command is a run of its own, or taking over a killed command's lock would end its siblings.
  const { [runIdVariable]: _testRun, ...env } = process.env;
  const child = spawn("npm", ["run", "--silent", ...args], { cwd: repoRoot, detached: true, stdio: ["ignore", log, log], env });
  fs.closeSync(log);
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  return { child, output: () => fs.readFileSync(logFile, "utf8"), exited };
}

/** Runs a lab command to its end; resolves to its exit code and output. */
export async function runLabCommand(args: string[]): Promise<{ exitCode: number; output: string }> {
  const command = startLabCommand(args);
  const exitCode = await command.exited;
  return { exitCode, output: command.output() };
}

/**
 * SIGKILL to the command's whole process group: npm, tsx, node, and the Pulumi CLI it started, as a crash would.
 * Returns once every process of the group is gone, not only npm: a killed node process can take a second to exit.
 */
export async function killGroup(command: RunningCommand): Promise<void> {
  const group = -(command.child.pid ?? 0);
  process.kill(group, "SIGKILL");
  await command.exited;
  await waitFor("every process of the killed command to exit", () => !processExists(group), 30_000);
}

/** Whether a process (or, for a negative number, a process group) exists: signal 0 reaches it. */
export function processExists(pidOrGroup: number): boolean {
  try {
    process.kill(pidOrGroup, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 100 ms until it holds; fails after timeoutMs with `what` in the message. */
export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** A stack's validated settings, read without leaving a stack behind in Pulumi's state. */
export async function settingsOf(stackName: string): Promise<LabConfig> {
  const workspace = await labWorkspace(repoRoot);
  const existed = await stackExists(workspace, stackName);
  const settings = await stackSettings(await Stack.createOrSelect(stackName, workspace), stackName);
  if (!existed) await workspace.removeStack(stackName, { preserveConfig: true });
  return settings;
}

/** Everything of a stack that is left anywhere: marked engine objects, Pulumi state and locks, the lab's stack lock. */
export async function everythingLeftOf(stackName: string, settings: LabConfig): Promise<string[]> {
  return [
    ...(await stackLeftovers(stackName, settings)).map((leftover) => `${leftover.kind} ${leftover.name}`),
    ...(fs.existsSync(stackLockFile(stackName)) ? [`stack lock ${stackLockFile(stackName)}`] : []),
  ];
}
