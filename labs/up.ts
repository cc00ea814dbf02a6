import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { ensureImages } from "./lib/images";
import { exitWithError } from "./lib/labError";
import { startRunLog } from "./lib/runLog";
import { deployAndWait, renderReadyTable } from "./lib/stackLifecycle";
import { withStacks } from "./lib/stackLock";
import { resolveStack } from "./lib/participantStacks";
import { stackRef } from "../model/participants";

/**
 * `npm run up -- docker|libvirt [--as NAME]`: set-up if needed, images if needed, `pulumi up`, then wait until every
 * app is ready. With --as, participant NAME's own stack (its stack file written on first use).
 */
async function main(): Promise<void> {
  const { values: { as: participant }, positionals: [platform] } = parseArguments("up");
  const stackName = stackRef(platform, participant).name;
  const runLog = startRunLog(`up-${stackName}`);
  const log = stepLogger(`up ${stackName}`);
  log(`engine output: ${runLog}`);
  const deployed = await withStacks([stackName], log, async () => {
    await resolveStack(platform, participant, "deploy", log);
    await bootstrapLab(log);
    await ensureImages(log);
    return deployAndWait(stackName, log);
  });
  echo(`\n${renderReadyTable(deployed.ready)}\n\nweb app: ${deployed.webUrl}  (try: curl ${deployed.webUrl}api/visits)`);
}

main().catch(exitWithError);
