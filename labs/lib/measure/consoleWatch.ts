import { performance } from "node:perf_hooks";
import { milestonesIn } from "./consoleMilestones";
import { followFile } from "./fileFollow";

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

/**
 * Follows a console log file from its current end (from its start, once QEMU truncates or recreates it for the new
 * boot) through followFile, and notes when the boot's first bytes and each milestone appeared: nothing polls while the
 * boot is timed, and a milestone's time is that of the write that showed it.
 */
export function watchConsole<Milestone extends string>(file: string, patterns: Record<Milestone, RegExp>, onMilestone?: (milestone: Milestone) => void): ConsoleWatch<Milestone> {
  const times: ConsoleTimes<Milestone> = { milestones: {}, text: "" };
  const follow = followFile(file, (text) => {
    times.text += text;
    const now = performance.now();
    times.firstWrite ??= now;
    for (const milestone of milestonesIn(times.text, patterns)) {
      if (times.milestones[milestone] !== undefined) continue;
      times.milestones[milestone] = now;
      onMilestone?.(milestone);
    }
  });
  return {
    times,
    stop: () => {
      follow.stop();
      return times;
    },
  };
}
