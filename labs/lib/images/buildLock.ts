import { sleep } from "zx";
import { LabError } from "../../../model/labError";
import { describeOwner, lockOwnerOfThisProcess, releaseLock, tryTakeLock, type LockOwner } from "../processLock";
import { buildLockFile } from "./paths";

/** A cold build takes minutes; a holder still there after this is stuck, not slow. */
export const buildLockWaitMs = 30 * 60_000;

/**
 * Runs `work` while no other process builds images: a class's `up`s started together each check the images, so a
 * busy lock is waited for (the holder's build serves everyone) rather than refused. A lock left by a process that died
 * is taken over.
 */
export async function withBuildLock<T>(log: (line: string) => void, work: () => Promise<T>, waitMs = buildLockWaitMs, pollMs = 500): Promise<T> {
  const owner = lockOwnerOfThisProcess("image build", process.env.VMCL_RUN_ID);
  const deadline = Date.now() + waitMs;
  let attempt = tryTakeLock(buildLockFile, owner);
  let waitingFor: LockOwner | undefined;
  while (attempt.outcome === "busy") {
    if (Date.now() >= deadline) {
      throw new LabError(`Another image build has been running for over ${waitMs / 60_000} min (${describeOwner(attempt.holder)}).`, `wait until it finishes or end it with \`kill ${attempt.holder.pid}\`, then run the command again.`);
    }
    if (waitingFor?.runId !== attempt.holder.runId) log(`images: waiting for another image build to finish (${describeOwner(attempt.holder)})`);
    waitingFor = attempt.holder;
    await sleep(pollMs);
    attempt = tryTakeLock(buildLockFile, owner);
  }
  try {
    return await work();
  } finally {
    releaseLock(buildLockFile, owner);
  }
}
