import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { milestonesIn } from "./consoleMilestones";

/** When, on the performance clock, a console was first written to in this boot and first showed each milestone. */
export interface ConsoleTimes<Milestone extends string> {
  firstWrite?: number;
  milestones: Partial<Record<Milestone, number>>;
  /** Everything the boot wrote to the console while it was watched. */
  text: string;
}

/** A console being followed. */
export interface ConsoleWatch<Milestone extends string> {
  /** Fills in as the console is written. */
  times: ConsoleTimes<Milestone>;
  /** Reads what is left and stops following; safe to call more than once. */
  stop(): ConsoleTimes<Milestone>;
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
 * Follows a console log file from its current end (from its start, once QEMU truncates or recreates it for the new
 * boot) and notes when the boot's first bytes and each milestone appeared. The kernel wakes the watch on every write
 * (inotify on the file's folder, through fs.watch, which also sees the file made anew), so nothing polls while the
 * boot is timed, and a milestone's time is that of the write that showed it.
 */
export function watchConsole<Milestone extends string>(file: string, patterns: Record<Milestone, RegExp>, onMilestone?: (milestone: Milestone) => void): ConsoleWatch<Milestone> {
  let offset = sizeOf(file);
  let stopped = false;
  const times: ConsoleTimes<Milestone> = { milestones: {}, text: "" };
  const readNew = () => {
    const size = sizeOf(file);
    if (size < offset) offset = 0;
    if (size <= offset) return;
    times.text += readRange(file, offset, size);
    offset = size;
    const now = performance.now();
    times.firstWrite ??= now;
    for (const milestone of milestonesIn(times.text, patterns)) {
      if (times.milestones[milestone] !== undefined) continue;
      times.milestones[milestone] = now;
      onMilestone?.(milestone);
    }
  };
  const watcher = fs.watch(path.dirname(file), (_event, name) => {
    if (!stopped && (name === null || name === path.basename(file))) readNew();
  });
  return {
    times,
    stop: () => {
      if (!stopped) {
        stopped = true;
        watcher.close();
        readNew();
      }
      return times;
    },
  };
}
