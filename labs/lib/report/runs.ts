/** Finding runs: every results file under the results folder, a run given by id or path, and the runs a report uses. */
import * as fs from "node:fs";
import * as path from "node:path";
import { bootProfiles } from "../../../model/bootProfile";
import { LabError } from "../../../model/labError";
import { stackCommand } from "../../../model/participants";
import { latestBenchResults } from "../bench/benchSchema";
import { latestDensityRuns } from "../density/densityResults";
import { latestResults, readResults, stackFolder, type LocatedResults } from "../measure/results";
import { presentStacks, reportStacks, profileOf, type ReportInput, type VmProfileRuns } from "./reportInput";

/** One results file under `<resultsDir>/<stack>/`. */
export interface RunEntry {
  /** The stack folder it is in. */
  stack: string;
  /** The file name without .json. */
  runId: string;
  /** Path of the file. */
  file: string;
}

/** Every results file under the results folder, by stack, then oldest first. */
export function listRuns(resultsDir: string): RunEntry[] {
  if (!fs.existsSync(resultsDir)) return [];
  return fs
    .readdirSync(resultsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((stack) =>
      fs
        .readdirSync(path.join(resultsDir, stack))
        .filter((name) => name.endsWith(".json"))
        .sort()
        .map((name) => ({ stack, runId: name.slice(0, -".json".length), file: path.join(resultsDir, stack, name) })),
    );
}

/** The remedy for a bad run of a stack folder (`…/docker`, or a participant's `…/participants/alice/docker`). */
function remeasureRemedy(stackDir: string): string {
  const platform = path.basename(stackDir);
  const owner = path.dirname(stackDir);
  const stack = path.basename(path.dirname(owner)) === "participants" ? `${path.basename(owner)}-${platform}` : platform;
  return `measure the stack again (\`${stackCommand("measure", stack)}\`) or name another run.`;
}

/** Reads a results file, turning an unreadable or invalid one into a LabError that says what to do. */
export function readRun(file: string): LocatedResults {
  try {
    return { file, results: readResults(file) };
  } catch (error) {
    throw new LabError((error as Error).message, remeasureRemedy(path.dirname(file)));
  }
}

function availableRuns(resultsDir: string): string {
  const runs = listRuns(resultsDir);
  if (runs.length === 0) return `there are no runs in ${resultsDir} yet: deploy and measure a stack first (\`npm run up -- docker\`, then \`npm run measure -- docker\`).`;
  return `name a results file or one of the run ids in ${resultsDir}: ${runs.map((run) => `${run.stack}/${run.runId}`).join(", ")}.`;
}

/**
 * A run named by the path of its results file (relative to `baseDir`), by its run id, or by "stack/run-id";
 * an unknown or ambiguous name is a LabError listing the run ids there are.
 */
export function resolveRun(resultsDir: string, reference: string, baseDir: string = process.cwd()): LocatedResults {
  const asPath = path.resolve(baseDir, reference);
  if (fs.existsSync(asPath) && fs.statSync(asPath).isFile()) return readRun(asPath);
  const name = reference.replace(/\.json$/, "");
  const matches = listRuns(resultsDir).filter((run) => run.runId === name || `${run.stack}/${run.runId}` === name);
  if (matches.length === 1) return readRun(matches[0].file);
  if (matches.length > 1) {
    throw new LabError(`Run id "${reference}" exists in several stacks: ${matches.map((run) => `${run.stack}/${run.runId}`).join(", ")}.`, "name it as stack/run-id, e.g. " + `\`${matches[0].stack}/${matches[0].runId}\`.`);
  }
  throw new LabError(`No run "${reference}": neither a results file nor a run id under ${resultsDir}.`, availableRuns(resultsDir));
}

/**
 * The latest run of each VM boot profile under `<resultsDir>/libvirt`, read newest first until every profile has one;
 * `chosen` (the report's libvirt run) stands for its own profile.
 */
export function latestRunPerProfile(resultsDir: string, chosen: LocatedResults): VmProfileRuns {
  const runs: VmProfileRuns = { [profileOf(chosen.results)]: chosen };
  const newestFirst = listRuns(resultsDir).filter((run) => run.stack === "libvirt").reverse();
  for (const run of newestFirst) {
    if (bootProfiles.every((profile) => runs[profile] !== undefined)) break;
    const located = readRun(run.file);
    runs[profileOf(located.results)] ??= located;
  }
  return runs;
}

/**
 * The runs a report is made of: the given runs (at most one per stack), for every other stack its latest run, and
 * the latest libvirt run of each VM boot profile.
 * A LabError when a given run is of a stack the report does not know or two are of the same stack, or when there is
 * nothing to report.
 */
export function reportInputFor(resultsDir: string, references: readonly string[], baseDir: string = process.cwd()): ReportInput {
  const input: ReportInput = {};
  for (const reference of references) {
    const located = resolveRun(resultsDir, reference, baseDir);
    const stack = reportStacks.find((candidate) => candidate === stackFolder(located.results.stack));
    if (!stack) throw new LabError(`Run ${reference} is of stack "${located.results.stack}", which the report does not cover.`, `name runs of ${reportStacks.join(" or ")}.`);
    if (input[stack]) throw new LabError(`Two runs of the ${stack} stack were given (${path.basename(input[stack].file)} and ${path.basename(located.file)}).`, "a report shows one run per stack; to set two runs side by side use `npm run report -- --compare RUN_A RUN_B`.");
    input[stack] = located;
  }
  for (const stack of reportStacks) {
    if (input[stack]) continue;
    let latest: LocatedResults | undefined;
    try {
      latest = latestResults(resultsDir, stack);
    } catch (error) {
      throw new LabError((error as Error).message, remeasureRemedy(path.join(resultsDir, stack)));
    }
    if (latest) input[stack] = latest;
  }
  if (input.libvirt) input.vmProfiles = latestRunPerProfile(resultsDir, input.libvirt);
  const bench = Object.fromEntries(reportStacks.flatMap((stack) => {
    const latest = latestBenchResults(resultsDir, stack);
    return latest ? [[stack, latest]] : [];
  }));
  if (Object.keys(bench).length > 0) input.bench = bench;
  const density = latestDensityRuns(resultsDir);
  if (Object.keys(density).length > 0) input.density = density;
  if (presentStacks(input).length === 0) {
    throw new LabError(`No measurement results in ${resultsDir}, so there is nothing to report.`, "deploy and measure a stack first: `npm run up -- docker`, then `npm run measure -- docker`.");
  }
  return input;
}
