import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { pulumiCli } from "./lib/labEnv";

/** `npm run bootstrap`: host packages, daemons and the pinned Pulumi toolchain, each only when missing. */
async function main(): Promise<void> {
  parseArguments("bootstrap");
  await bootstrapLab(stepLogger("bootstrap"));
  echo(`bootstrap: done: ${pulumiCli} and the daemons are ready; \`npm run doctor\` shows the details`);
}

main().catch(exitWithError);
