import { echo } from "zx";
import { platformNames } from "../model/labConfig";
import { parseArguments } from "./lib/arguments";
import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { measureAndWrite, renderResultsSummary } from "./lib/measure/runMeasurement";
import { resolveStack } from "./lib/participantStacks";
import { startRunLog } from "./lib/runLog";

/** `npm run measure -- docker|libvirt|all [--samples N] [--as NAME]`: measures deployed stacks and writes results files. */
async function main(): Promise<void> {
  const { values: { samples, as: participant }, positionals: [target] } = parseArguments("measure");
  const platforms = target === "all" ? platformNames : [target];
  const stacks = await Promise.all(platforms.map((platform) => resolveStack(platform, participant, "existing", () => undefined)));
  startRunLog(`measure-${stacks.map((stack) => stack.name).join("-")}`);
  for (const stack of stacks) {
    const log = stepLogger(`measure ${stack.name}`);
    const { file, results } = await measureAndWrite(stack, samples, log);
    echo(`\n${renderResultsSummary(results)}\n\n✓ = the figure's cross-check agrees within 15 %, ≠ = it does not (the results file says why)\nresults: ${file}\n`);
  }
}

main().catch(exitWithError);
