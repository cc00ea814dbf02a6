import { ensureImages } from "./lib/images";
import { recordProvisioning } from "./lib/measure/provisioning";
import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { exitWithError, LabError } from "./lib/labError";
import { deployStack, renderReadyTable, resolveStackName, waitForInstances } from "./lib/stackLifecycle";

/** `npm run up -- docker|libvirt`: set-up if needed, images if needed, `pulumi up`, then wait until every app is ready. */
async function main(): Promise<void> {
  const stackName = resolveStackName(process.argv[2]);
  const log = stepLogger(`up ${stackName}`);
  await bootstrapLab(log);
  await ensureImages(log);
  log(`pulumi up of stack ${stackName}`);
  const deployed = await deployStack(stackName, log);
  log(`pulumi up took ${(deployed.upWallMs / 1000).toFixed(1)} s; waiting for the apps' ready checks`);
  const ready = await waitForInstances(deployed.instances, 300_000, log);
  if (deployed.fromNothing) {
    recordProvisioning(stackName, {
      upWallMs: deployed.upWallMs,
      perResourceMs: deployed.perResourceMs,
      readyAfterUpMs: Object.fromEntries(ready.filter((entry) => entry.readyAfterMs !== undefined).map((entry) => [entry.instance.app, entry.readyAfterMs])),
    });
  }
  console.log(`\n${renderReadyTable(ready)}\n\nweb app: ${deployed.webUrl}  (try: curl ${deployed.webUrl}api/visits)`);
  if (ready.some((entry) => entry.readyAfterMs === undefined)) {
    throw new LabError(`Stack ${stackName} is deployed but not every app passed its ready check within 300 s.`, `look at the instance's log (\`docker logs NAME\`, or the VM's serial log in .lab/), fix the cause, and run \`npm run up -- ${stackName}\` again.`);
  }
}

main().catch(exitWithError);
