import { Stack } from "@pulumi/pulumi/automation";
import { apps } from "../../stacks/catalog/apps";
import type { AppInstance } from "../../stacks/deployment";
import { platformNames, type PlatformName } from "../../stacks/labConfig";
import { ensureAcceleratorChoice } from "./acceleratorChoice";
import { labStack, labWorkspace } from "./automation";
import { LabError } from "./labError";
import { recordStorageBaseline } from "./measure/baseline";
import { recordProvisioning, ResourceTimer } from "./measure/provisioning";
import { repoRoot } from "./labEnv";
import { waitUntilReady } from "./readiness";
import { renderTable } from "./table";

/** Turns a command-line word into one of the lab's stacks, or says which exist. */
export function resolveStackName(word: string | undefined): PlatformName {
  if (word !== undefined && (platformNames as readonly string[]).includes(word)) return word as PlatformName;
  throw new LabError(
    word === undefined ? "No stack named." : `There is no lab stack called "${word}".`,
    `name one of: ${platformNames.join(", ")} (for example \`npm run up -- docker\`).`,
  );
}

async function resourceCount(stack: Stack): Promise<number> {
  const state = await stack.exportStack();
  return (state.deployment as { resources?: unknown[] }).resources?.length ?? 0;
}

export interface ReadyInstance {
  instance: AppInstance;
  /** Milliseconds from the end of `pulumi up` until the ready check passed; undefined if it never did. */
  readyAfterMs: number | undefined;
}

/** Waits for every instance's catalog ready check, printing progress for slow ones (VMs under TCG). */
export async function waitForInstances(instances: AppInstance[], timeoutMs: number, log: (line: string) => void): Promise<ReadyInstance[]> {
  return Promise.all(
    instances.map(async (instance) => ({
      instance,
      readyAfterMs: await waitUntilReady(apps[instance.app].ready, instance.endpoint, {
        timeoutMs,
        intervalMs: 100,
        onProgress: (elapsedMs) => log(`waiting for ${instance.app} (${instance.name}) to be ready: ${Math.round(elapsedMs / 1000)} s`),
      }),
    })),
  );
}

export function renderReadyTable(ready: ReadyInstance[]): string {
  return renderTable(
    ["app", "kind", "name", "endpoint", "ready after up"],
    ready.map(({ instance, readyAfterMs }) => [
      instance.app,
      instance.kind,
      instance.name,
      `${instance.endpoint.host}:${instance.endpoint.port}`,
      readyAfterMs === undefined ? "NOT READY" : `${(readyAfterMs / 1000).toFixed(2)} s`,
    ]),
  );
}

function writeToTerminal(out: string): void {
  process.stdout.write(out);
}

export interface DeployResult {
  instances: AppInstance[];
  webUrl: string;
  upWallMs: number;
  /** Whether the stack was made from nothing (not an update of a deployed stack). */
  fromNothing: boolean;
  perResourceMs: Record<string, number>;
}

/**
 * `pulumi up` of one lab stack with output streamed to the terminal. When an up that started from nothing
 * fails, what it made is destroyed again so a bad run leaves no half-made resources.
 */
export async function deployStack(stackName: PlatformName, log: (line: string) => void, onOutput = writeToTerminal): Promise<DeployResult> {
  const stack = await labStack(repoRoot, stackName);
  const startedEmpty = (await resourceCount(stack)) === 0;
  if (startedEmpty) await recordStorageBaseline(stackName);
  const started = performance.now();
  const timer = new ResourceTimer();
  try {
    await stack.up({ onOutput, color: "auto", onEvent: timer.onEvent });
  } catch (error) {
    if (startedEmpty && (await resourceCount(stack)) > 0) {
      log("up failed on a stack that was empty: destroying what it made, so nothing half-made is left");
      await stack.destroy({ onOutput });
    }
    throw error;
  }
  const upWallMs = performance.now() - started;
  const outputs = await stack.outputs();
  return { instances: outputs.instances.value as AppInstance[], webUrl: outputs.webUrl.value as string, upWallMs, fromNothing: startedEmpty, perResourceMs: timer.durationsMs };
}

/** Destroys a lab stack's resources and removes its state, keeping the committed stack config file. */
export async function destroyStack(stackName: PlatformName, log: (line: string) => void, onOutput = writeToTerminal): Promise<void> {
  const workspace = await labWorkspace(repoRoot);
  const existing = (await workspace.listStacks()).some((summary) => summary.name === stackName);
  if (!existing) {
    log(`stack ${stackName} does not exist: nothing to tear down`);
    return;
  }
  const stack = await Stack.select(stackName, workspace);
  await stack.destroy({ onOutput, color: "auto" });
  await workspace.removeStack(stackName, { preserveConfig: true });
  log(`stack ${stackName} destroyed and its state removed`);
}

/**
 * `pulumi up`, then every app's ready check; records the provisioning figures when the stack was made from nothing.
 * Throws a LabError when an app never became ready.
 */
export async function deployAndWait(stackName: PlatformName, log: (line: string) => void, onOutput = writeToTerminal): Promise<DeployResult & { ready: ReadyInstance[] }> {
  if (stackName === "libvirt") {
    const choice = await ensureAcceleratorChoice(log);
    log(`accelerator probe (${choice.probedAt}): ${choice.chosen}`);
  }
  log(`pulumi up of stack ${stackName}`);
  const deployed = await deployStack(stackName, log, onOutput);
  log(`pulumi up took ${(deployed.upWallMs / 1000).toFixed(1)} s; waiting for the apps' ready checks`);
  const ready = await waitForInstances(deployed.instances, 300_000, log);
  if (ready.some((entry) => entry.readyAfterMs === undefined)) {
    throw new LabError(
      `Stack ${stackName} is deployed but not every app passed its ready check within 300 s:\n${renderReadyTable(ready)}`,
      `look at the instance's log (\`docker logs NAME\`, or the VM's serial console log in .lab/libvirt/), fix the cause, and run \`npm run up -- ${stackName}\` again.`,
    );
  }
  if (deployed.fromNothing) {
    recordProvisioning(stackName, {
      upWallMs: deployed.upWallMs,
      perResourceMs: deployed.perResourceMs,
      readyAfterUpMs: Object.fromEntries(ready.map((entry) => [entry.instance.app, entry.readyAfterMs])),
    });
  }
  return { ...deployed, ready };
}
