/** The runs a report is made from, and the captions that say where and how they were measured. */
import { appNames } from "../../../model/catalog/apps";
import { bootProfiles, type BootProfile } from "../../../model/bootProfile";
import { platformNames, type PlatformName } from "../../../model/labConfig";
import type { BenchResults } from "../bench/benchSchema";
import type { DensityRuns } from "../density/densityResults";
import type { LocatedResults } from "../measure/results";
import type { InstanceResult, MeasurementResults } from "../measure/resultsSchema";
import { acceleratorLabel } from "./format";

/** The latest libvirt run of each VM boot profile; a profile never measured is absent. */
export type VmProfileRuns = Partial<Record<BootProfile, LocatedResults>>;

/**
 * The chosen run of each stack (a stack without results is absent), and the latest libvirt run of each VM boot
 * profile, the chosen libvirt run standing for its own profile; without vmProfiles, the chosen libvirt run is the only one.
 */
export type ReportInput = Partial<Record<PlatformName, LocatedResults>> & {
  vmProfiles?: VmProfileRuns;
  /** The latest overhead benchmark run of each stack (`npm run bench`). */
  bench?: Partial<Record<PlatformName, BenchResults>>;
  /** The latest density run of each stack (`npm run density`). */
  density?: DensityRuns;
};

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

/** The boot profile a run was measured with; runs made before profiles were recorded booted the typical way. */
export function profileOf(results: MeasurementResults): BootProfile {
  return results.profile ?? "typical";
}

/** A run as captions name it: its stack and its boot profile, "libvirt (tuned)". */
export function runName(results: MeasurementResults): string {
  return `${results.stack} (${profileOf(results)})`;
}

/** The libvirt runs of the input by VM boot profile, in profile order. */
export function vmProfileRuns(input: ReportInput): LocatedResults[] {
  const byProfile: VmProfileRuns = input.vmProfiles ?? (input.libvirt ? { [profileOf(input.libvirt.results)]: input.libvirt } : {});
  return bootProfiles.flatMap((profile) => byProfile[profile] ?? []);
}

/** The runs the report shows run by run: the docker run, then the libvirt run of each VM boot profile. */
export function reportRuns(input: ReportInput): MeasurementResults[] {
  return [...(input.docker ? [input.docker] : []), ...vmProfileRuns(input)].map((located) => located.results);
}

/** The host a run was measured on: "AMD EPYC 7B13, 2 cores". */
export function hostDescription(results: MeasurementResults): string {
  return `${results.host.cpuModel}, ${results.host.cores} cores`;
}

/**
 * A caption naming each run's accelerator and the host: "docker (typical): native · libvirt (typical): TCG emulation · host:
 * AMD EPYC, 2 cores" (hosts named per run when they differ). A stack without results is named as such.
 */
export function runsCaption(runs: readonly ({ stack: string; results?: undefined } | { results: MeasurementResults })[]): string {
  const named = runs.map((run) => (run.results ? `${runName(run.results)}: ${acceleratorLabel(run.results.host.accelerator)}` : `${run.stack}: no results`));
  const hosts = runs.flatMap((run) => (run.results ? [{ name: runName(run.results), host: hostDescription(run.results) }] : []));
  const distinct = [...new Set(hosts.map((entry) => entry.host))];
  const hostText = distinct.length <= 1 ? `host: ${distinct[0] ?? "none measured"}` : `hosts: ${hosts.map((entry) => `${entry.name} on ${entry.host}`).join("; ")}`;
  return [...named, hostText].join(" · ");
}

/** The line every table and chart carries: each stack's chosen run with its accelerator, and the host. */
export function measurementCaption(input: ReportInput): string {
  return runsCaption(reportStacks.map((stack) => input[stack] ?? { stack }));
}
