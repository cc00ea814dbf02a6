import type { AppName } from "../../../model/catalog/apps";
import { tunedInitMarkers, tunedInitramfsMarker } from "../../../model/bootProfile";
import { appUnitName } from "../../../model/seed";

/** Moments of a VM's boot that its serial console shows; the host notes when each first appears. */
export type ConsoleMilestone = "initrdStarted" | "rootInitStarted" | "appExec";

/** An optional ANSI colour code: systemd's status lines colour the unit name. */
const colour = "(?:\\x1b\\[[0-9;]*m)?";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * How each milestone shows on the console, in both profiles. The kernel prints "Run /init" when it hands over to
 * Debian's initramfs (a quiet kernel does not); the tuned profile's initramfs says so itself. The root file system's init is systemd's first line, or lab-init's. The app
 * starts when systemd reports its unit started (a simple service is started once forked) or lab-init says so.
 */
export function consoleMilestonePatterns(app: AppName): Record<ConsoleMilestone, RegExp> {
  const unit = escapeRegExp(appUnitName(app));
  return {
    initrdStarted: new RegExp(`Run /init as init process|${escapeRegExp(tunedInitramfsMarker)}`),
    rootInitStarted: new RegExp(`systemd\\[1\\]: systemd \\d|${escapeRegExp(tunedInitMarkers.started)}`),
    appExec: new RegExp(`Started ${colour}${unit}|${escapeRegExp(tunedInitMarkers.appExec)} ${app}\\b`),
  };
}

/** The milestones `consoleText` shows. */
export function milestonesIn<Milestone extends string>(consoleText: string, patterns: Record<Milestone, RegExp>): Milestone[] {
  return (Object.keys(patterns) as Milestone[]).filter((milestone) => patterns[milestone].test(consoleText));
}
