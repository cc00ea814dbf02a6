import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { milestonesIn } from "./consoleMilestones";

/** When, on the performance clock, a console was first written to in this boot and first showed each milestone. */
export interface ConsoleTimes<Milestone extends string> {
  firstWrite?: number;
  milestones: Partial<Record<Milestone, number>>;
  /** Everything the boot wrote to the console while it was watched. */
  text: string;
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
 * boot) every 10 ms until `stop.done`, and notes when the boot's first bytes and each milestone appeared. `times`
 * fills in as they appear; `finished` resolves once stopped.
 */
// Hand-made, not zx's retry: it polls beside the boot's ready checks and stops when told, not after a count.
export function watchConsole<Milestone extends string>(file: string, patterns: Record<Milestone, RegExp>, stop: { done: boolean }, onMilestone?: (milestone: Milestone) => void): { times: ConsoleTimes<Milestone>; finished: Promise<ConsoleTimes<Milestone>> } {
  let offset = sizeOf(file);
  const times: ConsoleTimes<Milestone> = { milestones: {}, text: "" };
  const finished = new Promise<ConsoleTimes<Milestone>>((resolve) => {
    const poll = () => {
      if (stop.done) return resolve(times);
      const size = sizeOf(file);
      if (size < offset) offset = 0;
      if (size > offset) {
        times.text += readRange(file, offset, size);
        offset = size;
        const now = performance.now();
        times.firstWrite ??= now;
        for (const milestone of milestonesIn(times.text, patterns)) {
          if (times.milestones[milestone] !== undefined) continue;
          times.milestones[milestone] = now;
          onMilestone?.(milestone);
        }
      }
      setTimeout(poll, 10);
    };
    poll();
  });
  return { times, finished };
}
