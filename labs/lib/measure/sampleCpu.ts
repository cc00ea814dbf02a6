import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { sleep } from "zx";
import type { AppInstance, InstanceKind } from "../../../model/deployment";
import { checked } from "../shell";
import { localLabHost, type LabHost } from "../labHost";
import { clockTicksPerSecond, containerCpuCgroupCandidates, engineProcessNames, parseCgroupCpuSeconds, parseProcPidStat, parseProcStatBusyTicks, type CgroupCpuFile, type CpuReading, type ProcessCpu } from "./hostCpu";
import { libvirtQemuPidFile, parsePidFile } from "./procParsers";

/** How a boot sample reads the timed instance's own CPU. */
export interface InstanceCpu {
  /** CPU seconds the instance's processes have used; undefined while none run. */
  usedSeconds(): Promise<number | undefined>;
}

/** readProcess on the lab host. */
async function readProcessOn(host: LabHost, pid: number): Promise<ProcessCpu | undefined> {
  try {
    return parseProcPidStat(await host.readFile(`/proc/${pid}/stat`));
  } catch {
    return undefined;
  }
}

function readProcess(pid: number | string): ProcessCpu | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    // It exited between the listing and the reading.
    return undefined;
  }
  return parseProcPidStat(text);
}

/**
 * The processes whose CPU is the boot's own besides the instance: the engine's, and this measuring process with the
 * commands it ran. On a lab host over ssh, the engine's, read in one command (this process does not run there).
 */
async function ownProcesses(kind: InstanceKind, host: LabHost): Promise<ProcessCpu[]> {
  const engine = new Set(engineProcessNames[kind]);
  if (host.ssh !== undefined) {
    // A process that ends while the shell expands the list makes cat complain and fail; the others are still printed.
    const stats = await host.run(["sh", "-c", "cat /proc/[0-9]*/stat 2>/dev/null"], { nothrow: true });
    return stats.stdout.split("\n").filter((line) => line.trim() !== "").map(parseProcPidStat).filter((found) => engine.has(found.comm));
  }
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(readProcess)
    .filter((found): found is ProcessCpu => found !== undefined && (found.pid === process.pid || engine.has(found.comm)));
}

/** The CPU every process of the host used over the next `windowMs`, in cores on average. */
export async function hostBusyCores(windowMs: number, host: LabHost = localLabHost()): Promise<number> {
  const before = parseProcStatBusyTicks(await host.readFile("/proc/stat"));
  await sleep(windowMs);
  return (parseProcStatBusyTicks(await host.readFile("/proc/stat")) - before) / clockTicksPerSecond / (windowMs / 1000);
}

/**
 * Waits, up to `maxWaitMs`, until the host's processes use less than `maxBusyCores` over a 1 s window: a neighbour
 * that just booted (its app warming up, its guest agent starting) would otherwise share the cores with a first sample.
 * Returns the last window's figure and how long it waited.
 */
export async function waitForQuietHost(maxBusyCores: number, maxWaitMs: number, host: LabHost = localLabHost()): Promise<{ busyCores: number; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const busyCores = await hostBusyCores(1000, host);
    const waitedMs = performance.now() - started;
    if (busyCores < maxBusyCores || waitedMs >= maxWaitMs) return { busyCores, waitedMs };
  }
}

/** Who has used the host's CPU so far, for otherCpuCores. */
export async function readCpu(kind: InstanceKind, instance: InstanceCpu | undefined, host: LabHost = localLabHost()): Promise<CpuReading> {
  const instanceSeconds = await instance?.usedSeconds();
  return { atMs: performance.now(), hostBusyTicks: parseProcStatBusyTicks(await host.readFile("/proc/stat")), ownProcesses: await ownProcesses(kind, host), instanceSeconds };
}

/** A container's CPU from its cgroup, which exists only while it runs. */
export function containerCpu(instance: AppInstance, host: LabHost = localLabHost()): InstanceCpu {
  let candidates: Promise<CgroupCpuFile[]> | undefined;
  // Asked once: the cgroup folders are named by the engine's full id.
  const cgroupFiles = () =>
    (candidates ??= checked(host.run(["docker", "container", "inspect", "--format", "{{.Id}}", instance.name])).then((output) => containerCpuCgroupCandidates(output.stdout.trim())));
  const usedSeconds = async () => {
    for (const candidate of await cgroupFiles()) {
      if (await host.fileExists(candidate.file)) return parseCgroupCpuSeconds(await host.readFile(candidate.file), candidate.source);
    }
    return undefined;
  };
  return { usedSeconds };
}

/** A VM's CPU: its QEMU process's, found through libvirt's pid file (absent, or naming no QEMU, while the domain is shut off). */
export function vmCpu(instance: AppInstance, host: LabHost = localLabHost()): InstanceCpu {
  return {
    usedSeconds: async () => {
      let pidText: string;
      try {
        pidText = await host.readFile(libvirtQemuPidFile(instance.name));
      } catch {
        return undefined;
      }
      const qemu = await readProcessOn(host, parsePidFile(pidText));
      return qemu?.comm.startsWith("qemu") ? qemu.cpuTicks / clockTicksPerSecond : undefined;
    },
  };
}
