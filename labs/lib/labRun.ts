import { platformNames, type PlatformName } from "../../model/labConfig";
import { bootstrapLab } from "./bootstrapLab";
import { ensureImages } from "./images";
import { measureAndWrite, resultsDirOf } from "./measure/runMeasurement";
import { stackCommand, stackRef, type StackRef } from "../../model/participants";
import { resolveStack } from "./participantStacks";
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
  /** A participant's own stacks and results folder instead of the lab's. */
  as?: string;
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
  return withStacks(platformNames.map((platform) => stackRef(platform, options.as).name), log, async () => {
    await clock.time("set-up", () => bootstrapLab(log));
    await clock.time("images", () => ensureImages(log));
    const stacks: StackRef[] = [];
    for (const platform of platformNames) stacks.push(await resolveStack(platform, options.as, "deploy", log));
    const outcome = await cycleAndTearDown(stacks, options, clock, log);
    return { ...outcome, summary: `${outcome.summary}\n${describeCycle(clock.steps, clock.totalSeconds())}` };
  });
}

async function deployMeasureAndReport(stacks: readonly StackRef[], options: LabOptions, clock: CycleClock, log: (line: string) => void): Promise<LabOutcome> {
  const results = {} as Record<PlatformName, MeasurementResults>;
  const resultFiles: string[] = [];
  // Each stack is measured before the next one is up: idle guests under emulation would share the cores with it.
  for (const stack of stacks) {
    await clock.time(`up ${stack.name}`, () => deployAndWait(stack.name, log));
    log(`measuring ${stack.name} (${options.samples} boot samples per instance)`);
    const measured = await clock.time(`measure ${stack.name}`, () => measureAndWrite(stack, options.samples, log, !options.keep));
    results[stack.platform] = measured.results;
    resultFiles.push(measured.file);
  }
  const folder = resultsDirOf(options.as);
  const report = await clock.time("report", async () => generateReport({ resultsDir: folder, outputDir: folder }));
  return { results, resultFiles, summary: reportSummary(report) };
}

/** The cycle, then both stacks down whatever happened (unless --keep); the first failure is the one reported. */
async function cycleAndTearDown(stacks: readonly StackRef[], options: LabOptions, clock: CycleClock, log: (line: string) => void): Promise<LabOutcome> {
  const cycle = await deployMeasureAndReport(stacks, options, clock, log).then(
    (outcome) => ({ outcome, failure: undefined as unknown }),
    (failure: unknown) => ({ outcome: undefined, failure }),
  );
  let failure = cycle.failure;
  if (options.keep) {
    log(`--keep: both stacks stay up (${stacks.map((stack) => `\`${stackCommand("down", stack.name)}\``).join(" and ")} remove them)`);
  } else {
    for (const stack of stacks) {
      try {
        await clock.time(`down ${stack.name}`, () => destroyStack(stack.name, log));
      } catch (error) {
        failure ??= error;
      }
    }
  }
  if (failure !== undefined || cycle.outcome === undefined) throw failure;
  return cycle.outcome;
}
