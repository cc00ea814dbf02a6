import { performance } from "node:perf_hooks";
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { LabError } from "../../../model/labError";
import { assertProbeStaysHome } from "../probeGuard";
import { localLabHost, type LabHost } from "../labHost";
import { pollUntilReady, type ReadySeen, type WaitOptions } from "../readiness";
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
export const readyPollingText = `every ${readyPolling.intervalMs} ms, then every ${readyPolling.growth.fractionOfElapsed * 100} % of the time since the start request up to ${readyPolling.growth.maxIntervalMs} ms, from the moment the app can be near ready: a VM's console line for the app's start; for a container, its ready line in the engine's log where the app prints one, else the engine's start call returning; before that every ${slowPollIntervalMs} ms, from the start call's return (none before it)`;

/** What a platform must do for one boot sample; the timing around it is the same for VMs and containers. */
export interface BootControl {
  /** Stops the instance and returns once it is fully stopped. */
  stop(): Promise<void>;
  /** Issues the engine's start call and returns when the call returns. */
  start(): Promise<void>;
  /** Called right before start; follows the boot. */
  observe?(): Promise<BootObservation>;
  /** Reads the instance's own CPU, so that a sample can tell what other processes used while it ran. */
  cpu?: InstanceCpu;
}

/** What a platform sees of one boot besides the ready check. */
export interface BootObservation {
  /** Called once the app is ready, with when the start request was made (performance.now() and Date.now()): the phases it saw. */
  phases(startedAtPerf: number, startedAtWallMs: number): Promise<BootPhases>;
  /**
   * Resolves once the ready check is worth trying often, where the platform can tell while the boot runs: when the
   * app's process has started, or when the app has said it listens (`announcedAtWallMs`: when its line was logged).
   */
  readySoon?: Promise<{ announcedAtWallMs?: number }>;
  /** Stops following the boot; called once the sample has ended, whether the app became ready or not. */
  close?(): void;
}

export interface BootSample {
  bootToReadyMs: number;
  phases: BootPhases;
  /** How late polling can have seen readiness (readyLatenessMs). */
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
 * How late the passing ready check can have seen readiness: from the last moment the app is known not to have been
 * ready until the passing attempt began. Known not ready: at the attempt before the passing one, before the app's
 * process started (appExecMs), and before the app said it listens (announcedMs: it prints its ready line as it starts
 * to listen, and the engine stamps the line as it reads it). All in milliseconds from the start request.
 */
export function readyLatenessMs(seen: Pick<ReadySeen, "passingAttemptAtMs" | "resolutionMs">, appExecMs?: number, announcedMs?: number): number {
  const bounds = [seen.passingAttemptAtMs - seen.resolutionMs, appExecMs, announcedMs].filter((at): at is number => at !== undefined);
  return Math.max(0, seen.passingAttemptAtMs - Math.max(...bounds));
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
  const observation = control.observe ? await control.observe() : undefined;
  try {
    const probeCpuBefore = process.cpuUsage();
    const startedAtWallMs = Date.now();
    const startedAtPerf = performance.now();
    const startCall = control.start();
    // The app's ready line, placed at the engine's stamp of it but never after the moment it was seen here:
    // Date.now()'s whole milliseconds can put the stamp up to one late.
    let announcedMs: number | undefined;
    const announced = observation?.readySoon?.then(({ announcedAtWallMs }) => {
      if (announcedAtWallMs !== undefined) announcedMs = Math.min(announcedAtWallMs - startedAtWallMs, performance.now() - startedAtPerf);
    });
    // No ready check before the engine's start call has returned: a container's port proxy already accepts while
    // the container's own network is not up, and its connection attempt then leaves the host's neighbour entry for
    // the container waiting, which holds every later attempt for the kernel's next ARP try, a second on.
    await startCall;
    const engineStartCallMs = performance.now() - startedAtPerf;
    // Where the platform cannot tell more, the app can be near ready once the start call has returned.
    const ready = await pollUntilReady(apps[instance.app].ready, endpoint, { timeoutMs, ...readyPolling, slow: { slowIntervalMs: slowPollIntervalMs, fastAfter: announced ?? Promise.resolve() }, since: startedAtPerf });
    if (ready === undefined) {
      throw new LabError(`${instance.name} did not pass its ready check within ${timeoutMs / 1000} s of being started.`, `look at its log (container: \`docker logs ${instance.name}\`; VM: its serial console log in .lab/libvirt/), then re-run the measurement.`);
    }
    const probeCpuShare = cpuShareSince(probeCpuBefore, startedAtPerf);
    const cpuAfter = await readCpu(instance.kind, control.cpu, host);
    const phases = observation ? await observation.phases(startedAtPerf, startedAtWallMs) : {};
    return {
      bootToReadyMs: ready.readyAfterMs,
      phases: { engineStartCallMs, ...phases },
      readyResolutionMs: readyLatenessMs(ready, phases.appExecMs, announcedMs),
      probeCpuShare,
      otherCpuCores: otherCpuCores(cpuBefore, cpuAfter),
    };
  } finally {
    observation?.close?.();
  }
}
