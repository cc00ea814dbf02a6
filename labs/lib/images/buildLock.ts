import { LabError } from "../../../model/labError";
import { describeOwner, lockOwnerOfThisProcess, releaseLock, takeLockWaiting } from "../processLock";
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
  let announced: string | undefined;
  const attempt = await takeLockWaiting(buildLockFile, owner, waitMs, pollMs, (holder) => {
    if (announced !== holder.runId) log(`images: waiting for another image build to finish (${describeOwner(holder)})`);
    announced = holder.runId;
  });
  if (attempt.outcome === "busy") {
    throw new LabError(`Another image build has been running for over ${waitMs / 60_000} min (${describeOwner(attempt.holder)}).`, `wait until it finishes or end it with \`kill ${attempt.holder.pid}\`, then run the command again.`);
  }
  try {
    return await work();
  } finally {
    releaseLock(buildLockFile, owner);
  }
}
