/** The overhead section (claims C09, C10): each workload inside each instance as a share of the host's own run. */
import type { BenchResults } from "../bench/benchSchema";
import { medianRatio, overheadRows, requestPathSummary, type OverheadRow } from "../bench/benchSummary";
import { workloads } from "../bench/sysbench";
import type { ReportBlock } from "./document";
import { acceleratorLabel, kindLabel } from "./format";
import type { BenchRuns } from "./overheadVerdicts";
import { chartHeight, plotRange, rowCenter, rowFrames, rowLayout, stackedBar, xAxis, type RowLabel } from "./rowChart";
import { element, linearPosition, svgChart } from "./svg";

export const overheadChartId = "chart-overhead";

/** One bar of the chart: one workload on one platform, the median share of the host over its instances. */
export interface OverheadBar extends RowLabel {
  ratio: number;
  kind: "vm" | "container";
}

function runsOf(runs: BenchRuns): BenchResults[] {
  return [runs.docker, runs.libvirt].filter((results): results is BenchResults => results !== undefined);
}

export function overheadBars(runs: BenchRuns): OverheadBar[] {
  return workloads.flatMap((spec) =>
    runsOf(runs).flatMap((results) => {
      const rows = overheadRows(results);
      const ratio = medianRatio(rows, [spec.workload]);
      const kind = rows[0]?.kind;
      if (ratio === undefined || kind === undefined) return [];
      return [{ label: `${spec.workload} · ${kindLabel(kind)}`, note: `${acceleratorLabel(results.host.accelerator)} · ${(ratio * 100).toFixed(1)} % of the host`, ratio, kind }];
    }),
  );
}

export function overheadChart(bars: readonly OverheadBar[]): string {
  const layout = rowLayout(bars.length, 40);
  const axisMax = Math.max(1.2, ...bars.map((bar) => bar.ratio * 1.05));
  const range = plotRange(layout);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((tick) => ({ x: linearPosition(tick, axisMax, range), label: `${tick * 100} %` }));
  const hostLine = linearPosition(1, axisMax, range);
  const body = [
    rowFrames(layout, bars),
    ...bars.map((bar, index) => stackedBar(layout, rowCenter(layout, index), [{ size: bar.ratio, color: bar.kind === "vm" ? "#2b6cb0" : "#38a169", title: bar.note }], axisMax)),
    element("line", { x1: hostLine, x2: hostLine, y1: layout.top, y2: layout.top + layout.rowHeight * layout.rowCount, stroke: "#1a202c", "stroke-dasharray": "4 3" }, "the host's own rate"),
    xAxis(layout, ticks, "share of the host's rate (median over instances; dashed: the host)"),
  ].join("");
  return svgChart(overheadChartId, "Each workload as a share of the host's own run", layout.width, chartHeight(layout), body);
}

function rowOf(row: OverheadRow, results: BenchResults): string[] {
  return [
    row.workload,
    `${row.app} · ${kindLabel(row.kind)} (${results.stack}, ${results.profile})`,
    acceleratorLabel(results.host.accelerator),
    `${row.hostMedian.toFixed(0)} ${row.unit}`,
    `${row.instanceMedian.toFixed(0)} ${row.unit} (CV ${(row.instanceCv * 100).toFixed(0)} %)`,
    `${(row.ratioToHost * 100).toFixed(1)} %`,
  ];
}

export function benchBlocks(runs: BenchRuns): ReportBlock[] {
  const present = runsOf(runs);
  const heading: ReportBlock = { kind: "heading", level: 2, text: "Overhead: the same workload on the host, in containers and in VMs", id: "overhead" };
  if (present.length === 0) return [heading, { kind: "paragraph", text: "No overhead benchmarks yet: run `npm run bench -- all` with both stacks up." }];
  const versions = [...new Set(present.flatMap((results) => [results.sysbench.host, ...Object.values(results.sysbench.instances)]))].join(", ");
  return [
    heading,
    {
      kind: "paragraph",
      text: `The same sysbench package (${versions}) runs on the host and inside every instance, each run ${workloads[0].method.split(", ").pop()}; the host's run of each workload is taken in the same measurement, interleaved with the instances', and every figure is its share of the host's rate. Disk workloads run where an app keeps data (db: a Docker volume, a VM's qcow2 disk) with O_DIRECT; in a VM that bypasses the guest's page cache but not the host's, which QEMU's default cache mode reads through. ${workloads.map((spec) => `${spec.workload}: ${spec.method}.`).join(" ")}`,
    },
    {
      kind: "table",
      id: "overhead",
      caption: `Overhead per workload and instance · ${present.map((results) => `${results.stack} run ${results.runId}, ${acceleratorLabel(results.host.accelerator)}, ${results.host.cpuModel}, ${results.host.cores} cores`).join(" · ")}`,
      header: ["workload", "instance", "accelerator", "host (median)", "instance (median)", "share of host"],
      rows: present.flatMap((results) => overheadRows(results).map((row) => rowOf(row, results))),
    },
    {
      kind: "table",
      id: "request-path",
      caption: "The lab's own request path from the host: web → api → db",
      header: ["stack", "accelerator", "requests/s (median)", "p50", "p99", "errors", "how"],
      rows: present.map((results) => {
        const summary = requestPathSummary(results);
        return [`${results.stack} (${results.profile})`, acceleratorLabel(results.host.accelerator), summary.requestsPerSecond.toFixed(0), `${summary.p50Ms.toFixed(1)} ms`, `${summary.p99Ms.toFixed(1)} ms`, String(summary.errors), results.requestPath.method];
      }),
    },
    { kind: "figure", id: overheadChartId, title: "Each workload as a share of the host's own run", caption: "Median over the instances that ran the workload; 100 % is the host's rate in the same measurement.", svg: overheadChart(overheadBars(runs)) },
  ];
}
