import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { parseLabArguments, runLab } from "./lib/labRun";

/** `npm run lab [-- --keep] [--samples N]`: the README's main command. */
async function main(): Promise<void> {
  const options = parseLabArguments(process.argv.slice(2));
  const outcome = await runLab(options, stepLogger("lab"));
  console.log(`\n${outcome.summary}\n`);
}

main().catch(exitWithError);
