import * as fs from "node:fs";
import { parseJsonLogLine } from "./dockerParsers";

/** A watch for one line in a container's log. */
export interface LogLineWatch {
  /** Resolves with the engine's stamp of the first new entry holding the line; never, if none arrives before close. */
  seen: Promise<{ announcedAtWallMs: number }>;
  /** Stops watching; safe to call more than once. */
  close(): void;
}

/**
 * Follows a container's json-file log from its current end until an entry holding `line` arrives. The kernel wakes
 * the watch on every write to the file (inotify, through fs.watch), so nothing polls while the app starts. A log the
 * engine truncates is read again from its start.
 */
export function watchLogForLine(logPath: string, line: string): LogLineWatch {
  const handle = fs.openSync(logPath, "r");
  let offset = fs.fstatSync(handle).size;
  let partial = "";
  let closed = false;
  let announce: (seen: { announcedAtWallMs: number }) => void = () => undefined;
  const seen = new Promise<{ announcedAtWallMs: number }>((resolve) => (announce = resolve));
  const chunk = Buffer.alloc(64 * 1024);
  const readNew = () => {
    if (closed) return;
    if (fs.fstatSync(handle).size < offset) offset = 0;
    for (let got = fs.readSync(handle, chunk, 0, chunk.length, offset); got > 0; got = fs.readSync(handle, chunk, 0, chunk.length, offset)) {
      offset += got;
      partial += chunk.toString("utf8", 0, got);
    }
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const entry of lines.map(parseJsonLogLine)) {
      if (entry?.text.includes(line)) {
        announce({ announcedAtWallMs: entry.stampMs });
        return close();
      }
    }
  };
  const watcher = fs.watch(logPath, readNew);
  // A log removed with its container ends the watch: the sample then goes on without the line.
  watcher.on("error", () => close());
  function close(): void {
    if (closed) return;
    closed = true;
    watcher.close();
    fs.closeSync(handle);
  }
  return { seen, close };
}
