/** The "how measured" section: each figure's method and its cross-check, and what the measuring itself cost. */
import type { CrossCheck, MeasurementResults } from "../measure/resultsSchema";
import type { ReportBlock } from "./document";
import { formatBytes } from "./format";
import { presentStacks, type ReportInput } from "./reportInput";

/** One method row: which figure of which instances, measured how, checked how. */
export interface MethodRow {
  /** The stack measured. */
  stack: string;
  /** "boot", "memory", "disk", "stack memory" or "stack disk". */
  figure: string;
  /** The apps whose figure was measured this way, or "whole stack". */
  instances: string[];
  /** The figure's method. */
  method: string;
  /** The cross-check's method, tolerance and note, or "none". */
  crossCheck: string;
}

/** A cross-check described: "du -B1 of the same file (tolerance 15 %): note". */
export function describeCrossCheck(check: CrossCheck | undefined): string {
  if (check === undefined) return "none";
  const note = check.note === undefined ? "" : `: ${check.note}`;
  return `${check.method} (tolerance ${Math.round(check.toleranceFraction * 100)} %)${note}`;
}

/** Method rows of one run; instances measured the same way and checked the same way share a row. */
export function methodRows(stack: string, results: MeasurementResults): MethodRow[] {
  const rows: MethodRow[] = [];
  const add = (figure: string, instance: string, method: string, check: CrossCheck | undefined) => {
    const crossCheck = describeCrossCheck(check);
    const same = rows.find((row) => row.figure === figure && row.method === method && row.crossCheck === crossCheck);
    if (same) same.instances.push(instance);
    else rows.push({ stack, figure, instances: [instance], method, crossCheck });
  };
  for (const figure of ["boot", "memory", "disk"] as const) {
    for (const instance of results.instances) add(figure, instance.app, instance[figure].method, instance[figure].crossCheck);
  }
  add("stack memory", "whole stack", results.memory.method, results.memory.crossCheck);
  add("stack disk", "whole stack", `${results.disk.method} (storage folder ${results.disk.storageDir})`, results.disk.crossCheck);
  return rows;
}

/** What the measuring process cost during a run, or that it was not recorded. */
export function probeCostText(stack: string, results: MeasurementResults): string {
  const cost = results.probeCost;
  if (cost === undefined) return `${stack}: the measuring process's own cost was not recorded in this run.`;
  return `${stack}: the measuring process used ${cost.cpuSeconds.toFixed(2)} CPU seconds and ended with a resident set of ${formatBytes(cost.peakRssBytes)} (${cost.note}).`;
}

/** The section for every stack with results. */
export function howMeasuredBlocks(input: ReportInput, caption: string): ReportBlock[] {
  const stacks = presentStacks(input);
  return [
    { kind: "heading", level: 2, text: "How measured" },
    {
      kind: "table",
      id: "methods",
      caption: `Methods and cross-checks of every figure · ${caption}`,
      header: ["stack", "figure", "instances", "method", "cross-check (method, tolerance: note)"],
      rows: stacks.flatMap(({ stack, located }) => methodRows(stack, located.results).map((row) => [row.stack, row.figure, row.instances.join(", "), row.method, row.crossCheck])),
    },
    { kind: "heading", level: 3, text: "Cost of measuring" },
    { kind: "list", items: stacks.map(({ stack, located }) => probeCostText(stack, located.results)) },
  ];
}
