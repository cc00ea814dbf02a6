/**
 * Chart (b): host memory per instance as a bar stacked by kind of memory. Containers: anonymous memory, page cache and
 * their containerd shim; VMs: the QEMU process's PSS split into anonymous and file-backed parts, with the RAM the VM
 * was configured with drawn as a dashed outline around the bar. Whatever the host figure holds beyond the parts the
 * breakdown names is a grey "other" segment, so each bar is as long as the instance's host memory.
 */
import type { InstanceResult } from "../measure/resultsSchema";
import { acceleratorLabel, formatBytes, kindLabel } from "./format";
import { measuredInstances, type ReportInput } from "./reportInput";
import { byteAxis, chartHeight, plotRange, rowCenter, rowFrames, rowLayout, stackedBar, xAxis, type RowLabel } from "./rowChart";
import { element, legend, linearPosition, svgChart, type LegendItem } from "./svg";

/** The kinds a memory bar is stacked from. */
export type MemoryKind = "anon" | "file" | "shim" | "other";

/** One part of a memory bar. */
export interface MemorySegment {
  /** Which kind of memory. */
  kind: MemoryKind;
  /** Its size. */
  bytes: number;
}

/** One row of the memory chart: one instance. */
export interface MemoryRow extends RowLabel {
  /** The bar's parts, left to right. */
  segments: MemorySegment[];
  /** The VM's configured RAM, drawn as an outline; absent for containers. */
  configuredBytes?: number;
}

/** Id of the memory chart's <svg>. */
export const memoryChartId = "chart-memory";

/** Colour and legend text of each memory kind. */
const memoryKinds: Record<MemoryKind, LegendItem> = {
  anon: { label: "anonymous", color: "#2b6cb0" },
  file: { label: "file-backed / page cache", color: "#90cdf4" },
  shim: { label: "containerd shim", color: "#805ad5" },
  other: { label: "other (kernel, shared)", color: "#a0aec0" },
};

/** Colour of the configured-RAM outline. */
const configuredColor = "#dd6b20";

/** Splits an instance's host memory into the kinds its breakdown names, plus the rest as "other"; empty parts are left out. */
export function memorySegments(instance: InstanceResult): MemorySegment[] {
  const breakdown = instance.memory.breakdown;
  const named: MemorySegment[] = [
    { kind: "anon", bytes: breakdown.anonBytes ?? 0 },
    { kind: "file", bytes: breakdown.fileCacheBytes ?? 0 },
    { kind: "shim", bytes: instance.kind === "container" ? (breakdown.shimPssBytes ?? breakdown.shimRssBytes ?? 0) : 0 },
  ];
  const namedBytes = named.reduce((sum, segment) => sum + segment.bytes, 0);
  return [...named, { kind: "other" as const, bytes: Math.max(0, instance.memory.hostBytes - namedBytes) }].filter((segment) => segment.bytes > 0);
}

/** Memory rows of every measured instance; VMs carry their configured RAM. */
export function memoryRows(input: ReportInput): MemoryRow[] {
  return measuredInstances(input).map(({ results, instance }) => {
    const isVm = instance.kind === "vm";
    const configured = isVm ? ` of ${formatBytes(instance.memory.breakdown.configuredBytes)}` : "";
    return {
      label: `${instance.app} · ${kindLabel(instance.kind)}`,
      note: `${acceleratorLabel(results.host.accelerator)} · ${formatBytes(instance.memory.hostBytes)}${configured}`,
      segments: memorySegments(instance),
      configuredBytes: isVm ? instance.memory.breakdown.configuredBytes : undefined,
    };
  });
}

/** The memory chart as an <svg>: one stacked bar per row on a linear byte axis from 0. */
export function memoryChart(rows: readonly MemoryRow[]): string {
  const layout = rowLayout(rows.length, 56);
  const longest = Math.max(...rows.map((row) => Math.max(row.configuredBytes ?? 0, row.segments.reduce((sum, segment) => sum + segment.bytes, 0))));
  const { axisMax, ticks } = byteAxis(layout, longest);
  const bars = rows
    .map((row, index) => {
      const center = rowCenter(layout, index);
      const parts = row.segments.map((segment) => ({ size: segment.bytes, color: memoryKinds[segment.kind].color, title: `${row.label}: ${memoryKinds[segment.kind].label} ${formatBytes(segment.bytes)}` }));
      const outline =
        row.configuredBytes === undefined
          ? ""
          : element(
              "rect",
              { x: layout.plotLeft, y: center - 13, width: linearPosition(row.configuredBytes, axisMax, plotRange(layout)) - layout.plotLeft, height: 26, fill: "none", stroke: configuredColor, "stroke-width": 2, "stroke-dasharray": "5 3" },
              `${row.label}: configured RAM ${formatBytes(row.configuredBytes)}`,
            );
      return stackedBar(layout, center, parts, axisMax) + outline;
    })
    .join("");
  const legendItems: LegendItem[] = [...Object.values(memoryKinds), { label: "configured RAM (VMs)", color: configuredColor, outline: true }];
  const body = legend(legendItems, 10, 30, 160) + rowFrames(layout, rows) + xAxis(layout, ticks, "host memory per instance, at rest after ready (linear scale)") + bars;
  return svgChart(memoryChartId, "Host memory per instance, by kind", layout.width, chartHeight(layout), body);
}
