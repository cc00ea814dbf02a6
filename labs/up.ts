import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { ensureImages } from "./lib/images";
import { exitWithError } from "./lib/labError";
import { startRunLog } from "./lib/runLog";
import { deployAndWait, renderReadyTable } from "./lib/stackLifecycle";
import { withStacks } from "./lib/stackLock";

/** `npm run up -- docker|libvirt`: set-up if needed, images if needed, `pulumi up`, then wait until every app is ready. */
async function main(): Promise<void> {
  const [stackName] = parseArguments("up").positionals;
  const runLog = startRunLog(`up-${stackName}`);
  const log = stepLogger(`up ${stackName}`);
  log(`engine output: ${runLog}`);
  const deployed = await withStacks([stackName], log, async () => {
    await bootstrapLab(log);
    await ensureImages(log);
    return deployAndWait(stackName, log);
  });
  echo(`\n${renderReadyTable(deployed.ready)}\n\nweb app: ${deployed.webUrl}  (try: curl ${deployed.webUrl}api/visits)`);
}

main().catch(exitWithError);
