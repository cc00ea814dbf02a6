import { Stack } from "@pulumi/pulumi/automation";
import { apps } from "../../model/catalog/apps";
import type { AppInstance } from "../../model/deployment";
import { profileChangeNeedsFreshStack, profileOf, type LabConfig } from "../../model/labConfig";
import { labStack, labWorkspace, stackExists } from "./automation";
import { engineProgress } from "./engineProgress";
import { checkQemuCanReachLabFolder, ensureLibvirtHostState } from "./hostPrerequisites";
import { LabError } from "../../model/labError";
import { errorParagraph, pulumiFailure } from "./labError";
import { describeObjects, markedObjects, objectsUnknownToState, sweep, type MarkedObject, type StateResource } from "./leftovers";
import { checkAccelerator, checkEngineAnswers, checkHostPorts, checkSubnet, stackSettings } from "./preflight";
import { checkStackClaims } from "./participantStacks";
import { assertProbeStaysHome } from "./probeGuard";
import { withHeartbeat } from "./progress";
import { appendRunLog } from "./runLog";
import { withStacks } from "./stackLock";
import { recoverInterruptedUpdate } from "./stackRecovery";
import { ensureImagesOnLabHost } from "./remote/labHostImages";
import { startStoppedInstances } from "./stoppedInstances";
import { openLabHost } from "./remote/labHostAccess";
import { localLabHost, type LabHost } from "./labHost";
import { recordStorageBaseline } from "./measure/baseline";
import { recordProvisioning, ResourceTimer } from "./measure/provisioning";
import { repoRoot } from "./labEnv";
import { waitUntilReady } from "./readiness";
import { renderTable } from "./table";
import { stackCommand } from "../../model/participants";

/** The resources in a stack's state, with their types and outputs. */
async function stateResources(stack: Stack): Promise<StateResource[]> {
  const state = await stack.exportStack();
  return (state.deployment as { resources?: StateResource[] }).resources ?? [];
}

/** Managed resources only: the stack, its components and provider entries make nothing on the engines. */
async function resourceCount(stack: Stack): Promise<number> {
  return (await stateResources(stack)).filter((resource) => resource.custom === true && !resource.type.startsWith("pulumi:providers:")).length;
}

export interface ReadyInstance {
  instance: AppInstance;
  /** Milliseconds from the end of `pulumi up` until the ready check passed; undefined if it never did. */
  readyAfterMs: number | undefined;
}

/**
 * Waits for every instance's catalog ready check, printing progress for slow ones (VMs under TCG). The lab host
 * routes and makes the checks' connections (over ssh: through forwards of its connection).
 */
export async function waitForInstances(instances: AppInstance[], timeoutMs: number, log: (line: string) => void, labHost: LabHost = localLabHost()): Promise<ReadyInstance[]> {
  for (const instance of instances) await assertProbeStaysHome(instance.endpoint, labHost);
  return Promise.all(
    instances.map(async (instance) => ({
      instance,
      readyAfterMs: await withHeartbeat(`waiting for ${instance.app} (${instance.name}) to be ready`, log, async () =>
        waitUntilReady(apps[instance.app].ready, await labHost.reach(instance.endpoint), { timeoutMs, intervalMs: 100 }),
      10_000),
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

export interface DeployResult {
  instances: AppInstance[];
  webUrl: string;
  upWallMs: number;
  /** Whether the stack was made from nothing (not an update of a deployed stack). */
  fromNothing: boolean;
  /** The stack's settings the up ran with. */
  settings: LabConfig;
  perResourceMs: Record<string, number>;
}

/** Removes the given marked objects, or says which could not be removed and how to retry. */
async function sweepOrFail(settings: LabConfig, stackName: string, objects: MarkedObject[], why: string, log: (line: string) => void): Promise<void> {
  if (objects.length === 0) return;
  log(`sweeping ${objects.length} object(s) of stack ${stackName} ${why}: ${describeObjects(objects)}`);
  const outcome = await sweep(settings, objects);
  if (outcome.failed.length > 0) {
    throw new LabError(
      `Could not remove ${outcome.failed.length} leftover object(s) of stack ${stackName}: ${outcome.failed.map((failure) => `${failure.object.kind} ${failure.object.name} (${failure.reason})`).join("; ")}.`,
      `run \`${stackCommand("down", stackName)}\` again; if an object stays, remove it with the engine's own command (docker rm -f, virsh destroy and undefine).`,
    );
  }
}

/**
 * Destroys through Pulumi what the state knows, removes the state, then sweeps every object still marked as the
 * stack's; throws when anything marked is left. A destroy the engine cannot finish (objects deleted under it, a
 * provider error) does not stop the sweep: the marker finds what is left either way.
 */
async function teardown(stack: Stack, stackName: string, settings: LabConfig, log: (line: string) => void, onOutput: (out: string) => void): Promise<void> {
  if ((await resourceCount(stack)) > 0) {
    try {
      await stack.destroy({ onOutput, onEvent: engineProgress(log) });
    } catch (error) {
      const failure = pulumiFailure(`pulumi destroy of stack ${stackName}`, error, "");
      log(`${failure instanceof LabError ? failure.problem : String(failure)} Removing its state and sweeping what is left by the stack's marker.`);
    }
  }
  await stack.workspace.removeStack(stackName, { force: true, preserveConfig: true });
  await sweepOrFail(settings, stackName, await markedObjects(settings, stackName), "that Pulumi's state did not account for", log);
  const remaining = await markedObjects(settings, stackName);
  if (remaining.length > 0) {
    throw new LabError(
      `Stack ${stackName} was destroyed, but ${remaining.length} of its objects are still on this host: ${describeObjects(remaining)}.`,
      `run \`${stackCommand("down", stackName)}\` again; if they stay, remove them with the engine's own command and read the log below.`,
    );
  }
}

/**
 * Brings the stack to a state `up` can start from: an update a killed run left is recovered (stale lock, pending
 * operations) and the state refreshed against the engines, and objects marked as the stack's that the state does not
 * know are swept. Returns the stack to work on (a new one when the old state could not be refreshed and was reset).
 */
async function settleStack(stack: Stack, stackName: string, settings: LabConfig, log: (line: string) => void, onOutput: (out: string) => void): Promise<Stack> {
  if (await recoverInterruptedUpdate(stack, stackName, log)) {
    log(`refreshing stack ${stackName}'s state against the engines after the interrupted run`);
    try {
      await stack.refresh({ onOutput });
    } catch (error) {
      const failure = pulumiFailure(`pulumi refresh of stack ${stackName}`, error, "");
      log(`${failure instanceof LabError ? failure.problem : String(failure)} Tearing the stack down so up starts from nothing.`);
      await teardown(stack, stackName, settings, log, onOutput);
      return labStack(repoRoot, stackName);
    }
  }
  const unknown = objectsUnknownToState(await markedObjects(settings, stackName), await stateResources(stack));
  await sweepOrFail(settings, stackName, unknown, "that its state does not know (left by a failed or killed run)", log);
  return stack;
}

/** Tears the deployed stack down first when its profile changes in a way Pulumi cannot apply in place; returns the stack to work on. */
async function takeDownOnProfileChange(stack: Stack, stackName: string, settings: LabConfig, log: (line: string) => void, onOutput: (out: string) => void): Promise<Stack> {
  const deployedProfile = (await stack.outputs()).profile?.value as string | undefined;
  if (!profileChangeNeedsFreshStack(settings, deployedProfile)) return stack;
  log(`stack ${stackName} runs the ${deployedProfile} profile and its settings ask for ${profileOf(settings)}: the apps keep their addresses but move to other containers, which the engine cannot do while the old ones hold them, so the stack is taken down first and made anew`);
  await teardown(stack, stackName, settings, log, onOutput);
  return labStack(repoRoot, stackName);
}

/** What `up` checks before the engine touches anything: the engines answer, the settings can work on this host. */
async function preflight(stackName: string, settings: LabConfig, log: (line: string) => void): Promise<void> {
  checkStackClaims(stackName, settings);
  await checkEngineAnswers(settings, stackName);
  if (settings.platform === "libvirt") {
    await checkAccelerator(settings, stackName, log);
    ensureLibvirtHostState(log);
    await checkQemuCanReachLabFolder();
  }
  await ensureImagesOnLabHost(settings, stackName, log);
}

/** Checks against what else runs on the host, once the stack's own leftovers are gone. */
async function checkHostConflicts(stackName: string, settings: LabConfig): Promise<void> {
  if (settings.platform === "docker") await checkHostPorts(settings, stackName);
  else await checkSubnet(settings, stackName);
}

/**
 * `pulumi up` of one lab stack, its engine output in the run log and one progress line per resource on the terminal.
 * Settings that cannot work are refused before anything is touched; what a killed run left is recovered and swept
 * first; when an up that started from nothing fails, what it made is torn down again so nothing half-made is left.
 */
export async function deployStack(stackName: string, log: (line: string) => void, onOutput: (out: string) => void = appendRunLog): Promise<DeployResult> {
  return withStacks([stackName], log, async () => {
    const workspace = await labWorkspace(repoRoot);
    const existed = await stackExists(workspace, stackName);
    let stack = await Stack.createOrSelect(stackName, workspace);
    let settings: LabConfig;
    try {
      settings = await stackSettings(stack, stackName);
      await preflight(stackName, settings, log);
      stack = await settleStack(stack, stackName, settings, log, onOutput);
      stack = await takeDownOnProfileChange(stack, stackName, settings, log, onOutput);
      await checkHostConflicts(stackName, settings);
    } catch (error) {
      // A refused up leaves nothing, not even the empty stack it opened to read the configuration.
      if (!existed && (await resourceCount(stack)) === 0) await workspace.removeStack(stackName, { preserveConfig: true });
      throw error;
    }
    const startedEmpty = (await resourceCount(stack)) === 0;
    if (startedEmpty) await recordStorageBaseline(stackName);
    const started = performance.now();
    const timer = new ResourceTimer();
    const progress = engineProgress(log);
    try {
      await stack.up({ onOutput, onEvent: (event) => (timer.onEvent(event), progress(event)) });
    } catch (error) {
      if (startedEmpty) {
        log("up failed on a stack that was empty: tearing down what it made, so nothing half-made is left");
        // The up's own failure is the one to report; a teardown that cannot finish says so and `down` retries it.
        await teardown(stack, stackName, settings, log, onOutput).catch((teardownError: unknown) => log(errorParagraph(teardownError)));
      }
      throw pulumiFailure(
        `pulumi up of stack ${stackName}`,
        error,
        `fix what the engine names, then run \`${stackCommand("up", stackName)}\` again${startedEmpty ? " (what this run made was removed)" : `; \`${stackCommand("down", stackName)}\` removes the stack`}.`,
      );
    }
    const upWallMs = performance.now() - started;
    const outputs = await stack.outputs();
    return { instances: outputs.instances.value as AppInstance[], webUrl: outputs.webUrl.value as string, upWallMs, fromNothing: startedEmpty, perResourceMs: timer.durationsMs, settings };
  });
}

/**
 * Destroys a lab stack through Pulumi, removes its state (keeping the committed stack config file), sweeps whatever
 * marked objects are left and fails if any remain. Works on a stack whose last run was killed, and on one whose state
 * is already gone (it then only sweeps).
 */
export async function destroyStack(stackName: string, log: (line: string) => void, onOutput: (out: string) => void = appendRunLog): Promise<void> {
  await withStacks([stackName], log, async () => {
    const stack = await labStack(repoRoot, stackName);
    const settings = await stackSettings(stack, stackName);
    await checkEngineAnswers(settings, stackName);
    await recoverInterruptedUpdate(stack, stackName, log);
    await teardown(stack, stackName, settings, log, onOutput);
    log(`stack ${stackName} destroyed and its state removed; nothing marked as its own is left on this host`);
  });
}

/**
 * `pulumi up`, then every app's ready check; records the provisioning figures when the stack was made from nothing.
 * Throws a LabError when an app never became ready.
 */
export async function deployAndWait(stackName: string, log: (line: string) => void, onOutput: (out: string) => void = appendRunLog): Promise<DeployResult & { ready: ReadyInstance[] }> {
  log(`pulumi up of stack ${stackName}`);
  const deployed = await deployStack(stackName, log, onOutput);
  log(`pulumi up took ${(deployed.upWallMs / 1000).toFixed(1)} s; waiting for the apps' ready checks`);
  const labHost = await openLabHost(deployed.settings, stackName);
  let ready: ReadyInstance[];
  try {
    const started = await startStoppedInstances(deployed.instances, labHost, deployed.settings.platform === "libvirt" ? deployed.settings.libvirtUri : undefined);
    if (started.length > 0) log(`started ${started.map((instance) => instance.name).join(", ")}: deployed but stopped (a measurement stops them while the other stack is measured, and an interrupted \`npm run lab\` leaves them so)`);
    ready = await waitForInstances(deployed.instances, 300_000, log, labHost);
  } finally {
    await labHost.close();
  }
  if (ready.some((entry) => entry.readyAfterMs === undefined)) {
    throw new LabError(
      `Stack ${stackName} is deployed but not every app passed its ready check within 300 s:\n${renderReadyTable(ready)}`,
      `look at the instance's log (\`docker logs NAME\`, or the VM's serial console log in .lab/libvirt/), fix the cause, and run \`${stackCommand("up", stackName)}\` again.`,
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
