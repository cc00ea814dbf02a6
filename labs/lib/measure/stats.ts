/** Summaries of repeated measurements, and the agreement test used when two methods measure the same figure. */

export interface SampleSummary {
  /** How many samples were summarized. */
  count: number;
  /** Middle sample; for an even count, the mean of the two middle samples. */
  median: number;
  /** Smallest sample. */
  min: number;
  /** Largest sample. */
  max: number;
  /** Arithmetic mean. */
  mean: number;
  /** Sample standard deviation (n − 1 denominator); 0 for a single sample. */
  stdev: number;
  /** Coefficient of variation: stdev / mean (0 when the mean is 0); the spread of the samples as a share of their size. */
  cv: number;
  /** 90th percentile by nearest rank; present only from 10 samples on, where it says more than the maximum. */
  p90?: number;
}

/** Fewer samples than this and a 90th percentile is just the maximum or the one below it, so it is left out. */
export const minSamplesForP90 = 10;

/** The nearest-rank percentile of ascending `sorted` values (fraction 0.5 = median). */
export function nearestRank(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) throw new Error("nearestRank: no values");
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1];
}

/** Summarizes samples; throws on an empty list or a non-finite sample, since either means the measurement failed. */
export function summarize(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) throw new Error("summarize: no samples to summarize");
  const bad = samples.find((sample) => !Number.isFinite(sample));
  if (bad !== undefined) throw new Error(`summarize: sample ${bad} is not a finite number`);
  const sorted = [...samples].sort((a, b) => a - b);
  const count = sorted.length;
  const middle = Math.floor(count / 2);
  const median = count % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const mean = sorted.reduce((sum, sample) => sum + sample, 0) / count;
  const squaredDeviations = sorted.reduce((sum, sample) => sum + (sample - mean) ** 2, 0);
  const stdev = count > 1 ? Math.sqrt(squaredDeviations / (count - 1)) : 0;
  const summary: SampleSummary = { count, median, min: sorted[0], max: sorted[count - 1], mean, stdev, cv: mean === 0 ? 0 : stdev / mean };
  if (count >= minSamplesForP90) summary.p90 = nearestRank(sorted, 0.9);
  return summary;
}

/**
 * When a boot sample counts as taken on a quiet host: processes other than the timed instance, its engine and the
 * measuring process used less than a quarter of a core on average while it ran (otherCpuCores). A quarter core is well
 * above the background of kernel threads and timers, and on the lab's 2-core hosts an eighth of the machine, already
 * enough to take turns on the instance's core.
 * `run` judges the run as a whole: the whole host's CPU over a few seconds before the first figure, the stack's own
 * instances at rest included (idle guests under emulation use a few hundredths of a core each).
 * `load` judges runs and samples recorded before those: the 1-minute load average lags, it still carries the lab's own
 * `pulumi up` of the minute before.
 */
export const idleRule = {
  description: "other processes < 0.25 core on average during the sample, beyond the 30 ms (3 clock ticks) by which the CPU counters can be off over it",
  maxOtherCpuCores: 0.25,
  /**
   * The host's and each process's CPU counters advance in 10 ms clock ticks, and "other processes" is the host's count
   * less the instance's and the engine's, so over one sample it can be off by about three ticks: over a 70 ms container
   * start that alone reads as 0.4 core. Only what exceeds it counts.
   */
  counterUncertaintyMs: 30,
  run: { description: "all processes < 0.5 core on average over 3 s before the first figure", maxBusyCores: 0.5, windowMs: 3000 },
  load: { description: "load1 < 0.5 × cores", maxLoadPerCore: 0.5 },
};

/** Whether a boot sample of `sampleMs` ran beside busy processes: their CPU over idleRule's limit by more than the counters can be off. */
export function sampleRanBusy(otherCpuCores: number, sampleMs: number): boolean {
  return otherCpuCores - idleRule.counterUncertaintyMs / sampleMs >= idleRule.maxOtherCpuCores;
}

/** The measuring process may use at most this share of one core while it times a boot, or it competes with the instance. */
export const probeCpuGoal = 0.05;

/** Boot samples spreading more than this (coefficient of variation) are flagged: on an idle host they stay within it. */
export const bootCvGoal = 0.1;

/** |a − b| / max(|a|, |b|): 0 when both are 0, at most 1 for figures of the same sign. */
export function relativeDifference(a: number, b: number): number {
  const larger = Math.max(Math.abs(a), Math.abs(b));
  return larger === 0 ? 0 : Math.abs(a - b) / larger;
}

/** Whether two measurements of one figure agree: their relative difference is at most `fraction` (0.1 = 10 %). */
export function agreesWithin(a: number, b: number, fraction: number): boolean {
  if (!(fraction >= 0)) throw new Error(`agreesWithin: tolerance ${fraction} must be a fraction of at least 0`);
  return relativeDifference(a, b) <= fraction;
}
