import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { runLab } from "./lib/labRun";
import { startRunLog } from "./lib/runLog";

/** `npm run lab [-- --keep] [--samples N]`: the README's main command. */
async function main(): Promise<void> {
  const options = parseArguments("lab").values;
  const runLog = startRunLog("lab");
  const log = stepLogger("lab");
  log(`engine output: ${runLog}`);
  const outcome = await runLab(options, log);
  echo(`\n${outcome.summary}\n`);
}

main().catch(exitWithError);
