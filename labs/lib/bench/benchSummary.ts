import { summarize } from "../measure/stats";
import type { BenchResults } from "./benchSchema";

/** One workload in one instance beside the host's run of it: medians and their ratio (1 = as fast as the host). */
export interface OverheadRow {
  workload: BenchResults["workloads"][number]["workload"];
  unit: string;
  app: string;
  kind: "vm" | "container";
  accelerator: string;
  hostMedian: number;
  instanceMedian: number;
  /** Spread of the instance's samples (coefficient of variation). */
  instanceCv: number;
  ratioToHost: number;
}

export function overheadRows(results: BenchResults): OverheadRow[] {
  return results.workloads.flatMap((workload) => {
    const hostMedian = summarize(workload.host.samples).median;
    return workload.instances.map((instance) => {
      const summary = summarize(instance.samples);
      return {
        workload: workload.workload,
        unit: workload.unit,
        app: instance.app,
        kind: instance.kind,
        accelerator: results.host.accelerator,
        hostMedian,
        instanceMedian: summary.median,
        instanceCv: summary.cv,
        ratioToHost: hostMedian === 0 ? 0 : summary.median / hostMedian,
      };
    });
  });
}

/** The median ratio to the host of a workload over a run's instances; undefined when the run has none of it. */
export function medianRatio(rows: readonly OverheadRow[], workloads: readonly OverheadRow["workload"][]): number | undefined {
  const ratios = rows.filter((row) => workloads.includes(row.workload)).map((row) => row.ratioToHost);
  return ratios.length === 0 ? undefined : summarize(ratios).median;
}

/** The request path's medians over the run's samples. */
export function requestPathSummary(results: BenchResults): { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number } {
  const samples = results.requestPath.samples;
  return {
    requestsPerSecond: summarize(samples.map((sample) => sample.requestsPerSecond)).median,
    p50Ms: summarize(samples.map((sample) => sample.p50Ms)).median,
    p99Ms: summarize(samples.map((sample) => sample.p99Ms)).median,
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
  };
}
