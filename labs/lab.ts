import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { parseLabArguments, runLab } from "./lib/labRun";
import { startRunLog } from "./lib/runLog";

/** `npm run lab [-- --keep] [--samples N]`: the README's main command. */
async function main(): Promise<void> {
  const options = parseLabArguments(process.argv.slice(2));
  const runLog = startRunLog("lab");
  const log = stepLogger("lab");
  log(`engine output: ${runLog}`);
  const outcome = await runLab(options, log);
  console.log(`\n${outcome.summary}\n`);
}

main().catch(exitWithError);
