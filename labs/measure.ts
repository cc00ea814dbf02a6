import { echo } from "zx";
import { platformNames } from "../model/labConfig";
import { parseArguments } from "./lib/arguments";
import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { measureAndWrite, renderResultsSummary } from "./lib/measure/runMeasurement";
import { startRunLog } from "./lib/runLog";

/** `npm run measure -- docker|libvirt|all [--samples N]`: measures deployed stacks and writes results files. */
async function main(): Promise<void> {
  const { values: { samples }, positionals: [target] } = parseArguments("measure");
  const stacks = target === "all" ? platformNames : [target];
  startRunLog(`measure-${stacks.join("-")}`);
  for (const stack of stacks) {
    const log = stepLogger(`measure ${stack}`);
    const { file, results } = await measureAndWrite(stack, samples, log);
    echo(`\n${renderResultsSummary(results)}\n\n✓ = the figure's cross-check agrees within 15 %, ≠ = it does not (the results file says why)\nresults: ${file}\n`);
  }
}

main().catch(exitWithError);
