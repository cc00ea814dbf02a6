import * as fs from "node:fs";
import * as path from "node:path";

/** A file the builder writes into an image's root file system. */
export interface TreeFile {
  /** Absolute path inside the image. */
  path: string;
  content: string;
  mode: number;
}

/** Where a file of the image lives inside the folder `root` on the host; refuses paths that would leave it. */
export function hostPathInTree(root: string, imagePath: string): string {
  const normalized = path.posix.normalize(imagePath);
  if (!path.posix.isAbsolute(imagePath) || normalized.split("/").includes("..")) {
    throw new Error(`image path ${JSON.stringify(imagePath)} must be absolute and stay inside the image`);
  }
  return path.join(root, normalized);
}

/** Writes files into the tree, creating their folders (mode 0755, owned by root like the tree). */
export function writeTreeFiles(root: string, files: readonly TreeFile[]): void {
  for (const file of files) {
    const target = hostPathInTree(root, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.rmSync(target, { force: true });
    fs.writeFileSync(target, file.content, { mode: file.mode });
    fs.chmodSync(target, file.mode);
  }
}
