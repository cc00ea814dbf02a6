import * as fs from "node:fs";
import { parseJsonLogLine } from "./dockerParsers";
import { followFile } from "./fileFollow";

/** A watch for one line in a container's log. */
export interface LogLineWatch {
  /** Resolves with the engine's stamp of the first new entry holding the line; never, if none arrives before close. */
  seen: Promise<{ announcedAtWallMs: number }>;
  /** Stops watching; safe to call more than once. */
  close(): void;
}

/**
 * Follows a container's json-file log from its current end (followFile: nothing polls while the app starts) until an
 * entry holding `line` arrives. Throws where the log cannot be read.
 */
export function watchLogForLine(logPath: string, line: string): LogLineWatch {
  fs.accessSync(logPath, fs.constants.R_OK);
  let partial = "";
  let announce: (seen: { announcedAtWallMs: number }) => void = () => undefined;
  const seen = new Promise<{ announcedAtWallMs: number }>((resolve) => (announce = resolve));
  const follow = followFile(logPath, (text) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    const entry = lines.map(parseJsonLogLine).find((found) => found?.text.includes(line));
    if (entry === undefined) return;
    announce({ announcedAtWallMs: entry.stampMs });
    follow.stop();
  });
  return { seen, close: () => follow.stop() };
}
