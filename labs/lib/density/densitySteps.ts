/** The bookkeeping of a density run, free of I/O: when to start another copy, each step's figures, instances per GiB. */
import type { PlatformName } from "../../../model/labConfig";
import { formatBytes } from "../doctorChecks";
import type { MemoryMeasurement } from "../measure/resultsSchema";
import type { DensityResults, DensityStep, StopReason } from "./densityResults";

export const gibibyte = 1024 ** 3;
export const mebibyte = 1024 ** 2;

/** --max when not given: a VM boots in 8–20 s under TCG on 2 cores, a container in well under a second. */
export const defaultMaxCopies: Record<PlatformName, number> = { docker: 20, libvirt: 6 };

/** MemAvailable is kept above a tenth of the host's RAM, whatever the budget allows. */
export function hostReserveBytes(memTotalBytes: number): number {
  return Math.round(memTotalBytes / 10);
}

export interface DensityLimits {
  maxCopies: number;
  /** Host memory (PSS) the copies may use together. */
  budgetBytes: number;
  /** MemAvailable the host keeps. */
  hostReserveBytes: number;
}

export type NextCopy = { start: true } | { start: false; reason: StopReason; detail: string };

/**
 * Whether to start another copy after `steps`, with MemAvailable now at `memAvailableBytes`. The next copy is
 * expected to need what a copy needs on average so far: no copy is started that would take the copies past the
 * budget or the host below its reserve.
 */
export function nextCopy(steps: readonly DensityStep[], limits: DensityLimits, memAvailableBytes: number): NextCopy {
  if (steps.length >= limits.maxCopies) return { start: false, reason: "max", detail: `${steps.length} copies, the most asked for` };
  const last = steps[steps.length - 1];
  if (last === undefined) return { start: true };
  const perCopyBytes = last.totalHostBytes / last.copies;
  if (last.totalHostBytes + perCopyBytes > limits.budgetBytes) {
    return { start: false, reason: "budget", detail: `${last.copies} copies use ${formatBytes(last.totalHostBytes)}; one more (about ${formatBytes(perCopyBytes)}) would pass the budget of ${formatBytes(limits.budgetBytes)}` };
  }
  if (memAvailableBytes - perCopyBytes < limits.hostReserveBytes) {
    return { start: false, reason: "host-reserve", detail: `MemAvailable is ${formatBytes(memAvailableBytes)}; one more copy (about ${formatBytes(perCopyBytes)}) would leave less than the host's reserve of ${formatBytes(limits.hostReserveBytes)}` };
  }
  return { start: true };
}

/** What was measured of the copy a step started. */
export interface NewCopy {
  name: string;
  address: string;
  engineCallMs: number;
  startToReadyMs: number;
  memory: MemoryMeasurement;
}

/**
 * The step that started `copy`: the earlier copies' host memory as measured again now (oldest first; more copies
 * share more pages, so each one's share falls), the new copy's after them, and their sum.
 */
export function densityStep(previous: readonly DensityStep[], copy: NewCopy, earlierCopiesHostBytes: readonly number[], memAvailableBytes: number): DensityStep {
  if (earlierCopiesHostBytes.length !== previous.length) throw new Error(`expected the host memory of ${previous.length} earlier copies, got ${earlierCopiesHostBytes.length}`);
  const copiesHostBytes = [...earlierCopiesHostBytes, copy.memory.hostBytes];
  return {
    copies: previous.length + 1,
    ...copy,
    copiesHostBytes,
    totalHostBytes: copiesHostBytes.reduce((sum, value) => sum + value, 0),
    memAvailableBytes,
  };
}

/** Copies per GiB of the host memory they used together at `step`. */
export function instancesPerGiB(step: DensityStep): number {
  return step.totalHostBytes === 0 ? 0 : step.copies / (step.totalHostBytes / gibibyte);
}

/** The run's last step: all copies it had running together. */
export function finalStep(results: DensityResults): DensityStep {
  return results.steps[results.steps.length - 1];
}
