import { platformNames, type PlatformName } from "../../model/labConfig";
import { bootstrapLab } from "./bootstrapLab";
import { ensureImages } from "./images";
import { measureAndWrite, resultsDir } from "./measure/runMeasurement";
import type { MeasurementResults } from "./measure/resultsSchema";
import { generateReport, reportSummary } from "./report/writeReport";
import { deployAndWait, destroyStack } from "./stackLifecycle";
import { withStacks } from "./stackLock";
import { CycleClock, describeCycle } from "./cycleClock";

export interface LabOptions {
  /** Leave both stacks running at the end (for a workshop). */
  keep: boolean;
  /** Boot samples per instance. */
  samples: number;
}

export interface LabOutcome {
  results: Record<PlatformName, MeasurementResults>;
  resultFiles: string[];
  summary: string;
}

/**
 * The whole cycle: set-up, images, both stacks up, measured, the report written, and both stacks torn down again
 * (also when a step fails, unless --keep), so a run leaves only its results behind.
 */
export async function runLab(options: LabOptions, log: (line: string) => void): Promise<LabOutcome> {
  const clock = new CycleClock();
  return withStacks(platformNames, log, async () => {
    await clock.time("set-up", () => bootstrapLab(log));
    await clock.time("images", () => ensureImages(log));
    const outcome = await cycleAndTearDown(options, clock, log);
    return { ...outcome, summary: `${outcome.summary}\n${describeCycle(clock.steps, clock.totalSeconds())}` };
  });
}

async function deployMeasureAndReport(options: LabOptions, clock: CycleClock, log: (line: string) => void): Promise<LabOutcome> {
  const results = {} as Record<PlatformName, MeasurementResults>;
  const resultFiles: string[] = [];
  // Each stack is measured before the next one is up: idle guests under emulation would share the cores with it.
  for (const stack of platformNames) {
    await clock.time(`up ${stack}`, () => deployAndWait(stack, log));
    log(`measuring ${stack} (${options.samples} boot samples per instance)`);
    const measured = await clock.time(`measure ${stack}`, () => measureAndWrite(stack, options.samples, log, !options.keep));
    results[stack] = measured.results;
    resultFiles.push(measured.file);
  }
  const report = await clock.time("report", async () => generateReport({ resultsDir, outputDir: resultsDir }));
  return { results, resultFiles, summary: reportSummary(report) };
}

/** The cycle, then both stacks down whatever happened (unless --keep); the first failure is the one reported. */
async function cycleAndTearDown(options: LabOptions, clock: CycleClock, log: (line: string) => void): Promise<LabOutcome> {
  const cycle = await deployMeasureAndReport(options, clock, log).then(
    (outcome) => ({ outcome, failure: undefined as unknown }),
    (failure: unknown) => ({ outcome: undefined, failure }),
  );
  let failure = cycle.failure;
  if (options.keep) {
    log("--keep: both stacks stay up (`npm run down -- docker` and `npm run down -- libvirt` remove them)");
  } else {
    for (const stack of platformNames) {
      try {
        await clock.time(`down ${stack}`, () => destroyStack(stack, log));
      } catch (error) {
        failure ??= error;
      }
    }
  }
  if (failure !== undefined || cycle.outcome === undefined) throw failure;
  return cycle.outcome;
}
