/**
 * The report's figures for a spreadsheet, report.csv: for every run the report shows, each instance's figures as the
 * measuring step's CSV has them, then each boot floor the run measured, one row a figure, every row naming its run
 * and boot profile.
 */
import type { BootProfile } from "../../../model/bootProfile";
import type { AppName } from "../../../model/catalog/apps";
import type { InstanceKind } from "../../../model/deployment";
import { toCsvRows, type CsvRow } from "../measure/results";
import type { MeasurementResults } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";
import { floorKeys, type FloorKey } from "./floorTable";
import { profileOf, reportRuns, type ReportInput } from "./reportInput";

/** How a floor's row names it in the metric column, and the kind of instance it is the floor of. */
export const floorRowFacts = {
  engineCli: { metric: "engineFloorCli", kind: "container" },
  engineApi: { metric: "engineFloorApi", kind: "container" },
  vmKernel: { metric: "vmKernelFloor", kind: "vm" },
} as const satisfies Record<FloorKey, { metric: string; kind: InstanceKind }>;

/** One figure of one run, summarized over its samples: an instance's figure or a floor's start → done time. */
export interface ReportCsvRow extends Omit<CsvRow, "app" | "metric"> {
  /** The boot profile the run's instances booted with. */
  profile: BootProfile;
  /** The run's id: when it started. */
  run: string;
  /** The catalog app; empty on a floor's row (a floor has no app). */
  app: AppName | "";
  /** An instance's bootToReady, hostMemory or diskAllocated, or a floor. */
  metric: CsvRow["metric"] | (typeof floorRowFacts)[FloorKey]["metric"];
}

/** Column order of report.csv. */
export const reportCsvColumns: readonly (keyof ReportCsvRow)[] = ["stack", "profile", "run", "app", "kind", "metric", "unit", "median", "min", "max", "samples", "method", "accelerator"];

function floorRows(results: MeasurementResults): Omit<ReportCsvRow, "profile" | "run">[] {
  return floorKeys.flatMap((key) => {
    const floor = results.floors?.[key];
    if (!floor) return [];
    const { median, min, max, count } = summarize(floor.samplesMs);
    const { metric, kind } = floorRowFacts[key];
    return [{ stack: results.stack, app: "", kind, metric, unit: "ms", median, min, max, samples: count, method: floor.method, accelerator: results.host.accelerator }];
  });
}

/** The rows of every run the report shows: the docker run, then the libvirt run of each VM boot profile. */
export function reportCsvRows(input: ReportInput): ReportCsvRow[] {
  return reportRuns(input).flatMap((results) => {
    const run = { profile: profileOf(results), run: results.runId };
    return [...toCsvRows(results), ...floorRows(results)].map((row) => ({ ...row, ...run }));
  });
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows as RFC 4180 CSV with a header line, fields quoted only where needed. */
export function formatReportCsv(rows: readonly ReportCsvRow[]): string {
  const lines = [reportCsvColumns.join(","), ...rows.map((row) => reportCsvColumns.map((column) => csvField(row[column])).join(","))];
  return `${lines.join("\n")}\n`;
}
