import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { startRunLog } from "./lib/runLog";
import { destroyStack } from "./lib/stackLifecycle";
import { withStacks } from "./lib/stackLock";
import { stackCommand } from "../model/participants";
import { resolveStack } from "./lib/participantStacks";

/** `npm run down -- docker|libvirt [--as NAME]`: destroys every resource of the stack and its state, then sweeps what is left. */
async function main(): Promise<void> {
  const { values: { as: participant }, positionals: [platform] } = parseArguments("down");
  const stackName = (await resolveStack(platform, participant, "existing", () => undefined)).name;
  const runLog = startRunLog(`down-${stackName}`);
  const log = stepLogger(`down ${stackName}`);
  log(`engine output: ${runLog}`);
  await withStacks([stackName], log, async () => {
    // A stopped daemon is started as up starts it: down needs the engines to remove what the stack made.
    await bootstrapLab(log);
    await destroyStack(stackName, log);
  });
  echo(`\nstack ${stackName} is down (\`${stackCommand("up", stackName)}\` brings it back)`);
}

main().catch(exitWithError);
