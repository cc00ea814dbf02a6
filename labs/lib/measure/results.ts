import * as fs from "node:fs";
import * as path from "node:path";
import { parseStackName } from "../../../model/participants";
import type { AppName } from "../../../model/catalog/apps";
import type { ExecutionMode, InstanceKind } from "../../../model/deployment";
import type { BootProfile } from "../../../model/bootProfile";
import { newestRunFile, writeRunFile } from "../jsonFile";
import { parseResults, type BootFloors, type CrossCheck, type MeasurementResults } from "./resultsSchema";
import { agreesWithin, summarize } from "./stats";

/** Builds the cross-check of `figure` by a second measurement, deciding agreement with agreesWithin. */
export function makeCrossCheck(figure: number, second: { method: string; value: number; toleranceFraction: number; note?: string }): CrossCheck {
  return { ...second, agrees: agreesWithin(figure, second.value, second.toleranceFraction) };
}

/** Reads and validates one results file; throws naming the file and every problem. */
export function readResults(file: string): MeasurementResults {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not a readable JSON results file (${(error as Error).message})`);
  }
  const parsed = parseResults(value);
  if (!parsed.results) throw new Error(`${file} is not a valid results file:\n${parsed.problems.map((problem) => `  ${problem}`).join("\n")}`);
  return parsed.results;
}

/** A results file and its content. */
export interface LocatedResults {
  /** Path of the results file. */
  file: string;
  /** Its validated content. */
  results: MeasurementResults;
}

/**
 * The folder of a stack's runs in a results folder: its platform, as a results folder holds one stack per platform
 * (the lab's own in results/, one participant's in results/participants/NAME); another stack name is its own folder.
 */
export function stackFolder(stackName: string): string {
  return parseStackName(stackName)?.platform ?? stackName;
}

/** The folder of the participants' results folders: `<resultsDir>/participants/NAME`, each laid out as results/ is. */
export function participantsDir(resultsDir: string): string {
  return path.join(resultsDir, "participants");
}

/** The newest results of a stack (run ids sort by time), or undefined when the stack has none yet. */
export function latestResults(resultsDir: string, stack: string): LocatedResults | undefined {
  const file = newestRunFile(path.join(resultsDir, stack));
  return file === undefined ? undefined : { file, results: readResults(file) };
}

/**
 * Validates and writes results to `<resultsDir>/<stackFolder>/<runId>.json`, through a temporary file so readers never
 * see half a file; refuses invalid results and never overwrites an earlier run. Returns the file written.
 */
export function writeResults(resultsDir: string, results: MeasurementResults): string {
  const { problems } = parseResults(results);
  if (problems.length > 0) throw new Error(`refusing to write invalid results:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  return writeRunFile(path.join(resultsDir, stackFolder(results.stack)), results.runId, results);
}

/** How a floor's row names it in the metric column, and the kind of instance it is the floor of. */
export const floorCsvFacts = {
  engineCli: { metric: "engineFloorCli", kind: "container" },
  engineApi: { metric: "engineFloorApi", kind: "container" },
  vmKernel: { metric: "vmKernelFloor", kind: "vm" },
} as const satisfies Record<keyof BootFloors, { metric: string; kind: InstanceKind }>;

/** One CSV row: one figure of one instance or one floor of a run, summarized over its samples. */
export interface CsvRow {
  /** The Pulumi stack. */
  stack: string;
  /** The boot profile the run's instances booted with (typical for runs recorded before profiles). */
  profile: BootProfile;
  /** The run's id: when it started. */
  run: string;
  /** The catalog app; empty on a floor's row (a floor has no app). */
  app: AppName | "";
  /** vm or container. */
  kind: InstanceKind;
  /** An instance's bootToReady, hostMemory or diskAllocated, or a floor. */
  metric: "bootToReady" | "hostMemory" | "diskAllocated" | (typeof floorCsvFacts)[keyof BootFloors]["metric"];
  /** Unit of median, min and max. */
  unit: "ms" | "bytes";
  /** Median of the samples. */
  median: number;
  /** Smallest sample. */
  min: number;
  /** Largest sample. */
  max: number;
  /** Number of samples summarized. */
  samples: number;
  /** How the figure was measured. */
  method: string;
  /** native, kvm or tcg: what ran the instance's CPU. */
  accelerator: ExecutionMode;
}

/** Column order of the CSV file. */
export const csvColumns: readonly (keyof CsvRow)[] = ["stack", "profile", "run", "app", "kind", "metric", "unit", "median", "min", "max", "samples", "method", "accelerator"];

/** Flattens results into one row per instance per metric (boot, memory, disk), then one per floor the run measured. */
export function toCsvRows(results: MeasurementResults): CsvRow[] {
  const run = { stack: results.stack, profile: results.profile ?? "typical", run: results.runId, accelerator: results.host.accelerator };
  const summarized = (values: number[]) => {
    const summary = summarize(values);
    return { median: summary.median, min: summary.min, max: summary.max, samples: summary.count };
  };
  const instanceRows = results.instances.flatMap((instance) => {
    const row = (metric: CsvRow["metric"], unit: CsvRow["unit"], values: number[], method: string): CsvRow => ({ ...run, app: instance.app, kind: instance.kind, metric, unit, ...summarized(values), method });
    return [
      row("bootToReady", "ms", instance.boot.samplesMs, instance.boot.method),
      row("hostMemory", "bytes", [instance.memory.hostBytes], instance.memory.method),
      row("diskAllocated", "bytes", [instance.disk.allocatedBytes], instance.disk.method),
    ];
  });
  const floorRows = (Object.keys(floorCsvFacts) as (keyof BootFloors)[]).flatMap((key): CsvRow[] => {
    const floor = results.floors?.[key];
    if (!floor) return [];
    return [{ ...run, app: "", kind: floorCsvFacts[key].kind, metric: floorCsvFacts[key].metric, unit: "ms", ...summarized(floor.samplesMs), method: floor.method }];
  });
  return [...instanceRows, ...floorRows];
}

/** One CSV field: quoted (quotes doubled) only where it holds a quote, comma or line break. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows as RFC 4180 CSV with a header line, fields quoted only where needed. */
export function formatCsv(rows: readonly CsvRow[]): string {
  const lines = [csvColumns.join(","), ...rows.map((row) => csvColumns.map((column) => csvField(row[column])).join(","))];
  return `${lines.join("\n")}\n`;
}
