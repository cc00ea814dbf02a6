import { bootProfiles, type BootProfile } from "../../../model/bootProfile";
import type { InstanceResult, MeasurementResults } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";
import type { DensityRuns } from "../density/densityResults";
import { claims, type Claim, type ClaimId } from "./claims";
import { combineParts, describeParts, type ClaimPart, type Verdict } from "./claimParts";
import { densityRule } from "./densityVerdict";
import { isolationRule } from "./isolationVerdict";
import { overheadRule, resourcesLeftRule, type BenchRuns } from "./overheadVerdicts";
import { profileOf } from "./reportInput";

export { combineParts, type Verdict } from "./claimParts";

/** One row of the claims ledger: a claim, the figures that answer it, and the verdict a rule computed from them. */
export interface LedgerRow {
  claim: Claim;
  verdict: Verdict;
  /** The figures that answer the claim, each naming its accelerator and host. */
  figures: string[];
  /** Under which conditions the verdict holds (accelerator, disk mode, host). */
  condition: string;
  /** Why the verdict is what it is: the rule applied, or for "not measured" what would measure it. */
  rule: string;
}

/** The latest results of each stack, as the report reads them. */
export interface LedgerInput {
  docker?: MeasurementResults;
  libvirt?: MeasurementResults;
  /** The latest libvirt results of each VM boot profile; absent: the libvirt results alone, under their own profile. */
  vmProfiles?: Partial<Record<BootProfile, MeasurementResults>>;
  /** The latest overhead benchmark run of each stack (`npm run bench`). */
  bench?: BenchRuns;
  /** The latest density run of each stack (`npm run density`). */
  density?: DensityRuns;
}

const megabyte = 1_000_000;


function acceleratorName(results: MeasurementResults): string {
  return { native: "native (container)", kvm: "KVM", tcg: "TCG emulation" }[results.host.accelerator];
}

function hostName(results: MeasurementResults): string {
  return `${results.host.cpuModel}, ${results.host.cores} cores`;
}

function conditionOf(input: LedgerInput, extra?: string): string {
  const parts = [
    input.libvirt ? `VMs under ${acceleratorName(input.libvirt)}, ${profileOf(input.libvirt)} profile` : undefined,
    input.docker ? `containers native, ${profileOf(input.docker)} profile` : undefined,
    extra,
    (input.libvirt ?? input.docker) ? `on ${hostName((input.libvirt ?? input.docker) as MeasurementResults)}` : undefined,
  ];
  return parts.filter((part) => part !== undefined).join("; ");
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function megabytes(bytes: number): string {
  return bytes >= 1_000 * megabyte ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / megabyte).toFixed(1)} MB`;
}

/** The slowest app's median boot: the stack is only up when every app is. */
function slowestBootMedianMs(results: MeasurementResults): number {
  return Math.max(...results.instances.map((instance) => summarize(instance.boot.samplesMs).median));
}

/** One run's boot figures in a line: "VM tuned under TCG emulation: slowest app's median start→ready 9.00 s (db 7.50 s (7.00 s–8.00 s), …; n = 3; …)". */
function bootFigure(platform: string, results: MeasurementResults): string {
  const summaries = results.instances.map((instance) => ({ app: instance.app, summary: summarize(instance.boot.samplesMs) }));
  const counts = [...new Set(summaries.map(({ summary }) => summary.count))].sort((a, b) => a - b);
  const perApp = summaries.map(({ app, summary }) => `${app} ${seconds(summary.median)} (${seconds(summary.min)}–${seconds(summary.max)})`).join(", ");
  const countText = counts.length === 1 ? String(counts[0]) : `${counts[0]}–${counts[counts.length - 1]}`;
  const accelerator = results.host.accelerator === "native" ? ", native" : ` under ${acceleratorName(results)}`;
  return `${platform}${accelerator}: slowest app's median start→ready ${seconds(slowestBootMedianMs(results))} (${perApp}; n = ${countText}; run ${results.runId}; ${hostName(results)})`;
}

function within(value: number, low: number, high: number): boolean {
  return value >= low && value <= high;
}

interface BootThreshold {
  statement: string;
  lowMs: number;
  highMs: number;
}

interface BootClaim {
  /** With the threshold in words, for what the claim would need under KVM. */
  vm: BootThreshold & { threshold: string };
  container: BootThreshold;
}

/** "About X" counts as within a factor of two of X; "minutes" as one minute or more. */
const bootClaims: Record<"C01" | "C02", BootClaim> = {
  C01: {
    vm: { statement: "VMs boot in minutes (≥ 60 s)", lowMs: 60_000, highMs: Infinity, threshold: "60 s or more" },
    container: { statement: "containers start in about 50 ms (25–100 ms)", lowMs: 25, highMs: 100 },
  },
  C02: {
    vm: { statement: "VMs boot in about 2 minutes (60–240 s)", lowMs: 60_000, highMs: 240_000, threshold: "60–240 s" },
    container: { statement: "containers start in about 2 s (1–4 s)", lowMs: 1_000, highMs: 4_000 },
  },
};

/** The libvirt results of each VM boot profile, in profile order. */
function vmRunsByProfile(input: LedgerInput): { profile: BootProfile; results: MeasurementResults }[] {
  const byProfile = input.vmProfiles ?? (input.libvirt ? { [profileOf(input.libvirt)]: input.libvirt } : {});
  return bootProfiles.flatMap((profile) => {
    const results = byProfile[profile];
    return results ? [{ profile, results }] : [];
  });
}

/** "VMs under TCG emulation (typical and tuned profiles)", one group per accelerator. */
function vmBootCondition(vmRuns: readonly { profile: BootProfile; results: MeasurementResults }[]): string | undefined {
  if (vmRuns.length === 0) return undefined;
  const accelerators = [...new Set(vmRuns.map(({ results }) => acceleratorName(results)))];
  return accelerators
    .map((accelerator) => {
      const profiles = vmRuns.filter(({ results }) => acceleratorName(results) === accelerator).map(({ profile }) => profile);
      return `VMs under ${accelerator} (${profiles.join(" and ")} profile${profiles.length > 1 ? "s" : ""})`;
    })
    .join("; ");
}

/** What the VM part would need under KVM, and whether this host could have measured it. */
function underKvmSentence(spec: BootClaim["vm"], vmRuns: readonly { results: MeasurementResults }[]): string {
  const threshold = `the slowest app's median start→ready at ${spec.threshold}`;
  if (vmRuns.some(({ results }) => results.host.accelerator === "tcg")) return `Under KVM the VM part would need ${threshold}; KVM was not available on this host, so its VMs ran under TCG emulation.`;
  return vmRuns.length > 0 ? `Under KVM, as measured here, the VM part needs ${threshold}.` : `Under KVM the VM part would need ${threshold}.`;
}

/** The VM part per VM boot profile measured (or one unmeasured part), and the container part. */
function bootRule(id: "C01" | "C02", input: LedgerInput): Omit<LedgerRow, "claim"> {
  const spec = bootClaims[id];
  const vmRuns = vmRunsByProfile(input);
  const vmParts: ClaimPart[] =
    vmRuns.length === 0
      ? [{ statement: spec.vm.statement, holds: undefined }]
      : vmRuns.map(({ profile, results }) => ({ statement: spec.vm.statement.replace("VMs", `VMs (${profile} profile, ${acceleratorName(results)})`), holds: within(slowestBootMedianMs(results), spec.vm.lowMs, spec.vm.highMs) }));
  const parts: ClaimPart[] = [...vmParts, { statement: spec.container.statement, holds: input.docker ? within(slowestBootMedianMs(input.docker), spec.container.lowMs, spec.container.highMs) : undefined }];
  const host = vmRuns[0]?.results ?? input.docker;
  const condition = [vmBootCondition(vmRuns), input.docker ? `containers native (${profileOf(input.docker)} profile)` : undefined, host ? `on ${hostName(host)}` : undefined].filter((part) => part !== undefined).join("; ");
  return {
    verdict: combineParts(parts),
    figures: [...vmRuns.map(({ profile, results }) => bootFigure(`VM ${profile}`, results)), ...(input.docker ? [bootFigure(`containers ${profileOf(input.docker)}`, input.docker)] : [])],
    condition: `${condition === "" ? "" : `${condition}. `}${underKvmSentence(spec.vm, vmRuns)}`,
    rule: `slowest app's median start→ready per platform and VM boot profile; ${describeParts(parts)}`,
  };
}

/** Creating one instance from nothing: its share of `pulumi up` plus its wait until ready. */
function perInstanceCreationMs(results: MeasurementResults): number | undefined {
  const provisioning = results.provisioning;
  if (!provisioning) return undefined;
  const readyWaits = Object.values(provisioning.readyAfterUpMs).filter((value): value is number => value !== undefined);
  const slowestReady = readyWaits.length > 0 ? Math.max(...readyWaits) : 0;
  return provisioning.upWallMs + slowestReady;
}

function provisioningRule(input: LedgerInput): Omit<LedgerRow, "claim"> {
  const vmMs = input.libvirt ? perInstanceCreationMs(input.libvirt) : undefined;
  const containerMs = input.docker ? perInstanceCreationMs(input.docker) : undefined;
  const parts: ClaimPart[] = [
    { statement: "creating the VMs takes minutes (≥ 60 s from nothing to ready)", holds: vmMs === undefined ? undefined : vmMs >= 60_000 },
    { statement: "creating the containers takes seconds (< 60 s from nothing to ready)", holds: containerMs === undefined ? undefined : containerMs < 60_000 },
  ];
  const figure = (results: MeasurementResults | undefined, total: number | undefined) =>
    results && total !== undefined && results.provisioning
      ? [`${results.stack}: pulumi up ${seconds(results.provisioning.upWallMs)} + until every app ready = ${seconds(total)} for ${results.instances.length} instances (${acceleratorName(results)}, ${hostName(results)})`]
      : [];
  return {
    verdict: combineParts(parts),
    figures: [...figure(input.libvirt, vmMs), ...figure(input.docker, containerMs)],
    condition: conditionOf(input, "three instances per stack, made by the lab's Pulumi program"),
    rule: `whole-stack creation from nothing until every app answers; ${describeParts(parts)}${vmMs === undefined && containerMs === undefined ? " (provisioning is recorded by `npm run up` of an empty stack)" : ""}`,
  };
}

function vmDiskFigures(results: MeasurementResults): { perVmFullCopyBytes: number; threeFullCopiesBytes: number; stackBytes: number; overlays: boolean } {
  const perVmFullCopyBytes = Math.max(...results.instances.map((instance) => instance.disk.fullCopyEquivalentBytes));
  return {
    perVmFullCopyBytes,
    threeFullCopiesBytes: results.instances.reduce((sum, instance) => sum + instance.disk.fullCopyEquivalentBytes, 0),
    stackBytes: results.disk.totalBytes,
    overlays: results.instances.some((instance) => instance.disk.sharedBytes > 0),
  };
}

function vmDiskRule(input: LedgerInput, claimedPerVmBytes: number, claimedThreeBytes: number): Omit<LedgerRow, "claim"> {
  if (!input.libvirt) return notMeasuredYet(input, "the libvirt stack's results (`npm run up -- libvirt`, then `npm run measure -- libvirt`)");
  const figures = vmDiskFigures(input.libvirt);
  const parts: ClaimPart[] = [
    { statement: `each VM needs about ${megabytes(claimedPerVmBytes)} (half to double)`, holds: within(figures.perVmFullCopyBytes, claimedPerVmBytes / 2, claimedPerVmBytes * 2) },
    {
      statement: `three VMs need about ${megabytes(claimedThreeBytes)} as deployed (${figures.overlays ? "copy-on-write overlays" : "full copies"})`,
      holds: within(figures.stackBytes, claimedThreeBytes / 2, claimedThreeBytes * 2),
    },
  ];
  return {
    verdict: combineParts(parts),
    figures: [
      `one VM as a full copy: ${megabytes(figures.perVmFullCopyBytes)} allocated (qemu-img/du; ${hostName(input.libvirt)})`,
      `three full copies: ${megabytes(figures.threeFullCopiesBytes)}`,
      `three VMs as deployed (${figures.overlays ? "overlays on one shared golden image" : "full copies"}): ${megabytes(figures.stackBytes)}`,
    ],
    condition: figures.overlays ? "copy-on-write overlays on a 2 GiB virtual, sparsely allocated golden disk; full copies shown beside" : "full copies of a sparsely allocated golden disk",
    rule: describeParts(parts),
  };
}

function imageSizeRule(input: LedgerInput): Omit<LedgerRow, "claim"> {
  const vmImageBytes = input.libvirt ? Math.max(...input.libvirt.instances.map((instance) => instance.disk.imageBytes)) : undefined;
  const containerImageBytes = input.docker ? Math.max(...input.docker.instances.map((instance) => instance.disk.imageBytes)) : undefined;
  const parts: ClaimPart[] = [
    { statement: "VM images are several GB (≥ 2 GB allocated)", holds: vmImageBytes === undefined ? undefined : vmImageBytes >= 2e9 },
    { statement: "container images are at most tens of MB (< 100 MB)", holds: containerImageBytes === undefined ? undefined : containerImageBytes < 100 * megabyte },
  ];
  const figures = [
    ...(input.libvirt && vmImageBytes !== undefined ? [`VM golden image: ${megabytes(vmImageBytes)} allocated (${hostName(input.libvirt)})`] : []),
    ...(input.docker
      ? input.docker.instances.map((instance) => `container image ${instance.app}: ${megabytes(instance.disk.imageBytes)}, of which ${megabytes(instance.disk.sharedBytes)} shared base, ${megabytes(instance.disk.uniqueBytes)} its own`)
      : []),
  ];
  return { verdict: combineParts(parts), figures, condition: conditionOf(input, "images built by the lab from the same Debian packages"), rule: `largest image per platform; ${describeParts(parts)}` };
}

function memoryRatio(instance: InstanceResult): number {
  return instance.memory.hostBytes / instance.memory.breakdown.configuredBytes;
}

function memoryFigures(results: MeasurementResults): string[] {
  return results.instances.map(
    (instance) =>
      `${instance.kind} ${instance.app}: host ${megabytes(instance.memory.hostBytes)} of ${megabytes(instance.memory.breakdown.configuredBytes)} configured (${(memoryRatio(instance) * 100).toFixed(0)} %; ${acceleratorName(results)}, ${hostName(results)})`,
  );
}

function vmMemoryRule(input: LedgerInput): Omit<LedgerRow, "claim"> {
  if (!input.libvirt) return notMeasuredYet(input, "the libvirt stack's results");
  const ratios = input.libvirt.instances.map(memoryRatio);
  const lowest = Math.min(...ratios);
  const verdict: Verdict = lowest >= 0.9 ? "supported" : lowest >= 0.5 ? "partly supported" : "contradicted";
  return {
    verdict,
    figures: memoryFigures(input.libvirt),
    condition: conditionOf({ libvirt: input.libvirt }, input.libvirt.host.accelerator === "tcg" ? "QEMU's memory includes its bounded TCG translation cache" : undefined),
    rule: `host memory of each VM's QEMU process (PSS) over its configured RAM, lowest ${(lowest * 100).toFixed(0)} %: ≥ 90 % supported, 50–90 % partly, < 50 % contradicted (a VM holds only the RAM its guest has touched)`,
  };
}

function containerMemoryRule(input: LedgerInput): Omit<LedgerRow, "claim"> {
  if (!input.docker) return notMeasuredYet(input, "the docker stack's results");
  const highest = Math.max(...input.docker.instances.map(memoryRatio));
  const sharesImage = input.docker.instances.every((instance) => instance.disk.sharedBytes > 0);
  const parts: ClaimPart[] = [
    { statement: "containers use only what their app needs (host memory < 50 % of their limit)", holds: highest < 0.5 },
    { statement: "they share (one base image stored once, mapped by all)", holds: sharesImage },
  ];
  return {
    verdict: combineParts(parts),
    figures: [...memoryFigures(input.docker), ...(input.docker.instances[0] ? [`shared base image: ${megabytes(input.docker.disk.sharedBytes)} stored once for ${input.docker.instances.length} containers`] : [])],
    condition: conditionOf({ docker: input.docker }),
    rule: describeParts(parts),
  };
}

function acceleratorRule(input: LedgerInput): Omit<LedgerRow, "claim"> {
  if (!input.libvirt) return notMeasuredYet(input, "the libvirt stack's results");
  const vmAccelerator = input.libvirt.host.accelerator;
  const vmBootMs = slowestBootMedianMs(input.libvirt);
  const containerBootMs = input.docker ? slowestBootMedianMs(input.docker) : undefined;
  const parts: ClaimPart[] = [
    { statement: "Docker needs no CPU virtualization support", holds: input.docker ? input.docker.host.accelerator === "native" : undefined },
    { statement: "VMs need VT-x/AMD-V", holds: vmAccelerator === "tcg" ? false : undefined },
  ];
  const cost = containerBootMs === undefined ? "" : `; slowest VM boot ${seconds(vmBootMs)} vs slowest container ${seconds(containerBootMs)} (×${(vmBootMs / containerBootMs).toFixed(0)})`;
  return {
    verdict: combineParts(parts),
    figures: [`VMs ran under ${acceleratorName(input.libvirt)} (${hostName(input.libvirt)})${cost}`, ...(input.docker ? ["containers ran natively on the host kernel"] : [])],
    condition: vmAccelerator === "tcg" ? "this host's KVM could not boot an ordinary guest, so QEMU emulated the CPU" : "KVM was available; running without it was not tried on this host",
    rule: `${describeParts(parts)}${vmAccelerator === "tcg" ? ": the VMs ran without hardware virtualization, only slower" : ""}`,
  };
}

function kernelRule(input: LedgerInput): Omit<LedgerRow, "claim"> {
  const hostKernel = (input.docker ?? input.libvirt)?.host.kernel;
  const kernelsOf = (results: MeasurementResults | undefined) => results?.instances.map((instance) => instance.kernelRelease).filter((release): release is string => release !== undefined) ?? [];
  const containerKernels = kernelsOf(input.docker);
  const vmKernels = kernelsOf(input.libvirt);
  const parts: ClaimPart[] = [
    { statement: "containers run on the host's kernel", holds: containerKernels.length === 0 ? undefined : containerKernels.every((release) => release === hostKernel) },
    { statement: "each VM runs its own kernel", holds: vmKernels.length === 0 ? undefined : vmKernels.every((release) => release !== hostKernel) },
  ];
  return {
    verdict: combineParts(parts),
    figures: [
      ...(hostKernel ? [`host kernel ${hostKernel}`] : []),
      ...(input.docker ? input.docker.instances.map((instance) => `container ${instance.app}: ${instance.kernelRelease ?? "not read"}`) : []),
      ...(input.libvirt ? input.libvirt.instances.map((instance) => `VM ${instance.app}: ${instance.kernelRelease ?? "not read"}`) : []),
    ],
    condition: conditionOf(input),
    rule: `kernel release read inside each instance (/proc/sys/kernel/osrelease) or from the VM's boot log, compared with the host's; ${describeParts(parts)}. "Cannot run another kernel" is not tested.`,
  };
}

function notMeasuredYet(input: LedgerInput, missing: string): Omit<LedgerRow, "claim"> {
  return { verdict: "not measured", figures: [], condition: conditionOf(input), rule: `needs ${missing}` };
}

/** The verdict of every claim, each computed by its rule from the figures; never typed in by hand. */
export function evaluateClaims(input: LedgerInput): LedgerRow[] {
  const rules: Record<ClaimId, () => Omit<LedgerRow, "claim">> = {
    C01: () => bootRule("C01", input),
    C02: () => bootRule("C02", input),
    C03: () => provisioningRule(input),
    C04: () => vmDiskRule(input, 700 * megabyte, 2_100 * megabyte),
    C05: () => vmDiskRule(input, 1_000 * megabyte, 3_000 * megabyte),
    C06: () => imageSizeRule(input),
    C07: () => vmMemoryRule(input),
    C08: () => containerMemoryRule(input),
    C09: () => resourcesLeftRule(input.bench ?? {}),
    C10: () => overheadRule(input.bench ?? {}),
    C11: () => acceleratorRule(input),
    C12: () => densityRule(input.density),
    C13: () => isolationRule(input),
    C14: () => kernelRule(input),
  };
  return claims.map((claim) => ({ claim, ...rules[claim.id]() }));
}
