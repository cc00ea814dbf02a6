/** The runs a report is made from, and the captions that say where and how they were measured. */
import { appNames } from "../../../model/catalog/apps";
import { platformNames, type PlatformName } from "../../../model/labConfig";
import type { LocatedResults } from "../measure/results";
import type { InstanceResult, MeasurementResults } from "../measure/resultsSchema";
import { acceleratorLabel } from "./format";

/** The chosen run of each stack; a stack without results is absent. */
export type ReportInput = Partial<Record<PlatformName, LocatedResults>>;

/** The stacks the report covers, in the order it shows them. */
export const reportStacks: readonly PlatformName[] = platformNames;

/** One measured instance together with the run it belongs to. */
export interface MeasuredInstance {
  /** The stack's results (host, accelerator, run id). */
  results: MeasurementResults;
  /** The instance's figures. */
  instance: InstanceResult;
}

/** The stacks of the input that have results, in report order. */
export function presentStacks(input: ReportInput): { stack: PlatformName; located: LocatedResults }[] {
  return reportStacks.flatMap((stack) => {
    const located = input[stack];
    return located ? [{ stack, located }] : [];
  });
}

/** The stacks without results. */
export function missingStacks(input: ReportInput): PlatformName[] {
  return reportStacks.filter((stack) => input[stack] === undefined);
}

/** Every measured instance, app by app (catalog order), each app's stacks in report order. */
export function measuredInstances(input: ReportInput): MeasuredInstance[] {
  return appNames.flatMap((app) =>
    presentStacks(input).flatMap(({ located }) => located.results.instances.filter((instance) => instance.app === app).map((instance) => ({ results: located.results, instance }))),
  );
}

function hostDescription(results: MeasurementResults): string {
  return `${results.host.cpuModel}, ${results.host.cores} cores`;
}

/**
 * The line every table and chart carries, naming each stack's accelerator and the host:
 * "docker: native · libvirt: TCG emulation · host: AMD EPYC, 2 cores" (hosts named per stack when they differ).
 */
export function measurementCaption(input: ReportInput): string {
  const stacks = reportStacks.map((stack) => {
    const results = input[stack]?.results;
    return `${stack}: ${results ? acceleratorLabel(results.host.accelerator) : "no results"}`;
  });
  const hosts = presentStacks(input).map(({ stack, located }) => ({ stack, host: hostDescription(located.results) }));
  const distinct = [...new Set(hosts.map((entry) => entry.host))];
  const hostText = distinct.length <= 1 ? `host: ${distinct[0] ?? "none measured"}` : `hosts: ${hosts.map((entry) => `${entry.stack} on ${entry.host}`).join("; ")}`;
  return [...stacks, hostText].join(" · ");
}
