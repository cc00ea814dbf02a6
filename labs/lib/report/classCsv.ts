/** The class report's figures for a spreadsheet, class.csv: one row per participant per app and platform. */
import { csvField } from "../measure/results";
import { summarize } from "../measure/stats";
import type { ClassEntry, ClassGroup } from "./classFigures";
import { hostDescription, profileOf } from "./reportInput";

/** A share with four decimals (0.6667), empty where there is none. */
function share(fraction: number | undefined): string | number {
  return fraction === undefined ? "" : Number(fraction.toFixed(4));
}

const columns: [string, (entry: ClassEntry, group: ClassGroup) => string | number][] = [
  ["participant", (entry) => entry.member],
  ["stack", (entry) => entry.results.stack],
  ["run", (entry) => entry.results.runId],
  ["profile", (entry) => profileOf(entry.results)],
  ["accelerator", (entry) => entry.results.host.accelerator],
  ["host", (entry) => hostDescription(entry.results)],
  ["app", (_, group) => group.app],
  ["kind", (_, group) => group.kind],
  ["bootMedianMs", (entry) => entry.values.boot],
  ["bootMinMs", (entry) => summarize(entry.instance.boot.samplesMs).min],
  ["bootMaxMs", (entry) => summarize(entry.instance.boot.samplesMs).max],
  ["bootCv", (entry) => share(summarize(entry.instance.boot.samplesMs).cv)],
  ["bootSamples", (entry) => entry.instance.boot.samplesMs.length],
  ["hostMemoryBytes", (entry) => entry.values.memory],
  ["diskOwnBytes", (entry) => entry.values.disk],
  ["busy", (entry) => entry.busy.join("; ")],
  ["classBootMedianMs", (_, group) => group.spread.boot.median],
  ["bootOffClass", (entry) => share(entry.offClass.boot)],
  ["classHostMemoryBytes", (_, group) => group.spread.memory.median],
  ["hostMemoryOffClass", (entry) => share(entry.offClass.memory)],
  ["classDiskOwnBytes", (_, group) => group.spread.disk.median],
  ["diskOwnOffClass", (entry) => share(entry.offClass.disk)],
  ["flagged", (entry) => entry.odd.join(" ")],
  ["likelyReasons", (entry) => entry.reasons.join("; ")],
];

/** class.csv: a header line, then every group's entries; fractions are shares (0.5 = 50 %), bytes and ms as measured. */
export function classCsv(groups: readonly ClassGroup[]): string {
  const lines = [columns.map(([name]) => name).join(","), ...groups.flatMap((group) => group.entries.map((entry) => columns.map(([, value]) => csvField(value(entry, group))).join(",")))];
  return `${lines.join("\n")}\n`;
}
