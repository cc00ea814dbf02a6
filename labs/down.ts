import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { destroyStack, resolveStackName } from "./lib/stackLifecycle";

/** `npm run down -- docker|libvirt`: destroys every resource of the stack and its state. */
async function main(): Promise<void> {
  const stackName = resolveStackName(process.argv[2]);
  await destroyStack(stackName, stepLogger(`down ${stackName}`));
}

main().catch(exitWithError);
