import * as fs from "node:fs";
import * as path from "node:path";

/** A file being followed. */
export interface FileFollow {
  /** Reads what is left and stops following; safe to call more than once. */
  stop(): void;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function readRange(file: string, from: number, to: number): string {
  const chunk = Buffer.alloc(to - from);
  const handle = fs.openSync(file, "r");
  try {
    fs.readSync(handle, chunk, 0, chunk.length, from);
  } finally {
    fs.closeSync(handle);
  }
  return chunk.toString("utf8");
}

/**
 * Follows what is written to a file from its current end (from its start, once it is truncated or made anew), handing
 * each new piece to `onText` as it is written. The kernel wakes the watch on every write (inotify on the file's folder,
 * through fs.watch, which also sees the file made anew), so nothing polls. Throws where the folder cannot be watched.
 */
export function followFile(file: string, onText: (text: string) => void): FileFollow {
  let offset = sizeOf(file);
  let stopped = false;
  const readNew = () => {
    const size = sizeOf(file);
    if (size < offset) offset = 0;
    if (size <= offset) return;
    const text = readRange(file, offset, size);
    offset = size;
    onText(text);
  };
  const watcher = fs.watch(path.dirname(file), (_event, name) => {
    if (!stopped && (name === null || name === path.basename(file))) readNew();
  });
  // A folder removed with what it held (a container's, say) ends the watch.
  watcher.on("error", () => stop());
  function stop(): void {
    if (stopped) return;
    stopped = true;
    watcher.close();
    readNew();
  }
  return { stop };
}
