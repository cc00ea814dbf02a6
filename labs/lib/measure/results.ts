import * as fs from "node:fs";
import * as path from "node:path";
import type { AppName } from "../../../model/catalog/apps";
import type { ExecutionMode, InstanceKind } from "../../../model/deployment";
import { parseResults, type CrossCheck, type MeasurementResults } from "./resultsSchema";
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

/** The newest results of a stack (run ids sort by time), or undefined when the stack has none yet. */
export function latestResults(resultsDir: string, stack: string): LocatedResults | undefined {
  const stackDir = path.join(resultsDir, stack);
  if (!fs.existsSync(stackDir)) return undefined;
  const names = fs.readdirSync(stackDir).filter((name) => name.endsWith(".json")).sort();
  const newest = names[names.length - 1];
  if (newest === undefined) return undefined;
  const file = path.join(stackDir, newest);
  return { file, results: readResults(file) };
}

/**
 * Validates and writes results to `<resultsDir>/<stack>/<runId>.json`, through a temporary file so readers never see
 * half a file; refuses invalid results and never overwrites an earlier run. Returns the file written.
 */
export function writeResults(resultsDir: string, results: MeasurementResults): string {
  const { problems } = parseResults(results);
  if (problems.length > 0) throw new Error(`refusing to write invalid results:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  const stackDir = path.join(resultsDir, results.stack);
  const file = path.join(stackDir, `${results.runId}.json`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists: every run gets its own run id`);
  fs.mkdirSync(stackDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(temporary, file);
  return file;
}

/** One CSV row: one figure of one instance, summarized over its samples. */
export interface CsvRow {
  /** The Pulumi stack. */
  stack: string;
  /** The catalog app. */
  app: AppName;
  /** vm or container. */
  kind: InstanceKind;
  /** bootToReady, hostMemory or diskAllocated. */
  metric: "bootToReady" | "hostMemory" | "diskAllocated";
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
export const csvColumns: readonly (keyof CsvRow)[] = ["stack", "app", "kind", "metric", "unit", "median", "min", "max", "samples", "method", "accelerator"];

/** Flattens results into one row per instance per metric (boot, memory, disk). */
export function toCsvRows(results: MeasurementResults): CsvRow[] {
  return results.instances.flatMap((instance) => {
    const row = (metric: CsvRow["metric"], unit: CsvRow["unit"], values: number[], method: string): CsvRow => {
      const summary = summarize(values);
      return {
        stack: results.stack,
        app: instance.app,
        kind: instance.kind,
        metric,
        unit,
        median: summary.median,
        min: summary.min,
        max: summary.max,
        samples: summary.count,
        method,
        accelerator: results.host.accelerator,
      };
    };
    return [
      row("bootToReady", "ms", instance.boot.samplesMs, instance.boot.method),
      row("hostMemory", "bytes", [instance.memory.hostBytes], instance.memory.method),
      row("diskAllocated", "bytes", [instance.disk.allocatedBytes], instance.disk.method),
    ];
  });
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows as RFC 4180 CSV with a header line, fields quoted only where needed. */
export function formatCsv(rows: readonly CsvRow[]): string {
  const lines = [csvColumns.join(","), ...rows.map((row) => csvColumns.map((column) => csvField(row[column])).join(","))];
  return `${lines.join("\n")}\n`;
}
