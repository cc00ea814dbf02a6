/**
 * The class report as blocks: who measured which run, the class's spread of every app on every platform with who is
 * far off it, then one table per app and platform with every participant's figures and how far each is from the class.
 */
import * as path from "node:path";
import { classFigureNames, oddFraction, type ClassEntry, type ClassFigure, type ClassGroup, type ClassSpread } from "./classFigures";
import type { ClassInput } from "./classRuns";
import type { ReportBlock, TableCell } from "./document";
import { acceleratorLabel, formatBytes, formatDuration, formatPercentChange, kindLabel } from "./format";
import { bootCell } from "./appTables";
import { idleText } from "./header";
import { hostDescription, profileOf } from "./reportInput";

const formats: Record<ClassFigure, (value: number) => string> = { boot: formatDuration, memory: formatBytes, disk: formatBytes };

/** "api VM", "db container". */
export function groupName(group: Pick<ClassGroup, "app" | "kind">): string {
  return `${group.app} ${kindLabel(group.kind)}`;
}

/** "1.10 s (1.00 s – 1.20 s)": the class median of a figure, then its smallest and largest. */
export function spreadText(figure: ClassFigure, spread: ClassSpread): string {
  const format = formats[figure];
  return `${format(spread.median)} (${format(spread.min)} – ${format(spread.max)})`;
}

/** "boot median +200.0 %, host memory −60.0 %": the entry's odd figures and how far off the class median each is. */
function oddFigures(entry: ClassEntry): string {
  return entry.odd.map((figure) => `${classFigureNames[figure]} ${formatPercentChange(entry.offClass[figure])}`).join(", ");
}

function likelyText(entry: ClassEntry): string {
  return entry.reasons.length > 0 ? `likely ${entry.reasons.join(", ")}` : "the results record no likely reason";
}

/** One line per flagged entry: "bob, api VM: boot median 120 s is +200.0 % off the class median 40.0 s; likely busy host (…)." */
export function flaggedLines(groups: readonly ClassGroup[]): string[] {
  return groups.flatMap((group) =>
    group.entries
      .filter((entry) => entry.odd.length > 0)
      .map((entry) => {
        const figures = entry.odd.map((figure) => `${classFigureNames[figure]} ${formats[figure](entry.values[figure])} is ${formatPercentChange(entry.offClass[figure])} off the class median ${formats[figure](group.spread[figure].median)}`);
        return `${entry.member}, ${groupName(group)}: ${figures.join("; ")}; ${likelyText(entry)}.`;
      }),
  );
}

/** The spread table's cells of one group: members, each figure's class median (min – max), who is flagged. */
export function spreadRow(group: ClassGroup): string[] {
  const flagged = group.entries.filter((entry) => entry.odd.length > 0).map((entry) => `${entry.member} (${oddFigures(entry)})`);
  return [group.app, kindLabel(group.kind), String(group.entries.length), spreadText("boot", group.spread.boot), spreadText("memory", group.spread.memory), spreadText("disk", group.spread.disk), flagged.join("; ") || "none"];
}

export const spreadHeader = ["app", "platform", "participants", "boot median: class median (min – max)", "host memory: class median (min – max)", "disk own: class median (min – max)", "flagged"];

function entryRow(entry: ClassEntry): TableCell[] {
  const { results, instance } = entry;
  const flag: TableCell = entry.odd.length === 0 ? "" : { text: `${oddFigures(entry)}: ${likelyText(entry)}`, className: "disagrees" };
  return [
    entry.member,
    bootCell(instance.boot.samplesMs),
    formatPercentChange(entry.offClass.boot),
    formatBytes(entry.values.memory),
    formatPercentChange(entry.offClass.memory),
    formatBytes(entry.values.disk),
    formatPercentChange(entry.offClass.disk),
    acceleratorLabel(results.host.accelerator),
    profileOf(results),
    entry.busy.join(", ") || "no",
    results.runId,
    flag,
  ];
}

function groupBlocks(group: ClassGroup): ReportBlock[] {
  return [
    { kind: "heading", level: 3, text: groupName(group), id: `class-${group.app}-${group.kind}` },
    {
      kind: "table",
      caption: `${groupName(group)}: every participant's latest run · class median: boot ${spreadText("boot", group.spread.boot)}, host memory ${spreadText("memory", group.spread.memory)}, disk own ${spreadText("disk", group.spread.disk)} · "vs class" is the participant's figure less the class median, as a share of it`,
      header: ["participant", "boot to ready: median (min – max, CV, n)", "boot vs class", "host memory", "memory vs class", "disk own", "disk vs class", "accelerator", "profile", "busy", "run", `flag (over ${oddFraction * 100} % off)`],
      rows: group.entries.map(entryRow),
    },
  ];
}

function runRows(input: ClassInput, outputDir: string): string[][] {
  return input.members.flatMap((member) =>
    member.runs.map(({ file, results }) => [member.name, results.stack, results.runId, `\`${path.relative(outputDir, file)}\``, acceleratorLabel(results.host.accelerator), profileOf(results), hostDescription(results), idleText(results)]),
  );
}

/** The whole class report. Paths are shown relative to `outputDir`. */
export function classBlocks(input: ClassInput, groups: readonly ClassGroup[], options: { generatedAt: Date; participantsDir: string; outputDir: string }): ReportBlock[] {
  const participants = input.members.length;
  return [
    { kind: "heading", level: 1, text: "Class report: every participant's figures side by side" },
    {
      kind: "paragraph",
      text: `Generated ${options.generatedAt.toISOString()} by \`npm run report -- --class\` from the latest measurement run of each stack of ${participants} ${participants === 1 ? "member" : "members"} of the class (\`${path.relative(options.outputDir, options.participantsDir)}/NAME\`, and the lab's own results as the instructor's). A participant whose boot median, host memory or own disk is more than ${oddFraction * 100} % off the class median for that app and platform (the median of everyone's figures) is flagged, with the likely reason where the results record one: a busy host, another accelerator, boot profile or host.`,
    },
    ...input.notices.map((text): ReportBlock => ({ kind: "paragraph", className: "notice", text })),
    ...flaggedLines(groups).map((text): ReportBlock => ({ kind: "paragraph", className: "notice", text })),
    { kind: "heading", level: 2, text: "Runs" },
    { kind: "table", id: "class-runs", caption: "The latest measurement run of each participant's stacks", header: ["participant", "stack", "run", "results file", "accelerator", "profile", "host", "host judged idle"], rows: runRows(input, options.outputDir) },
    { kind: "heading", level: 2, text: "Class spread" },
    { kind: "table", id: "class-spread", caption: `Per app and platform: the median of the participants' figures, their smallest and largest, and who is more than ${oddFraction * 100} % off the median`, header: spreadHeader, rows: groups.map(spreadRow) },
    { kind: "heading", level: 2, text: "App by app" },
    ...groups.flatMap(groupBlocks),
  ];
}
