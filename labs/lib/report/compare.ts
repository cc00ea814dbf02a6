/** Comparing two runs: the change of every figure from run A to run B, absolute and relative. */
import * as path from "node:path";
import { appNames } from "../../../model/catalog/apps";
import type { LocatedResults } from "../measure/results";
import type { MeasurementResults } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";
import type { ReportBlock, TableCell } from "./document";
import { acceleratorLabel, formatBytes, formatBytesChange, formatDuration, formatDurationChange, formatPercentChange, kindLabel } from "./format";
import { idleText } from "./header";

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

/** Every figure of A against B: per app boot median, host memory and own disk bytes, then the stack totals. */
export function compareRuns(before: MeasurementResults, after: MeasurementResults): FigureComparison[] {
  const perApp = appNames.flatMap((app) => {
    const a = before.instances.find((instance) => instance.app === app);
    const b = after.instances.find((instance) => instance.app === app);
    if (!a && !b) return [];
    return [
      compared(`${app}: boot median`, "ms", a && summarize(a.boot.samplesMs).median, b && summarize(b.boot.samplesMs).median),
      compared(`${app}: host memory`, "bytes", a?.memory.hostBytes, b?.memory.hostBytes),
      compared(`${app}: disk own bytes`, "bytes", a?.disk.allocatedBytes, b?.disk.allocatedBytes),
    ];
  });
  return [
    ...perApp,
    compared("stack: host memory total", "bytes", before.memory.totalBytes, after.memory.totalBytes),
    compared("stack: disk total", "bytes", before.disk.totalBytes, after.disk.totalBytes),
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

/** Header of the comparison table. */
export const comparisonHeader = ["figure", "A", "B", "change B − A", "change %"];

/** How a run is named in a comparison: "docker/2026-11-25T13-40-04.261Z". */
export function runLabel(results: MeasurementResults): string {
  return `${results.stack}/${results.runId}`;
}

function runFacts(located: LocatedResults, outputDir: string): TableCell[] {
  const { results } = located;
  const kinds = [...new Set(results.instances.map((instance) => kindLabel(instance.kind)))].join(", ");
  return [
    `\`${path.relative(outputDir, located.file)}\``,
    `${results.stack} (${kinds})`,
    acceleratorLabel(results.host.accelerator),
    `${results.host.cpuModel}, ${results.host.cores} cores, kernel ${results.host.kernel}`,
    idleText(results),
  ];
}

/** The comparison document: which runs, and the change of every figure, captioned with accelerators and hosts. */
export function comparisonBlocks(a: LocatedResults, b: LocatedResults, options: { generatedAt: Date; outputDir: string }): ReportBlock[] {
  const describe = (results: MeasurementResults) => `${runLabel(results)}: ${acceleratorLabel(results.host.accelerator)} on ${results.host.cpuModel}, ${results.host.cores} cores`;
  return [
    { kind: "heading", level: 1, text: `Comparison: ${runLabel(a.results)} vs ${runLabel(b.results)}` },
    { kind: "paragraph", text: `Generated ${options.generatedAt.toISOString()} by \`npm run report -- --compare\`. Change is B − A; percent is relative to A.` },
    {
      kind: "table",
      id: "compared-runs",
      caption: "The runs",
      header: ["run", "results file", "stack (instances)", "accelerator", "host", "host judged idle"],
      rows: [
        ["A", ...runFacts(a, options.outputDir)],
        ["B", ...runFacts(b, options.outputDir)],
      ],
    },
    {
      kind: "table",
      id: "changes",
      caption: `Change of every figure · A = ${describe(a.results)} · B = ${describe(b.results)}`,
      header: comparisonHeader,
      rows: compareRuns(a.results, b.results).map(comparisonCells),
    },
  ];
}
