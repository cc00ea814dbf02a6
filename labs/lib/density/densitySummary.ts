/** What the terminal shows at the end of a density run. */
import { formatBytes } from "../doctorChecks";
import { acceleratorLabel, formatDuration } from "../report/format";
import { renderTable } from "../table";
import type { DensityResults } from "./densityResults";
import { finalStep, instancesPerGiB } from "./densitySteps";

/** One row per step (instances, boot, the new copy's host memory, all copies', MemAvailable), then instances per GiB and why it stopped. */
export function renderDensitySummary(results: DensityResults): string {
  const table = renderTable(
    ["instances", "copy", "start→ready", "host memory (new copy)", "all copies", "MemAvailable"],
    results.steps.map((step) => [String(step.copies), step.name, formatDuration(step.startToReadyMs), formatBytes(step.memory.hostBytes), formatBytes(step.totalHostBytes), formatBytes(step.memAvailableBytes)]),
  );
  const last = finalStep(results);
  return [
    table,
    "",
    `${results.stack} (${acceleratorLabel(results.host.accelerator)}, ${results.profile} profile): ${last.copies} copies of db in ${formatBytes(last.totalHostBytes)} of host memory (PSS): ${instancesPerGiB(last).toFixed(1)} instances per GiB`,
    `stopped: ${results.stopped.detail}`,
  ].join("\n");
}
