/**
 * The waterfall chart of one run: one bar per instance from the start request to its ready check, cut into its boot
 * phases' medians, with a triangle where the engine's start call returned, and the run's floors as bars of their own below.
 */
import { formatDuration } from "./format";
import { chartHeight, plotRange, rowCenter, rowFrames, rowLayout, stackedBar, xAxis, type RowLabel, type RowLayout } from "./rowChart";
import { element, legend, linearPosition, svgChart, text, timeTickLabel, timeTicks, type LegendItem } from "./svg";
import { phaseLabel, phaseStepNames, type PhaseStep, type WaterfallPhase } from "./waterfall";

/** One bar: an instance's phases, or a floor's. */
export interface WaterfallRow extends RowLabel {
  /** Left to right from the start request. */
  phases: WaterfallPhase[];
  /** Median start → ready (or → done, for a floor), written after the bar. */
  totalMs: number;
  /** Median time the engine's start call took, drawn as a line across the bar. */
  engineCallMs?: number;
}

/** Colour of each step; a phase spanning several steps takes its first step's colour. */
export const phaseColors: Record<PhaseStep, string> = {
  vmm: "#718096",
  runtime: "#4a5568",
  kernel: "#dd6b20",
  initramfs: "#b7791f",
  init: "#805ad5",
  app: "#38a169",
};

const engineCallColor = "#1a202c";

/** Where a waterfall row's bar ends: its phases' medians added up (a negative median draws nothing). */
export function barEndMs(row: WaterfallRow): number {
  return row.phases.reduce((sum, phase) => sum + Math.max(0, phase.medianMs), 0);
}

/** The farthest point a row reaches on the time axis: bar end, total or engine call. */
function rowReachMs(row: WaterfallRow): number {
  return Math.max(barEndMs(row), row.totalMs, row.engineCallMs ?? 0);
}

/** A small triangle pointing down at `x`, its tip at `tipY`: where the engine's start call returned. */
function engineCallMark(x: number, tipY: number, title?: string): string {
  return element("path", { d: `M ${x - 5} ${tipY - 7} L ${x + 5} ${tipY - 7} L ${x} ${tipY} Z`, fill: engineCallColor }, title);
}

/** The step colours the rows use, in step order, and the engine call's mark where any row has one. */
function legendMarkup(rows: readonly WaterfallRow[], y: number): string {
  const used = new Set(rows.flatMap((row) => row.phases.map((phase) => phase.steps[0])));
  const items: LegendItem[] = (Object.keys(phaseColors) as PhaseStep[]).filter((step) => used.has(step)).map((step) => ({ label: phaseStepNames[step], color: phaseColors[step] }));
  const spacing = 100;
  const swatches = legend(items, 10, y, spacing);
  if (!rows.some((row) => row.engineCallMs !== undefined)) return swatches;
  const x = 10 + items.length * spacing;
  return swatches + engineCallMark(x + 6, y + 11) + text(x + 17, y + 10, "engine start call returned", { class: "legend" });
}

/** The chart as an <svg>: rows top to bottom, a linear time axis from 0 to the tick at or above the farthest row. */
export function waterfallChart(id: string, title: string, rows: readonly WaterfallRow[]): string {
  const layout: RowLayout = { ...rowLayout(rows.length, 56), plotRight: 780 };
  const ticks = timeTicks(Math.max(...rows.map(rowReachMs)));
  const axisMax = ticks[ticks.length - 1];
  const range = plotRange(layout);
  const bars = rows
    .map((row, index) => {
      const center = rowCenter(layout, index);
      const parts = row.phases.map((phase) => ({
        size: Math.max(0, phase.medianMs),
        color: phaseColors[phase.steps[0]],
        title: `${row.label}: ${phase.label} ${formatDuration(phase.medianMs)} (median of ${phase.samples})`,
        labels: [`${phase.label} ${formatDuration(phase.medianMs)}`, phase.label, phaseLabel(phase.steps)],
      }));
      const engineCall =
        row.engineCallMs === undefined
          ? ""
          : engineCallMark(linearPosition(row.engineCallMs, axisMax, range), center - 9, `${row.label}: the engine's start call returned after ${formatDuration(row.engineCallMs)} (median)`);
      const totalX = linearPosition(Math.max(barEndMs(row), row.totalMs), axisMax, range) + 6;
      return stackedBar(layout, center, parts, axisMax) + engineCall + text(totalX, center + 4, formatDuration(row.totalMs), { class: "bar-total" });
    })
    .join("");
  const axisTicks = ticks.map((ms) => ({ x: linearPosition(ms, axisMax, range), label: timeTickLabel(ms) }));
  const body = legendMarkup(rows, 30) + rowFrames(layout, rows) + xAxis(layout, axisTicks, "from the start request: each phase's median (linear scale); after each bar its median total") + bars;
  return svgChart(id, title, layout.width, chartHeight(layout), body);
}
