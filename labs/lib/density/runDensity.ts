/** `npm run density`: copies of the stack's db app started one by one, each timed and weighed, until a limit is reached. */
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { sleep } from "zx";
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { LabError } from "../../../model/labError";
import type { PlatformName } from "../../../model/labConfig";
import { formatBytes } from "../doctorChecks";
import { catchInterruptions, type Interruption } from "../interruption";
import { readyPolling } from "../measure/bootTiming";
import { bootTimeoutMs, hostFacts } from "../measure/measureStack";
import { parseMeminfo } from "../measure/procParsers";
import { runIdFor } from "../measure/resultsSchema";
import { deployedStack, resultsDir } from "../measure/runMeasurement";
import { assertProbeStaysHome } from "../probeGuard";
import { withHeartbeat } from "../progress";
import { pollUntilReady } from "../readiness";
import { formatDuration } from "../report/format";
import { withStacks } from "../stackLock";
import { containerCopies } from "./containerCopies";
import type { CopyPlatform } from "./copyPlatform";
import { densitySchemaVersion, writeDensityResults, type DensityResults, type DensityStep } from "./densityResults";
import { defaultMaxCopies, densityStep, hostReserveBytes, mebibyte, nextCopy, type DensityLimits, type NextCopy } from "./densitySteps";
import { vmCopies } from "./vmCopies";

export interface DensityOptions {
  /** --max; the platform's default when absent. */
  maxCopies?: number;
  budgetMiB: number;
  log: (line: string) => void;
}

/** Pause between a copy's ready check passing and its memory being read: Redis (and a VM's guest) settles. */
const settleMs: Record<"container" | "vm", number> = { container: 1_000, vm: 5_000 };

function memAvailableBytes(): number {
  return parseMeminfo(fs.readFileSync("/proc/meminfo", "utf8")).memAvailableBytes;
}

interface Running {
  instances: AppInstance[];
  steps: DensityStep[];
}

/** Starts copy `index`, waits for its PING and weighs every copy; undefined when it did not answer in time. */
async function addCopy(platform: CopyPlatform, index: number, running: Running, timeoutMs: number, log: (line: string) => void, interruption: Interruption): Promise<DensityStep | undefined> {
  const { signalled, throwIfSignalled } = interruption;
  const copy = await platform.prepareCopy(index);
  await assertProbeStaysHome(copy.endpoint);
  log(`copy ${index}: ${platform.startCall} ${copy.name} (${copy.endpoint.host})`);
  const startedAt = performance.now();
  // Not raced: cleaning up while the engine still makes the copy could miss it. Ctrl-C ends the engine's command too.
  const instanceId = await copy.start();
  const engineCallMs = performance.now() - startedAt;
  throwIfSignalled();
  // Polled only from now on: a probe sent before the copy's address exists leaves the host waiting for its next ARP retry, up to a second later.
  const readySeen = pollUntilReady(apps.db.ready, copy.endpoint, { timeoutMs, ...readyPolling });
  const ready = await withHeartbeat(`copy ${index}: waiting for Redis to answer PING`, log, () => Promise.race([readySeen, signalled]), 10_000);
  if (ready === undefined) return undefined;
  const instance: AppInstance = { app: "db", kind: platform.kind, name: copy.name, instanceId, endpoint: copy.endpoint, memoryLimitBytes: platform.memoryLimitBytes };
  await Promise.race([sleep(settleMs[platform.kind]), signalled]);
  const memory = await platform.memory(instance);
  const earlier: number[] = [];
  for (const other of running.instances) earlier.push((await platform.memory(other)).hostBytes);
  const step = densityStep(running.steps, { name: copy.name, address: copy.endpoint.host, engineCallMs, startToReadyMs: engineCallMs + ready.readyAfterMs, memory }, earlier, memAvailableBytes());
  running.instances.push(instance);
  running.steps.push(step);
  log(`copy ${index}: ready after ${formatDuration(step.startToReadyMs)}, ${formatBytes(memory.hostBytes)}; ${step.copies} copies use ${formatBytes(step.totalHostBytes)}, MemAvailable ${formatBytes(step.memAvailableBytes)}`);
  return step;
}

/**
 * Measures how many copies of the stack's db app fit: copies are started one at a time until --max, the memory
 * budget, the host's reserve or a boot timeout stops it; each step records the new copy's start→ready and host memory,
 * every copy's host memory again, and MemAvailable. Every copy is removed at the end, also when interrupted or failed.
 */
export async function runDensity(stackName: PlatformName, options: DensityOptions): Promise<{ file: string; results: DensityResults }> {
  const { log } = options;
  return withStacks([stackName], log, async () => {
    const deployed = await deployedStack(stackName);
    const db = deployed.instances.find((instance) => instance.app === "db");
    if (!db) throw new LabError(`Stack ${stackName} has no db instance to copy.`, `run \`npm run up -- ${stackName}\` to deploy all three apps.`);
    const startedAt = new Date();
    const host = await hostFacts(deployed.executionMode);
    const limits: DensityLimits = { maxCopies: options.maxCopies ?? defaultMaxCopies[stackName], budgetBytes: options.budgetMiB * mebibyte, hostReserveBytes: hostReserveBytes(host.memTotalBytes) };
    const timeoutMs = bootTimeoutMs(deployed.executionMode);
    const platform = deployed.executionMode === "native" ? await containerCopies(deployed, db) : await vmCopies(deployed, db);
    log(`${stackName}: up to ${limits.maxCopies} copies of ${db.name}, while they use less than ${formatBytes(limits.budgetBytes)} and MemAvailable stays above ${formatBytes(limits.hostReserveBytes)}`);
    const interruption = catchInterruptions(`npm run density -- ${stackName}`, log);
    const running: Running = { instances: [], steps: [] };
    try {
      await platform.prepare();
      interruption.throwIfSignalled();
      const memAvailableBeforeBytes = memAvailableBytes();
      let stopped: Exclude<NextCopy, { start: true }>;
      for (;;) {
        const next = nextCopy(running.steps, limits, memAvailableBytes());
        if (!next.start) {
          stopped = next;
          break;
        }
        const index = running.steps.length + 1;
        const step = await addCopy(platform, index, running, timeoutMs, log, interruption);
        interruption.throwIfSignalled();
        if (step === undefined) {
          const detail = `copy ${index} did not answer PING within ${timeoutMs / 1000} s`;
          if (running.steps.length === 0) throw new LabError(`${detail}, so there is no density figure.`, `check that the stack's db answers (\`npm run up -- ${stackName}\`), then run \`npm run density -- ${stackName}\` again.`);
          stopped = { start: false, reason: "boot-timeout", detail };
          break;
        }
      }
      log(`stopped: ${stopped.detail}`);
      const results: DensityResults = {
        schemaVersion: densitySchemaVersion,
        runId: runIdFor(startedAt),
        stack: stackName,
        kind: platform.kind,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        host,
        profile: deployed.profile,
        copyOf: { app: "db", instance: db.name, memoryLimitBytes: platform.memoryLimitBytes, settings: platform.settings },
        limits: { ...limits, bootTimeoutMs: timeoutMs },
        stopped: { reason: stopped.reason, detail: stopped.detail },
        methods: {
          boot: `from ${platform.startCall} of a new copy until Redis answered PING over TCP from the host at the copy's address on the lab's own bridge, polled from the moment the call returned every ${readyPolling.intervalMs} ms, growing to ${readyPolling.growth.maxIntervalMs} ms; the stack's own instances kept running`,
          memory: `${running.steps[0].memory.method}; ${settleMs[platform.kind] / 1000} s after the new copy's ready check passed, every running copy weighed again`,
          memAvailable: "MemAvailable from /proc/meminfo right after each step's memory readings",
        },
        memAvailableBeforeBytes,
        steps: running.steps,
      };
      return { file: writeDensityResults(resultsDir, results), results };
    } catch (error) {
      throw interruption.explain(error);
    } finally {
      const removed = await platform.removeAll();
      log(`removed ${removed.length > 0 ? removed.join(", ") : "nothing (no copy was started)"}`);
      interruption.dispose();
    }
  });
}
