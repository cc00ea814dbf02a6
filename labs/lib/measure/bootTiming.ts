import { performance } from "node:perf_hooks";
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { LabError } from "../../../model/labError";
import { assertProbeStaysHome } from "../probeGuard";
import { localLabHost, type LabHost } from "../labHost";
import { pollUntilReady, type WaitOptions } from "../readiness";
import { otherCpuCores } from "./hostCpu";
import type { BootPhases } from "./resultsSchema";
import { readCpu, type InstanceCpu } from "./sampleCpu";

/**
 * How the ready check is polled while a boot is timed: every 5 ms at first, then every 2 % of the time since the start
 * request, up to 50 ms. Polling can see readiness late by one pause at most, so by at most 2 % of the figure once
 * that is over 250 ms, while the probe's CPU (about a millisecond per attempt on the lab's 2-core host) falls as the
 * boot goes on.
 */
export const readyPolling = { intervalMs: 5, growth: { fractionOfElapsed: 0.02, maxIntervalMs: 50 } } satisfies Pick<WaitOptions, "intervalMs" | "growth">;

/** Ready-check polling before the app's process has started: the boot's earlier phases are timed by other means. */
export const slowPollIntervalMs = 100;

/** readyPolling and slowPollIntervalMs in words, for a measurement's method. */
export const readyPollingText = `every ${readyPolling.intervalMs} ms, then every ${readyPolling.growth.fractionOfElapsed * 100} % of the time since the start request up to ${readyPolling.growth.maxIntervalMs} ms; every ${slowPollIntervalMs} ms until the app's process has started (a VM's console line, a container's cgroup)`;

/** What a platform must do for one boot sample; the timing around it is the same for VMs and containers. */
export interface BootControl {
  /** Stops the instance and returns once it is fully stopped. */
  stop(): Promise<void>;
  /** Issues the engine's start call and returns when the call returns. */
  start(): Promise<void>;
  /** Called right before start; follows the boot. */
  observe?(startedAtPerf: number, startedAtWallMs: number): Promise<BootObservation>;
  /** Reads the instance's own CPU, so that a sample can tell what other processes used while it ran. */
  cpu?: InstanceCpu;
}

/** What a platform sees of one boot besides the ready check. */
export interface BootObservation {
  /** Called once the app is ready: the phases it saw. */
  phases(): Promise<BootPhases>;
  /** Resolves once the app's process has started, where the platform can tell while the boot runs. */
  appStarted?: Promise<void>;
}

export interface BootSample {
  bootToReadyMs: number;
  phases: BootPhases;
  /** How late polling can have seen readiness: the pause before the passing ready check. */
  readyResolutionMs: number;
  /** CPU this process used from the start request until ready, as a share of one core. */
  probeCpuShare: number;
  /** CPU other processes used meanwhile, in cores on average; undefined where the instance's own CPU could not be read. */
  otherCpuCores?: number;
}

/** CPU this process used since `cpuBefore` (process.cpuUsage) over the wall time since `wallBefore`: a share of one core. */
function cpuShareSince(cpuBefore: NodeJS.CpuUsage, wallBefore: number): number {
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  return wallMs > 0 ? (cpu.user + cpu.system) / 1000 / wallMs : 0;
}

/**
 * When polling turns fast: once the app's process has started where the platform sees it (a VM's console), else once
 * the instance's processes exist, at the latest when the engine's start call returns (it returns after starting them).
 */
function fastPollingFrom(observation: BootObservation | undefined, appeared: Promise<void> | undefined, startCall: Promise<void>): Promise<unknown> | undefined {
  if (observation?.appStarted) return observation.appStarted;
  // A failing start call is reported where it is awaited; here it only ends the slow polling.
  return appeared && Promise.race([appeared, startCall.catch(() => undefined)]);
}

/**
 * One sample: stop, then time from the start call until the catalog ready check passes (polled per readyPolling).
 * The lab host routes and makes the ready check's connections (over ssh: through a forward of its connection).
 */
export async function timeOneBoot(instance: AppInstance, control: BootControl, timeoutMs: number, host: LabHost = localLabHost()): Promise<BootSample> {
  await assertProbeStaysHome(instance.endpoint, host);
  const endpoint = await host.reach(instance.endpoint);
  await control.stop();
  const cpuBefore = await readCpu(instance.kind, control.cpu, host);
  const probeCpuBefore = process.cpuUsage();
  const startedAtWallMs = Date.now();
  const startedAtPerf = performance.now();
  const observation = control.observe ? await control.observe(startedAtPerf, startedAtWallMs) : undefined;
  const watch = { done: false };
  const appeared = control.cpu?.appeared?.(watch);
  const startCall = control.start();
  const fastAfter = fastPollingFrom(observation, appeared, startCall);
  const slow = fastAfter ? { slowIntervalMs: slowPollIntervalMs, fastAfter } : undefined;
  const readySeen = pollUntilReady(apps[instance.app].ready, endpoint, { timeoutMs, ...readyPolling, slow });
  let engineStartCallMs: number;
  let ready: Awaited<typeof readySeen>;
  try {
    await startCall;
    engineStartCallMs = performance.now() - startedAtPerf;
    ready = await readySeen;
  } finally {
    watch.done = true;
  }
  if (ready === undefined) {
    throw new LabError(`${instance.name} did not pass its ready check within ${timeoutMs / 1000} s of being started.`, `look at its log (container: \`docker logs ${instance.name}\`; VM: its serial console log in .lab/libvirt/), then re-run the measurement.`);
  }
  const probeCpuShare = cpuShareSince(probeCpuBefore, startedAtPerf);
  const cpuAfter = await readCpu(instance.kind, control.cpu, host);
  const phases = observation ? await observation.phases() : {};
  return {
    bootToReadyMs: ready.readyAfterMs,
    phases: { engineStartCallMs, ...phases },
    readyResolutionMs: ready.resolutionMs,
    probeCpuShare,
    otherCpuCores: otherCpuCores(cpuBefore, cpuAfter),
  };
}
