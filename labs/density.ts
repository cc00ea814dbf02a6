import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { stepLogger } from "./lib/bootstrapLab";
import { runDensity } from "./lib/density/runDensity";
import { renderDensitySummary } from "./lib/density/densitySummary";
import { exitWithError } from "./lib/labError";
import { startRunLog } from "./lib/runLog";

/** `npm run density -- docker|libvirt [--max N] [--budget-mib M]`: how many copies of the db app fit, started one by one. */
async function main(): Promise<void> {
  const { values, positionals: [stack] } = parseArguments("density");
  startRunLog(`density-${stack}`);
  const { file, results } = await runDensity(stack, { maxCopies: values.max, budgetMiB: values["budget-mib"], log: stepLogger(`density ${stack}`) });
  echo(`\n${renderDensitySummary(results)}\nresults: ${file}\n`);
}

main().catch(exitWithError);
