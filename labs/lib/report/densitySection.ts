/**
 * The report's density section: how many copies of the db app each platform ran beside its stack, in how much host
 * memory, and how long each copy took to answer; from the latest `npm run density` run of each stack.
 */
import type { InstanceKind } from "../../../model/deployment";
import { platformNames } from "../../../model/labConfig";
import type { DensityResults, DensityRuns } from "../density/densityResults";
import { finalStep, instancesPerGiB } from "../density/densitySteps";
import { summarize } from "../measure/stats";
import { bootChart, type BootRow } from "./bootChart";
import type { ReportBlock } from "./document";
import { acceleratorLabel, formatBytes, formatDuration, kindLabel } from "./format";
import { byteAxis, chartHeight, plotRange, rowCenter, rowFrames, rowLayout, stackedBar, xAxis, type RowLabel } from "./rowChart";
import { element, legend, linearPosition, svgChart, type LegendItem } from "./svg";

export const densitySectionId = "density";
export const densityMemoryChartId = "chart-density-memory";
export const densityBootChartId = "chart-density-boot";

/** One row of the density memory chart: one platform's copies side by side, as its run ended. */
export interface DensityMemoryRow extends RowLabel {
  kind: InstanceKind;
  /** Each copy's host memory at the last step, oldest first. */
  copiesBytes: number[];
  /** The run's memory budget, drawn as a dashed line. */
  budgetBytes: number;
}

/** Two alternating shades per kind, so that neighbouring copies stay apart. */
const copyShades: Record<InstanceKind, [string, string]> = { container: ["#2b6cb0", "#63b3ed"], vm: ["#dd6b20", "#f6ad55"] };
const budgetColor = "#1a202c";

/** The density runs in report order (docker, then libvirt). */
export function densityRunList(runs: DensityRuns | undefined): DensityResults[] {
  return platformNames.flatMap((stack) => runs?.[stack] ?? []);
}

/** "copies of db · container". */
function rowLabel(results: DensityResults): string {
  return `db copies · ${kindLabel(results.kind)}`;
}

export function densityMemoryRows(runs: readonly DensityResults[]): DensityMemoryRow[] {
  return runs.map((results) => {
    const last = finalStep(results);
    return {
      label: rowLabel(results),
      note: `${acceleratorLabel(results.host.accelerator)} · ${last.copies} in ${formatBytes(last.totalHostBytes)} · ${instancesPerGiB(last).toFixed(1)} per GiB`,
      kind: results.kind,
      copiesBytes: last.copiesHostBytes,
      budgetBytes: results.limits.budgetBytes,
    };
  });
}

/** The copies' host memory as one bar per platform, a segment per copy, on a linear byte axis that reaches the budget. */
export function densityMemoryChart(rows: readonly DensityMemoryRow[]): string {
  const layout = rowLayout(rows.length, 56);
  const longest = Math.max(...rows.map((row) => Math.max(row.budgetBytes, row.copiesBytes.reduce((sum, bytes) => sum + bytes, 0))));
  const { axisMax, ticks } = byteAxis(layout, longest);
  const bars = rows
    .map((row, index) => {
      const center = rowCenter(layout, index);
      const parts = row.copiesBytes.map((bytes, copy) => ({ size: bytes, color: copyShades[row.kind][copy % 2], title: `${row.label}: copy ${copy + 1}, ${formatBytes(bytes)}` }));
      const budgetX = linearPosition(row.budgetBytes, axisMax, plotRange(layout));
      const budget = element("line", { x1: budgetX, y1: center - 14, x2: budgetX, y2: center + 14, stroke: budgetColor, "stroke-width": 2, "stroke-dasharray": "4 2" }, `${row.label}: budget ${formatBytes(row.budgetBytes)}`);
      return stackedBar(layout, center, parts, axisMax) + budget;
    })
    .join("");
  const legendItems: LegendItem[] = [
    { label: "a container copy", color: copyShades.container[0] },
    { label: "a VM copy", color: copyShades.vm[0] },
    { label: "memory budget", color: budgetColor, outline: true },
  ];
  const body = legend(legendItems, 10, 30, 160) + rowFrames(layout, rows) + xAxis(layout, ticks, "host memory (PSS) of all copies at the end of the run; one segment per copy (linear scale)") + bars;
  return svgChart(densityMemoryChartId, "Copies against host memory", layout.width, chartHeight(layout), body);
}

export function densityBootRows(runs: readonly DensityResults[]): BootRow[] {
  return runs.map((results) => {
    const summary = summarize(results.steps.map((step) => step.startToReadyMs));
    return {
      label: rowLabel(results),
      note: `${acceleratorLabel(results.host.accelerator)} · median ${formatDuration(summary.median)} (n = ${summary.count})`,
      kind: results.kind,
      samplesMs: results.steps.map((step) => step.startToReadyMs),
    };
  });
}

/** "docker (tuned): native · libvirt (tuned): TCG emulation · host: AMD EPYC, 2 cores". */
function densityCaption(runs: readonly DensityResults[]): string {
  const hosts = [...new Set(runs.map((results) => `${results.host.cpuModel}, ${results.host.cores} cores`))];
  return [...runs.map((results) => `${results.stack} (${results.profile}): ${acceleratorLabel(results.host.accelerator)}`), `host${hosts.length > 1 ? "s" : ""}: ${hosts.join("; ")}`].join(" · ");
}

function densityTableRow(results: DensityResults): string[] {
  const last = finalStep(results);
  const boot = summarize(results.steps.map((step) => step.startToReadyMs));
  return [
    kindLabel(results.kind),
    `${acceleratorLabel(results.host.accelerator)} · ${results.profile}`,
    formatBytes(results.copyOf.memoryLimitBytes),
    String(last.copies),
    results.stopped.detail,
    `${formatDuration(boot.median)} (${formatDuration(boot.min)}–${formatDuration(boot.max)})`,
    formatBytes(last.totalHostBytes / last.copies),
    formatBytes(last.totalHostBytes),
    instancesPerGiB(last).toFixed(1),
    `${formatBytes(results.memAvailableBeforeBytes)} → ${formatBytes(last.memAvailableBytes)}`,
  ];
}

/** The density section: what was done, a table per platform and two charts, and how to get a platform's missing run; nothing without any run (the ledger's C12 row says how to get them). */
export function densityBlocks(runs: DensityRuns | undefined): ReportBlock[] {
  const list = densityRunList(runs);
  if (list.length === 0) return [];
  const missing = platformNames.filter((stack) => runs?.[stack] === undefined);
  const notice: ReportBlock[] = missing.map((stack) => ({ kind: "paragraph", className: "notice", text: `No density run of ${stack} yet: \`npm run density -- ${stack}\` (with the stack up).` }));
  const caption = densityCaption(list);
  return [
    { kind: "heading", level: 2, text: "Density", id: densitySectionId },
    {
      kind: "paragraph",
      text: "Copies of the db app (Redis) were started one at a time beside the running stack, from the stack's own image or domain settings, until the most asked for, the memory budget, the host's reserve or a boot timeout stopped the run. Each copy is timed from the engine's call until it answered PING, and weighed by PSS as the stack's instances are; after each new copy every copy was weighed again, since shared pages are split among more copies as they come.",
    },
    ...notice,
    {
      kind: "table",
      id: "density-table",
      caption: `Copies per platform, at the end of each run · ${caption}`,
      header: ["copies are", "accelerator · profile", "limit or RAM each", "copies", "stopped because", "start→ready median (min–max)", "host memory per copy", "all copies", "instances per GiB", "MemAvailable before → after"],
      rows: list.map(densityTableRow),
    },
    {
      kind: "figure",
      id: densityMemoryChartId,
      title: "Copies against host memory",
      caption: `How much of the memory budget each platform's copies used together; the fewer bytes a copy takes, the more copies fit. ${caption}`,
      svg: densityMemoryChart(densityMemoryRows(list)),
    },
    {
      kind: "figure",
      id: densityBootChartId,
      title: "Start→ready of each copy",
      caption: `Every copy from the engine's call until it answered PING, as a dot; the bar is the median. Log time axis. ${caption}`,
      svg: bootChart(densityBootRows(list), { id: densityBootChartId, title: "Start→ready of each density copy" }),
    },
  ];
}
