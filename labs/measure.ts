import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { measureAndWrite, parseMeasureArguments, renderResultsSummary } from "./lib/measure/runMeasurement";
import { startRunLog } from "./lib/runLog";

/** `npm run measure -- docker|libvirt|all [--samples N]`: measures deployed stacks and writes results files. */
async function main(): Promise<void> {
  const { stacks, samples } = parseMeasureArguments(process.argv.slice(2));
  startRunLog(`measure-${stacks.join("-")}`);
  for (const stack of stacks) {
    const log = stepLogger(`measure ${stack}`);
    const { file, results } = await measureAndWrite(stack, samples, log);
    console.log(`\n${renderResultsSummary(results)}\n\n✓ = the figure's cross-check agrees within 15 %, ≠ = it does not (the results file says why)\nresults: ${file}\n`);
  }
}

main().catch(exitWithError);
