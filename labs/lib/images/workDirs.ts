import * as fs from "node:fs";
import * as path from "node:path";
import { imagesWorkDir } from "./paths";

/** A fresh folder for one build step under .lab/images/work, on the same file system as the results it is renamed to. */
export function createWorkDir(step: string): string {
  fs.mkdirSync(imagesWorkDir, { recursive: true });
  return fs.mkdtempSync(path.join(imagesWorkDir, `${step}-`));
}

export function removeWorkDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Removes what builds that were killed left behind; only called while holding the build lock. */
export function clearWorkDirs(): void {
  fs.rmSync(imagesWorkDir, { recursive: true, force: true });
}

/** Runs `work` in a fresh work folder that is removed afterwards, whether the step succeeded or not. */
export async function inWorkDir<T>(step: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = createWorkDir(step);
  try {
    return await work(dir);
  } finally {
    removeWorkDir(dir);
  }
}

/** Writes a file under a temporary name and renames it, so readers never see half of it. */
export function writeFileAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}
