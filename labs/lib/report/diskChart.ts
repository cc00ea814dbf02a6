/**
 * Chart (c): disk per stack, two stacked bars each. Copy-on-write: the shared image part stored once plus every
 * instance's own bytes (allocatedBytes). Full copies: what every instance would need with nothing shared
 * (fullCopyEquivalentBytes), one segment per instance.
 */
import { appNames, type AppName } from "../../../model/catalog/apps";
import type { MeasurementResults } from "../measure/resultsSchema";
import { acceleratorLabel, formatBytes } from "./format";
import { presentStacks, type ReportInput } from "./reportInput";
import { byteAxis, chartHeight, rowCenter, rowFrames, rowLayout, stackedBar, xAxis, type RowLabel } from "./rowChart";
import { legend, svgChart, type LegendItem } from "./svg";

/** What a disk segment holds: the shared image part, or one app's bytes. */
export type DiskPart = "shared" | AppName;

/** One part of a disk bar. */
export interface DiskSegment {
  /** Shared part or the app it belongs to. */
  part: DiskPart;
  /** Its size. */
  bytes: number;
}

/** One row of the disk chart: one way of storing one stack. */
export interface DiskRow extends RowLabel {
  /** The bar's parts, left to right. */
  segments: DiskSegment[];
}

/** Id of the disk chart's <svg>. */
export const diskChartId = "chart-disk";

/** Colour and legend text of each part. */
const diskParts: Record<DiskPart, LegendItem> = {
  shared: { label: "shared image part, stored once", color: "#718096" },
  web: { label: "web instance", color: "#38a169" },
  api: { label: "api instance", color: "#d69e2e" },
  db: { label: "db instance", color: "#c53030" },
};

function total(segments: readonly DiskSegment[]): number {
  return segments.reduce((sum, segment) => sum + segment.bytes, 0);
}

/** The two rows of one stack: copy-on-write (shared once + own bytes) and full copies. */
export function diskRowsOfStack(stack: string, results: MeasurementResults): DiskRow[] {
  const accelerator = acceleratorLabel(results.host.accelerator);
  const byApp = appNames.flatMap((app) => results.instances.filter((instance) => instance.app === app));
  const copyOnWrite: DiskSegment[] = [{ part: "shared", bytes: results.disk.sharedBytes }, ...byApp.map((instance) => ({ part: instance.app, bytes: instance.disk.allocatedBytes }))];
  const fullCopies: DiskSegment[] = byApp.map((instance) => ({ part: instance.app, bytes: instance.disk.fullCopyEquivalentBytes }));
  return [
    { label: `${stack} · copy-on-write`, note: `${accelerator} · ${formatBytes(total(copyOnWrite))}`, segments: copyOnWrite },
    { label: `${stack} · full copies`, note: `${accelerator} · ${formatBytes(total(fullCopies))}`, segments: fullCopies },
  ];
}

/** Disk rows of every stack with results. */
export function diskRows(input: ReportInput): DiskRow[] {
  return presentStacks(input).flatMap(({ stack, located }) => diskRowsOfStack(stack, located.results));
}

/** The disk chart as an <svg>: one stacked bar per row on a linear byte axis from 0. */
export function diskChart(rows: readonly DiskRow[]): string {
  const layout = rowLayout(rows.length, 56);
  const { axisMax, ticks } = byteAxis(layout, Math.max(...rows.map((row) => total(row.segments))));
  const bars = rows
    .map((row, index) => {
      const parts = row.segments.map((segment) => ({ size: segment.bytes, color: diskParts[segment.part].color, title: `${row.label}: ${diskParts[segment.part].label} ${formatBytes(segment.bytes)}` }));
      return stackedBar(layout, rowCenter(layout, index), parts, axisMax);
    })
    .join("");
  const body = legend(Object.values(diskParts), 10, 30, 200) + rowFrames(layout, rows) + xAxis(layout, ticks, "host disk per stack (linear scale)") + bars;
  return svgChart(diskChartId, "Disk per stack: copy-on-write vs full copies", layout.width, chartHeight(layout), body);
}
