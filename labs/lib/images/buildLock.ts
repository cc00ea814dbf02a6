import * as fs from "node:fs";
import * as path from "node:path";
import { LabError } from "../labError";
import { buildLockFile } from "./paths";

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function takeLock(): boolean {
  try {
    fs.writeFileSync(buildLockFile, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

/** Runs `work` while no other process builds images; a lock left by a process that died is taken over. */
export async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(buildLockFile), { recursive: true });
  if (!takeLock()) {
    const holder = Number(fs.readFileSync(buildLockFile, "utf8"));
    if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
      throw new LabError(`Another image build (process ${holder}) is running.`, "wait until it finishes, then run the command again.");
    }
    fs.rmSync(buildLockFile, { force: true });
    if (!takeLock()) throw new LabError("Another image build started at the same moment.", "wait until it finishes, then run the command again.");
  }
  try {
    return await work();
  } finally {
    fs.rmSync(buildLockFile, { force: true });
  }
}
