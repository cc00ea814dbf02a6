import { LabError } from "../../../model/labError";
import { describeOwner, lockOwnerOfThisProcess, releaseLock, tryTakeLock } from "../processLock";
import { buildLockFile } from "./paths";

/** Runs `work` while no other process builds images; a lock left by a process that died is taken over. */
export async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const owner = lockOwnerOfThisProcess("image build", process.env.VMCL_RUN_ID);
  const attempt = tryTakeLock(buildLockFile, owner);
  if (attempt.outcome === "busy") {
    throw new LabError(`Another image build is running (${describeOwner(attempt.holder)}).`, "wait until it finishes, then run the command again.");
  }
  try {
    return await work();
  } finally {
    releaseLock(buildLockFile, owner);
  }
}
