/** Comparing two runs: the change from run A to run B of every figure, boot phase and floor, absolute and relative. */
import * as path from "node:path";
import { appNames, type AppName } from "../../../model/catalog/apps";
import type { LocatedResults } from "../measure/results";
import type { InstanceResult, MeasurementResults } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";
import type { ReportBlock, TableCell } from "./document";
import { floorKeys, floorNames } from "./floorTable";
import { acceleratorLabel, formatBytes, formatBytesChange, formatDuration, formatDurationChange, formatPercentChange, kindLabel } from "./format";
import { idleText } from "./header";
import { profileOf } from "./reportInput";
import { bootWaterfall, floorPhases, phaseStepNames, type PhaseStep, type WaterfallPhase } from "./waterfall";

/** How a figure moved from A to B. */
export interface Change {
  /** B − A, in the figure's unit. */
  absolute: number;
  /** (B − A) / A; 0 when both are 0, undefined when only A is 0 (no base to relate to). */
  fraction: number | undefined;
}

/** The change from `before` to `after`. */
export function changeBetween(before: number, after: number): Change {
  const absolute = after - before;
  if (before === 0) return { absolute, fraction: after === 0 ? 0 : undefined };
  return { absolute, fraction: absolute / before };
}

/** One compared figure. */
export interface FigureComparison {
  /** What the figure is, e.g. "web: boot median". */
  figure: string;
  /** Its unit. */
  unit: "ms" | "bytes";
  /** Its value in run A; undefined when A has no such figure (an app not deployed). */
  before?: number;
  /** Its value in run B. */
  after?: number;
  /** The change, when both runs have the figure. */
  change?: Change;
}

function compared(figure: string, unit: FigureComparison["unit"], before: number | undefined, after: number | undefined): FigureComparison {
  return { figure, unit, before, after, change: before === undefined || after === undefined ? undefined : changeBetween(before, after) };
}

/** Each app either run deployed, in catalog order, with its instance in A and in B. */
function instancePairs(before: MeasurementResults, after: MeasurementResults): { app: AppName; a?: InstanceResult; b?: InstanceResult }[] {
  return appNames.flatMap((app) => {
    const a = before.instances.find((instance) => instance.app === app);
    const b = after.instances.find((instance) => instance.app === app);
    return a || b ? [{ app, a, b }] : [];
  });
}

/** Every figure of A against B: per app boot median, host memory and own disk bytes, then the stack totals. */
export function compareRuns(before: MeasurementResults, after: MeasurementResults): FigureComparison[] {
  const perApp = instancePairs(before, after).flatMap(({ app, a, b }) => [
    compared(`${app}: boot median`, "ms", a && summarize(a.boot.samplesMs).median, b && summarize(b.boot.samplesMs).median),
    compared(`${app}: host memory`, "bytes", a?.memory.hostBytes, b?.memory.hostBytes),
    compared(`${app}: disk own bytes`, "bytes", a?.disk.allocatedBytes, b?.disk.allocatedBytes),
  ]);
  return [
    ...perApp,
    compared("stack: host memory total", "bytes", before.memory.totalBytes, after.memory.totalBytes),
    compared("stack: disk total", "bytes", before.disk.totalBytes, after.disk.totalBytes),
  ];
}

const stepOrder = Object.keys(phaseStepNames) as PhaseStep[];

/** Earlier steps first; of phases that start at the same step, the one with fewer steps merged into it first. */
function inBootOrder(x: WaterfallPhase, y: WaterfallPhase): number {
  return stepOrder.indexOf(x.steps[0]) - stepOrder.indexOf(y.steps[0]) || x.steps.length - y.steps.length;
}

/**
 * The phase medians of A and B side by side, one figure per phase either has, in boot order. Phases are matched by
 * label, so a phase one run merged with its neighbour (a marker it did not record) is "—" on the other side.
 */
function comparedPhases(prefix: string, before: readonly WaterfallPhase[], after: readonly WaterfallPhase[]): FigureComparison[] {
  const labels = [...new Set([...before, ...after].sort(inBootOrder).map((phase) => phase.label))];
  const medianOf = (phases: readonly WaterfallPhase[], label: string) => phases.find((phase) => phase.label === label)?.medianMs;
  return labels.map((label) => compared(`${prefix}: ${label}`, "ms", medianOf(before, label), medianOf(after, label)));
}

/**
 * Where each instance's boot time went in A and in B: when the engine's start call returned (it overlaps the phases),
 * then the median of each boot phase as the waterfall cuts it. Instances neither run recorded phases for are left out.
 */
export function comparePhases(before: MeasurementResults, after: MeasurementResults): FigureComparison[] {
  return instancePairs(before, after).flatMap(({ app, a, b }) => {
    const waterfallA = a && bootWaterfall(a.kind, a.boot);
    const waterfallB = b && bootWaterfall(b.kind, b.boot);
    if (!waterfallA && !waterfallB) return [];
    return [
      compared(`${app}: engine start call returned`, "ms", waterfallA?.engineCallMedianMs, waterfallB?.engineCallMedianMs),
      ...comparedPhases(app, waterfallA?.phases ?? [], waterfallB?.phases ?? []),
    ];
  });
}

/** The floors of A and B: each floor's median start → done, then its parts where the guest's clock split it. */
export function compareFloors(before: MeasurementResults, after: MeasurementResults): FigureComparison[] {
  return floorKeys.flatMap((key) => {
    const a = before.floors?.[key];
    const b = after.floors?.[key];
    if (!a && !b) return [];
    // A floor of one phase is its total, already compared.
    const parts = (floor: typeof a): WaterfallPhase[] => {
      const phases = floor ? floorPhases(floor) : [];
      return phases.length > 1 ? phases : [];
    };
    return [compared(floorNames[key], "ms", a && summarize(a.samplesMs).median, b && summarize(b.samplesMs).median), ...comparedPhases(floorNames[key], parts(a), parts(b))];
  });
}

/** One table of a comparison. */
export interface ComparisonTable {
  /** Id of the table in the HTML file. */
  id: string;
  /** What each row is: heads the first column. */
  rowsAre: string;
  /** What the table shows: opens its caption. */
  title: string;
  /** Said in its place when neither run has such figures; absent for a table that always has rows. */
  whenEmpty?: string;
  /** Its rows. */
  figures: FigureComparison[];
}

/** The tables of a comparison: every headline figure, where each instance's boot time went, the boot floors. */
export function comparisonTables(before: MeasurementResults, after: MeasurementResults): ComparisonTable[] {
  return [
    { id: "changes", rowsAre: "figure", title: "Change of every figure", figures: compareRuns(before, after) },
    {
      id: "boot-phases",
      rowsAre: "instance: boot phase",
      title:
        "Where the boot time went: medians of the engine start call and of each boot phase, a phase's over the samples that recorded both its ends; app is app exec → ready, the app floor; — where a run has no such phase (a marker it did not record merges two phases into one)",
      whenEmpty: "Neither run recorded boot phases (both were measured before phases were), so where their boot time went cannot be compared.",
      figures: comparePhases(before, after),
    },
    {
      id: "boot-floors",
      rowsAre: "floor",
      title: "Boot floors, medians: what any instance of the platform took on the run's host before its app",
      whenEmpty: "Neither run measured boot floors.",
      figures: compareFloors(before, after),
    },
  ];
}

/** A comparison as table cells: figure, A, B, change, change %. */
export function comparisonCells(comparison: FigureComparison): string[] {
  const value = (figure: number | undefined) => (figure === undefined ? "—" : comparison.unit === "ms" ? formatDuration(figure) : formatBytes(figure));
  const change = comparison.change;
  return [
    comparison.figure,
    value(comparison.before),
    value(comparison.after),
    change === undefined ? "n/a" : comparison.unit === "ms" ? formatDurationChange(change.absolute) : formatBytesChange(change.absolute),
    formatPercentChange(change?.fraction),
  ];
}

/** Header of a comparison table whose rows are `rowsAre`. */
export function comparisonHeader(rowsAre: string): string[] {
  return [rowsAre, "A", "B", "change B − A", "change %"];
}

/** How a run is named in a comparison: "libvirt/2026-11-25T13-40-04.261Z (tuned)". */
export function runLabel(results: MeasurementResults): string {
  return `${results.stack}/${results.runId} (${profileOf(results)})`;
}

/** A run with what it ran on: "libvirt/2026-11-25T13-40-04.261Z (tuned): TCG emulation on AMD EPYC 7B13, 2 cores". */
export function runDescription(results: MeasurementResults): string {
  return `${runLabel(results)}: ${acceleratorLabel(results.host.accelerator)} on ${results.host.cpuModel}, ${results.host.cores} cores`;
}

function runFacts(located: LocatedResults, outputDir: string): TableCell[] {
  const { results } = located;
  const kinds = [...new Set(results.instances.map((instance) => kindLabel(instance.kind)))].join(", ");
  return [
    `\`${path.relative(outputDir, located.file)}\``,
    `${results.stack} (${kinds})`,
    profileOf(results),
    results.startedAt,
    acceleratorLabel(results.host.accelerator),
    `${results.host.cpuModel}, ${results.host.cores} cores, kernel ${results.host.kernel}`,
    idleText(results),
  ];
}

/** What stands in place of the table: its note when neither run has such figures, else undefined. */
export function emptyTableNote(table: ComparisonTable): string | undefined {
  return table.figures.length === 0 ? table.whenEmpty : undefined;
}

function tableBlock(table: ComparisonTable, runsCaption: string): ReportBlock {
  const note = emptyTableNote(table);
  if (note !== undefined) return { kind: "paragraph", text: note };
  return { kind: "table", id: table.id, caption: `${table.title} · ${runsCaption}`, header: comparisonHeader(table.rowsAre), rows: table.figures.map(comparisonCells) };
}

/** The comparison document: which runs, then its tables, captioned with each run's profile, accelerator and host. */
export function comparisonBlocks(a: LocatedResults, b: LocatedResults, options: { generatedAt: Date; outputDir: string }): ReportBlock[] {
  const runsCaption = `A = ${runDescription(a.results)} · B = ${runDescription(b.results)}`;
  return [
    { kind: "heading", level: 1, text: `Comparison: ${runLabel(a.results)} vs ${runLabel(b.results)}` },
    { kind: "paragraph", text: `Generated ${options.generatedAt.toISOString()} by \`npm run report -- --compare\`. Change is B − A; percent is relative to A.` },
    {
      kind: "table",
      id: "compared-runs",
      caption: "The runs",
      header: ["run", "results file", "stack (instances)", "boot profile", "started", "accelerator", "host", "host judged idle"],
      rows: [
        ["A", ...runFacts(a, options.outputDir)],
        ["B", ...runFacts(b, options.outputDir)],
      ],
    },
    ...comparisonTables(a.results, b.results).map((table) => tableBlock(table, runsCaption)),
  ];
}
