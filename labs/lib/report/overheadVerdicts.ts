/** Claims C09 and C10, judged by rules from the latest overhead benchmark run of each stack (`npm run bench`). */
import type { PlatformName } from "../../../model/labConfig";
import type { BenchResults } from "../bench/benchSchema";
import { medianRatio, overheadRows, requestPathSummary, type OverheadRow } from "../bench/benchSummary";
import { combineParts, describeParts, type ClaimPart, type Verdict } from "./claimParts";
import { acceleratorLabel } from "./format";

/** What a claim row is made of (verdicts.ts's LedgerRow without the claim). */
export interface OverheadVerdict {
  verdict: Verdict;
  figures: string[];
  condition: string;
  rule: string;
}

export type BenchRuns = Partial<Record<PlatformName, BenchResults>>;

/** The thresholds the rules use, stated once so the report can quote them. */
export const overheadThresholds = {
  /** "Keeps ~99 %" / "almost no overhead": at least this share of the host's rate. */
  nearlyAll: 0.9,
  /** "Only ~90 % left": a share from `about90.min` to `about90.max`. */
  about90: { min: 0.8, max: 0.97 },
} as const;

const cpuAndMemory: OverheadRow["workload"][] = ["cpu", "memory"];
const disk: OverheadRow["workload"][] = ["disk-random-4k", "disk-sequential-read", "disk-sequential-write"];

function percent(ratio: number | undefined): string {
  return ratio === undefined ? "not measured" : `${(ratio * 100).toFixed(1)} %`;
}

function conditionOf(runs: BenchRuns): string {
  const vm = runs.libvirt;
  const kvmNote = vm?.host.accelerator === "tcg" ? "; under KVM, Felter et al. (IBM, 2015) measured ~98 % of the host's Linpack in a tuned VM, so these VM figures are emulation's, not hardware virtualization's" : "";
  return [
    vm ? `VMs under ${acceleratorLabel(vm.host.accelerator)} (${vm.profile} profile)` : undefined,
    runs.docker ? `containers native (${runs.docker.profile} profile)` : undefined,
    (vm ?? runs.docker) ? `on ${(vm ?? runs.docker)?.host.cpuModel}, ${(vm ?? runs.docker)?.host.cores} cores` : undefined,
  ].filter((part) => part !== undefined).join("; ") + kvmNote;
}

function ratiosOf(results: BenchResults | undefined, workloads: readonly OverheadRow["workload"][]): number | undefined {
  return results ? medianRatio(overheadRows(results), workloads) : undefined;
}

const notBenchmarked: OverheadVerdict = { verdict: "not measured", figures: [], condition: "", rule: "needs `npm run bench -- all`: the overhead workloads on the host and in each stack's instances" };

/** C09: "only ~90 % of resources are left after the virtualization layer; a container keeps ~99 %" — by the CPU workload. */
export function resourcesLeftRule(runs: BenchRuns): OverheadVerdict {
  if (!runs.docker && !runs.libvirt) return notBenchmarked;
  const containerCpu = ratiosOf(runs.docker, ["cpu"]);
  const vmCpu = ratiosOf(runs.libvirt, ["cpu"]);
  const { nearlyAll, about90 } = overheadThresholds;
  const parts: ClaimPart[] = [
    { statement: `a container keeps ~99 % (≥ ${nearlyAll * 100} % of the host's CPU rate)`, holds: containerCpu === undefined ? undefined : containerCpu >= nearlyAll },
    { statement: `a VM keeps only ~90 % (${about90.min * 100}–${about90.max * 100} %)`, holds: vmCpu === undefined ? undefined : vmCpu >= about90.min && vmCpu <= about90.max },
  ];
  return {
    verdict: combineParts(parts),
    figures: [`containers keep ${percent(containerCpu)} of the host's CPU rate`, `VMs keep ${percent(vmCpu)}`, "(median over the instances of sysbench cpu events/s, each over the host's run in the same measurement)"],
    condition: conditionOf(runs),
    rule: describeParts(parts),
  };
}

/** C10: "containers have almost no overhead; VMs lose noticeably, storage and I/O most". */
export function overheadRule(runs: BenchRuns): OverheadVerdict {
  if (!runs.docker && !runs.libvirt) return notBenchmarked;
  const { nearlyAll } = overheadThresholds;
  const containerRows = runs.docker ? overheadRows(runs.docker) : [];
  const vmCompute = ratiosOf(runs.libvirt, cpuAndMemory);
  const vmDisk = ratiosOf(runs.libvirt, disk);
  const vmAll = ratiosOf(runs.libvirt, [...cpuAndMemory, ...disk]);
  const worstContainer = containerRows.length === 0 ? undefined : Math.min(...containerRows.map((row) => row.ratioToHost));
  const parts: ClaimPart[] = [
    { statement: `containers have almost no overhead (every workload ≥ ${nearlyAll * 100} % of the host)`, holds: worstContainer === undefined ? undefined : worstContainer >= nearlyAll },
    { statement: `VMs lose noticeably (median workload < ${nearlyAll * 100} % of the host)`, holds: vmAll === undefined ? undefined : vmAll < nearlyAll },
    { statement: "VMs lose most in storage and I/O (disk ratio below CPU and memory ratio)", holds: vmDisk === undefined || vmCompute === undefined ? undefined : vmDisk < vmCompute },
  ];
  const requestPath = (stack: PlatformName) => {
    const results = runs[stack];
    if (!results) return [];
    const summary = requestPathSummary(results);
    return [`${stack} request path web → api → db: ${summary.requestsPerSecond.toFixed(0)} requests/s, p99 ${summary.p99Ms.toFixed(1)} ms`];
  };
  return {
    verdict: combineParts(parts),
    figures: [
      `containers: worst workload ${percent(worstContainer)} of the host`,
      `VMs: CPU and memory ${percent(vmCompute)}, disk ${percent(vmDisk)} of the host (medians)`,
      ...requestPath("docker"),
      ...requestPath("libvirt"),
    ],
    condition: conditionOf(runs),
    rule: describeParts(parts),
  };
}
