import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { LabError } from "../../../model/labError";
import { execInInstance } from "../instanceExec";
import { labPaths } from "../labEnv";
import { hostFacts, type DeployedStack } from "../measure/measureStack";
import { runIdFor } from "../measure/resultsSchema";
import type { BenchResults } from "./benchSchema";
import { loadRequestPath } from "./httpLoad";
import { parseWorkloadRate, runSeconds, workloadCommand, workloads, type WorkloadSpec } from "./sysbench";
import { stackCommand } from "../../../model/participants";

/** Clients of the request-path load: enough to keep web, api and db busy on a 2-core host without queueing for long. */
const requestPathClients = 4;

/** The instance's folder on its own disk for the disk workloads: its app's data folder (a container's volume, a VM's qcow2); none for apps without one. */
function diskDirOf(instance: AppInstance): string | undefined {
  return apps[instance.app].container.dataDir;
}

function hostDiskDir(): string {
  return path.join(labPaths.cache, "bench-disk");
}

async function runOnHost(command: string): Promise<string> {
  const result = await $({ nothrow: true, quiet: true, timeout: "5m", timeoutSignal: "SIGKILL" })`sh -c ${command}`;
  if (!result.ok) throw new Error(`on the host, ${command} failed: ${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}

async function runInInstance(stack: DeployedStack, instance: AppInstance, command: string): Promise<string> {
  const result = await execInInstance(stack, instance, ["sh", "-c", command], 300_000);
  if (result.exitCode !== 0) {
    const missing = /sysbench: (?:not found|No such file)/.test(result.stderr);
    if (missing) {
      throw new LabError(
        `sysbench is not in ${instance.name}: it was made from images older than the benchmarks.`,
        `run \`npm run images\`, then \`${stackCommand("up", stack.stack)}\`, then run the benchmarks again.`,
      );
    }
    throw new Error(`in ${instance.name}, ${command} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result.stdout;
}

export interface BenchOptions {
  samples: number;
  log: (line: string) => void;
}

/**
 * Runs every workload `samples` times on the host and inside each instance, interleaved (host, then each instance, per
 * sample) so that a drift of the host touches all alike, then the request path from the host. Disk workloads run
 * where an app keeps data; other instances have no disk of their own to test (a container's root is read-only).
 */
export async function runBench(stack: DeployedStack, options: BenchOptions): Promise<BenchResults> {
  const startedAt = new Date();
  const host = await hostFacts(stack.executionMode);
  const sysbench = {
    host: (await runOnHost("sysbench --version")).trim(),
    instances: Object.fromEntries(await Promise.all(stack.instances.map(async (instance) => [instance.app, (await runInInstance(stack, instance, "sysbench --version")).trim()] as const))),
  };
  fs.mkdirSync(hostDiskDir(), { recursive: true });
  const results: BenchResults["workloads"] = [];
  try {
    for (const spec of workloads) results.push(await benchWorkload(stack, spec, options));
  } finally {
    fs.rmSync(hostDiskDir(), { recursive: true, force: true });
  }

  const web = stack.instances.find((instance) => instance.app === "web");
  if (!web) throw new Error(`stack ${stack.stack} has no web instance for the request path`);
  const url = `http://${web.endpoint.host}:${web.endpoint.port}/api/visits`;
  const requestSamples: BenchResults["requestPath"]["samples"] = [];
  for (let sample = 1; sample <= options.samples; sample += 1) {
    const result = await loadRequestPath(url, requestPathClients, runSeconds * 1000);
    options.log(`request path sample ${sample}/${options.samples}: ${Math.round(result.requestsPerSecond)} requests/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.errors} errors`);
    requestSamples.push(result);
  }
  return {
    schemaVersion: 1,
    runId: runIdFor(startedAt),
    stack: stack.stack,
    profile: stack.profile,
    startedAt: startedAt.toISOString(),
    host,
    sysbench,
    workloads: results,
    requestPath: {
      url,
      method: `${requestPathClients} clients on kept-alive connections, each GET ${url} (web → api → db, one Redis INCR per request) after the other, ${runSeconds} s per sample`,
      samples: requestSamples,
    },
  };
}

async function benchWorkload(stack: DeployedStack, spec: WorkloadSpec, options: BenchOptions): Promise<BenchResults["workloads"][number]> {
  const targets = stack.instances.flatMap((instance) => {
    const diskDir = diskDirOf(instance);
    if (spec.onDisk && diskDir === undefined) return [];
    return [{ instance, command: workloadCommand(spec.workload, diskDir ?? "/tmp"), where: spec.onDisk ? `${diskDir} on its own disk` : "its CPU and memory" }];
  });
  const hostSamples: number[] = [];
  const instanceSamples = targets.map(() => [] as number[]);
  for (let sample = 1; sample <= options.samples; sample += 1) {
    hostSamples.push(parseWorkloadRate(spec.workload, await runOnHost(workloadCommand(spec.workload, hostDiskDir()))));
    for (const [index, target] of targets.entries()) {
      instanceSamples[index].push(parseWorkloadRate(spec.workload, await runInInstance(stack, target.instance, target.command)));
    }
    const figures = [`host ${Math.round(hostSamples[hostSamples.length - 1])}`, ...targets.map((target, index) => `${target.instance.app} ${Math.round(instanceSamples[index][sample - 1])}`)];
    options.log(`${spec.workload} sample ${sample}/${options.samples} (${spec.unit}): ${figures.join(", ")}`);
  }
  return {
    workload: spec.workload,
    unit: spec.unit,
    method: spec.method,
    host: { where: spec.onDisk ? `${hostDiskDir()} on the host's disk` : "the host's CPU and memory", samples: hostSamples },
    instances: targets.map((target, index) => ({ app: target.instance.app, kind: target.instance.kind, where: target.where, samples: instanceSamples[index] })),
  };
}
