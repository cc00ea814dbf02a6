import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { LabError } from "../../model/labError";
import { labPaths } from "./labEnv";
import { describeOwner, lockOwnerOfThisProcess, releaseLock, tryTakeLock, type LockOwner } from "./processLock";
import { endProcessesOfRun, runIdVariable } from "./runProcesses";
import { removeInterruptedStateWrites } from "./stackRecovery";

export const stackLocksDir = path.join(labPaths.state, "locks");

export function stackLockFile(stackName: string): string {
  return path.join(stackLocksDir, `${stackName}.lock`);
}

/** This process's run id: set once, inherited by every process the run starts. */
export function currentRunId(): string {
  return (process.env[runIdVariable] ??= randomUUID());
}

/** Stacks this process holds, with how many nested holders, so `lab` can hold both while its steps take each again. */
const held = new Map<string, { owner: LockOwner; depth: number }>();

function commandLine(): string {
  const words = process.argv.slice(2);
  const script = path.basename(process.argv[1] ?? "lab", ".ts");
  return `npm run ${script}${words.length > 0 ? ` -- ${words.join(" ")}` : ""}`;
}

async function take(stackName: string, log: (line: string) => void): Promise<void> {
  const mine = held.get(stackName);
  if (mine) {
    mine.depth += 1;
    return;
  }
  const owner = lockOwnerOfThisProcess(commandLine(), currentRunId());
  const attempt = tryTakeLock(stackLockFile(stackName), owner);
  if (attempt.outcome === "busy") {
    throw new LabError(
      `Stack ${stackName} is busy (${describeOwner(attempt.holder)}).`,
      `wait until that command finishes, then run yours again; to stop it, \`kill ${attempt.holder.pid}\` (the next command cleans up after it).`,
    );
  }
  held.set(stackName, { owner, depth: 1 });
  if (attempt.stale) {
    log(`stack ${stackName}: taking over from an interrupted run (${describeOwner(attempt.stale)}; that process is gone)`);
    const ended = await endProcessesOfRun(attempt.stale.runId);
    if (ended.length > 0) log(`ended ${ended.length} process(es) the interrupted run left: ${ended.map((entry) => `${entry.pid} ${entry.command.slice(0, 60)}`).join("; ")}`);
    const unreadable = removeInterruptedStateWrites(undefined, stackName);
    if (unreadable.length > 0) log(`removed what its Pulumi CLI left half-written in the state: ${unreadable.map((file) => path.basename(file)).join(", ")}`);
  }
}

function release(stackName: string): void {
  const mine = held.get(stackName);
  if (!mine) return;
  mine.depth -= 1;
  if (mine.depth > 0) return;
  held.delete(stackName);
  releaseLock(stackLockFile(stackName), mine.owner);
}

/**
 * Runs `work` while this process holds the given stacks: a second command on a stack that is held says who holds it
 * and exits, whatever the timing. A lock whose owner died is taken over, and the processes that owner's run left
 * (Pulumi CLI, language host, plugins) are ended by PID.
 */
export async function withStacks<T>(stackNames: readonly string[], log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const taken: string[] = [];
  try {
    for (const stackName of [...stackNames].sort()) {
      await take(stackName, log);
      taken.push(stackName);
    }
    return await work();
  } finally {
    for (const stackName of taken) release(stackName);
  }
}
