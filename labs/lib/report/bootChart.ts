/** Chart (a): every boot sample of every instance as a dot, with a tick at the median, on a log time axis. */
import type { InstanceKind } from "../../../model/deployment";
import { summarize } from "../measure/stats";
import { acceleratorLabel, formatDuration, kindLabel } from "./format";
import { measuredInstances, type ReportInput } from "./reportInput";
import { chartHeight, plotRange, rowCenter, rowFrames, rowLayout, xAxis, type RowLabel } from "./rowChart";
import { element, logDomain, logPosition, logTicks, svgChart, timeTickLabel } from "./svg";

/** One row of the boot chart: one instance's samples. */
export interface BootRow extends RowLabel {
  /** Decides the dots' colour. */
  kind: InstanceKind;
  /** Start-to-ready times in milliseconds. */
  samplesMs: number[];
}

/** Id of the boot chart's <svg>. */
export const bootChartId = "chart-boot";

/** Dot colour per instance kind. */
const kindColors: Record<InstanceKind, string> = { container: "#2b6cb0", vm: "#dd6b20" };

/** Boot rows of every measured instance, labelled with app, platform, accelerator and median. */
export function bootRows(input: ReportInput): BootRow[] {
  return measuredInstances(input).map(({ results, instance }) => {
    const summary = summarize(instance.boot.samplesMs);
    return {
      label: `${instance.app} · ${kindLabel(instance.kind)}`,
      note: `${acceleratorLabel(results.host.accelerator)} · median ${formatDuration(summary.median)} (n = ${summary.count})`,
      kind: instance.kind,
      samplesMs: instance.boot.samplesMs,
    };
  });
}

/** Vertical offset of sample `index` from its row's centre, so that equal samples stay visible side by side. */
export function sampleOffset(index: number): number {
  return ((index % 3) - 1) * 6;
}

/** The boot chart as an <svg>: rows top to bottom in the given order, log time axis labelled with 1-2-5 ticks. */
export function bootChart(rows: readonly BootRow[], chart: { id: string; title: string } = { id: bootChartId, title: "Boot time per app and platform" }): string {
  const layout = rowLayout(rows.length, 36);
  const all = rows.flatMap((row) => row.samplesMs);
  const domain = logDomain(Math.min(...all), Math.max(...all));
  const range = plotRange(layout);
  const ticks = logTicks(domain).map((ms) => ({ x: logPosition(ms, domain, range), label: timeTickLabel(ms) }));
  const marks = rows
    .map((row, index) => {
      const center = rowCenter(layout, index);
      const color = kindColors[row.kind];
      const dots = row.samplesMs
        .map((ms, sample) => element("circle", { cx: logPosition(ms, domain, range), cy: center + sampleOffset(sample), r: 4, fill: color, "fill-opacity": 0.7 }, `${row.label}: sample ${sample + 1}, ${formatDuration(ms)}`))
        .join("");
      const median = summarize(row.samplesMs).median;
      const medianX = logPosition(median, domain, range);
      const tick = element("line", { x1: medianX, y1: center - 12, x2: medianX, y2: center + 12, stroke: "#1a202c", "stroke-width": 3 }, `${row.label}: median ${formatDuration(median)}`);
      return dots + tick;
    })
    .join("");
  const body = rowFrames(layout, rows) + xAxis(layout, ticks, "start request → app ready check passes (log scale); dots: samples, bar: median") + marks;
  return svgChart(chart.id, chart.title, layout.width, chartHeight(layout), body);
}
