import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { LabError } from "../../../model/labError";
import { assertProbeStaysHome } from "../probeGuard";
import { waitUntilReady } from "../readiness";
import type { BootPhases } from "./resultsSchema";

/** How often the ready check is polled while a boot is timed. */
export const readyPollIntervalMs = 5;

/** What a platform must do for one boot sample; the timing around it is the same for VMs and containers. */
export interface BootControl {
  /** Stops the instance and returns once it is fully stopped. */
  stop(): Promise<void>;
  /** Issues the engine's start call and returns when the call returns. */
  start(): Promise<void>;
  /** Called right before start; follows the boot. */
  observe?(startedAtPerf: number, startedAtWallMs: number): Promise<BootObservation>;
}

/** What a platform sees of one boot besides the ready check. */
export interface BootObservation {
  /** Called once the app is ready: the phases it saw. */
  phases(): Promise<BootPhases>;
  /** Resolves once the app's process has started, where the platform can tell while the boot runs. */
  appStarted?: Promise<void>;
}

/** Ready-check polling before the app's process has started: the boot's earlier phases are timed by other means. */
export const slowPollIntervalMs = 100;

export interface BootSample {
  bootToReadyMs: number;
  phases: BootPhases;
}

/** One sample: stop, then time from the start call until the catalog ready check passes (polled every few ms). */
export async function timeOneBoot(instance: AppInstance, control: BootControl, timeoutMs: number): Promise<BootSample> {
  await assertProbeStaysHome(instance.endpoint);
  await control.stop();
  const startedAtWallMs = Date.now();
  const startedAtPerf = performance.now();
  const observation = control.observe ? await control.observe(startedAtPerf, startedAtWallMs) : undefined;
  const startCall = control.start();
  const slow = observation?.appStarted ? { slowIntervalMs: slowPollIntervalMs, fastAfter: observation.appStarted } : undefined;
  const readyAfterMs = waitUntilReady(apps[instance.app].ready, instance.endpoint, { timeoutMs, intervalMs: readyPollIntervalMs, slow });
  await startCall;
  const engineStartCallMs = performance.now() - startedAtPerf;
  const bootToReadyMs = await readyAfterMs;
  if (bootToReadyMs === undefined) {
    throw new LabError(`${instance.name} did not pass its ready check within ${timeoutMs / 1000} s of being started.`, `look at its log (container: \`docker logs ${instance.name}\`; VM: its serial console log in .lab/libvirt/), then re-run the measurement.`);
  }
  const phases = observation ? await observation.phases() : {};
  return { bootToReadyMs, phases: { engineStartCallMs, ...phases } };
}
