import * as fs from "node:fs";
import * as path from "node:path";
import { labPaths } from "./labEnv";

let currentLog: string | undefined;

/** "2026-12-02T04:05:06.789Z" → "20261202-040506", for file names that sort by time. */
export function logStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/**
 * Starts this command's log in .lab/logs: everything the lab's steps print, every Pulumi engine line and the full
 * text of any error go there, so the terminal can stay short. Returns the log's path.
 */
export function startRunLog(name: string): string {
  fs.mkdirSync(labPaths.logs, { recursive: true });
  currentLog = path.join(labPaths.logs, `${name}-${logStamp(new Date())}-${process.pid}.log`);
  fs.writeFileSync(currentLog, `# ${process.argv.slice(1).join(" ")}\n`);
  return currentLog;
}

export function runLogPath(): string | undefined {
  return currentLog;
}

/** Appends to this command's log; does nothing when the command keeps none (library use, tests). */
export function appendRunLog(text: string): void {
  if (currentLog !== undefined) fs.appendFileSync(currentLog, text.endsWith("\n") ? text : `${text}\n`);
}
