import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { pulumiCli } from "./lib/labEnv";

async function main(): Promise<void> {
  const log = stepLogger("bootstrap");
  await bootstrapLab(log);
  log(`done: ${pulumiCli} and the daemons are ready; \`npm run doctor\` shows the details`);
}

main().catch(exitWithError);
