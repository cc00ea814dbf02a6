/** The rule that answers C12 ("the same hardware runs far more containers than VMs") from the latest density runs. */
import type { DensityResults, DensityRuns } from "../density/densityResults";
import { finalStep, instancesPerGiB } from "../density/densitySteps";
import { summarize } from "../measure/stats";
import { acceleratorLabel, formatBytes, formatDuration } from "./format";
import type { LedgerRow, Verdict } from "./verdicts";

/** "Far more": containers per GiB of host memory at least this many times VMs per GiB. */
export const farMoreFactor = 5;

/** Supported at farMoreFactor or more, partly supported above 1 (more, but not far more), contradicted at 1 or less. */
export function densityVerdict(containerToVmRatio: number): Verdict {
  if (containerToVmRatio >= farMoreFactor) return "supported";
  return containerToVmRatio > 1 ? "partly supported" : "contradicted";
}

function runFigure(platform: string, results: DensityResults): string {
  const last = finalStep(results);
  const bootMedian = summarize(results.steps.map((step) => step.startToReadyMs)).median;
  return `${platform} (${acceleratorLabel(results.host.accelerator)}, ${results.profile} profile): ${last.copies} copies of db in ${formatBytes(last.totalHostBytes)} of host memory → ${instancesPerGiB(last).toFixed(1)} per GiB; start→ready median ${formatDuration(bootMedian)} (run ${results.runId})`;
}

export function densityRule(runs: DensityRuns | undefined): Omit<LedgerRow, "claim"> {
  const containers = runs?.docker;
  const vms = runs?.libvirt;
  const rule = `instances per GiB of the host memory (PSS) the copies used together at the end of each run: containers ≥ ${farMoreFactor}× VMs supported, more than VMs partly supported, not more contradicted`;
  if (!containers || !vms) {
    const missing = [...(containers ? [] : ["`npm run density -- docker`"]), ...(vms ? [] : ["`npm run density -- libvirt`"])];
    return { verdict: "not measured", figures: [...(containers ? [runFigure("containers", containers)] : []), ...(vms ? [runFigure("VMs", vms)] : [])], condition: "", rule: `${rule}; needs ${missing.join(" and ")}, each with its stack up` };
  }
  const ratio = instancesPerGiB(finalStep(containers)) / instancesPerGiB(finalStep(vms));
  const underTcg = vms.host.accelerator === "tcg" ? ", whose QEMU also holds its TCG translation cache" : "";
  return {
    verdict: densityVerdict(ratio),
    figures: [runFigure("containers", containers), runFigure("VMs", vms), `${ratio.toFixed(1)}× as many containers as VMs per GiB`],
    condition:
      `VMs under ${acceleratorLabel(vms.host.accelerator)} with ${formatBytes(vms.copyOf.memoryLimitBytes)} of RAM each${underTcg}; containers native with a ${formatBytes(containers.copyOf.memoryLimitBytes)} limit each; ` +
      `per GiB extrapolated from ${finalStep(containers).copies} and ${finalStep(vms).copies} copies of Redis at rest; on ${vms.host.cpuModel}, ${vms.host.cores} cores`,
    rule,
  };
}
