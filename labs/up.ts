import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { ensureImages } from "./lib/images";
import { exitWithError } from "./lib/labError";
import { deployAndWait, renderReadyTable, resolveStackName } from "./lib/stackLifecycle";

/** `npm run up -- docker|libvirt`: set-up if needed, images if needed, `pulumi up`, then wait until every app is ready. */
async function main(): Promise<void> {
  const stackName = resolveStackName(process.argv[2]);
  const log = stepLogger(`up ${stackName}`);
  await bootstrapLab(log);
  await ensureImages(log);
  const deployed = await deployAndWait(stackName, log);
  console.log(`\n${renderReadyTable(deployed.ready)}\n\nweb app: ${deployed.webUrl}  (try: curl ${deployed.webUrl}api/visits)`);
}

main().catch(exitWithError);
