import { readFileSync } from "node:fs";
import type { AppInstance } from "../../../model/deployment";
import { retry } from "zx";
import { checked } from "../shell";
import { localLabHost, type LabHost } from "../labHost";
import type { BootControl } from "./bootTiming";
import { vmConfinement } from "./confinement";
import type { InstanceEngines } from "../instanceExec";
import { measureIsolation } from "./isolationProbe";
import { allocatedBytesOf } from "./diskUsage";
import { libvirtQemuPidFile, parseCmdline, parseProcStatus, parsePsTable, parseSmapsRollup, qemuProcessOfDomain, type PsProcess } from "./procParsers";
import { chainAllocation, parseQemuImgInfo } from "./qemuImgParsers";
import { makeCrossCheck } from "./results";
import type { BootPhases, Confinement, DiskMeasurement, MemoryMeasurement } from "./resultsSchema";
import { consoleMilestonePatterns, type ConsoleMilestone } from "./consoleMilestones";
import { watchConsole } from "./consoleWatch";
import type { BootProfile } from "../../../model/bootProfile";
import { balloonStats, guestUsedBytes, parseVirshDomstats } from "./virshParsers";

const crossCheckTolerance = 0.15;

/** Durations as systemd prints them: "1.234s", "2min 3.456s", "567ms", "1h 2min 3s". */
export function parseSystemdDurationMs(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, min: 60_000, s: 1_000, ms: 1, us: 0.001 };
  let total = 0;
  let matched = false;
  for (const part of text.trim().split(/\s+/)) {
    const match = /^(\d+(?:\.\d+)?)(h|min|s|ms|us)$/.exec(part);
    if (!match) throw new Error(`not a systemd duration: "${text}"`);
    total += Number(match[1]) * units[match[2]];
    matched = true;
  }
  if (!matched) throw new Error(`not a systemd duration: "${text}"`);
  return total;
}

/** systemd's own boot figures from "Startup finished in 1.5s (kernel) + 3.2s (initrd) + 20.1s (userspace) = 24.8s." */
export function parseSystemdStartup(consoleText: string): Pick<BootPhases, "kernelToUserspaceMs" | "systemdInitrdMs" | "systemdUserspaceMs"> | undefined {
  const line = /Startup finished in ([^\n]*?)\s*=/.exec(consoleText)?.[1];
  if (!line) return undefined;
  const phases: Pick<BootPhases, "kernelToUserspaceMs" | "systemdInitrdMs" | "systemdUserspaceMs"> = {};
  for (const part of line.split("+")) {
    const match = /^\s*(.+?)\s+\((kernel|initrd|userspace)\)\s*$/.exec(part);
    if (!match) continue;
    const ms = parseSystemdDurationMs(match[1]);
    if (match[2] === "kernel") phases.kernelToUserspaceMs = ms;
    if (match[2] === "initrd") phases.systemdInitrdMs = ms;
    if (match[2] === "userspace") phases.systemdUserspaceMs = ms;
  }
  return phases;
}

/** The serial console log file of a domain, from `<serial type='file'><source path='…'/>` in its XML. */
export function serialLogPath(domainXml: string): string | undefined {
  const serial = /<serial type=['"]file['"]>[\s\S]*?<\/serial>/.exec(domainXml)?.[0];
  return serial ? /<source path=['"]([^'"]+)['"]/.exec(serial)?.[1] : undefined;
}

/** Where a domain's system disk (vda) lives: a file, or a volume of a storage pool. */
export type DiskSource = { file: string } | { pool: string; volume: string };

/** The first <source> of the <disk> whose target is vda in a domain's XML (later ones belong to its backing chain). */
export function systemDiskSource(domainXml: string): DiskSource | undefined {
  for (const disk of domainXml.match(/<disk\b[\s\S]*?<\/disk>/g) ?? []) {
    if (!/<target dev=['"]vda['"]/.test(disk)) continue;
    const source = /<source\b[^>]*>/.exec(disk)?.[0] ?? "";
    const attribute = (name: string) => new RegExp(`\\b${name}=['"]([^'"]+)['"]`).exec(source)?.[1];
    const file = attribute("file");
    if (file) return { file };
    const pool = attribute("pool");
    const volume = attribute("volume");
    if (pool && volume) return { pool, volume };
  }
  return undefined;
}

/** The host file behind a domain's system disk. */
async function systemDiskPath(host: LabHost, instance: AppInstance, uri: string): Promise<string> {
  const source = systemDiskSource(await domainXml(host, uri, instance.name));
  if (!source) throw new Error(`${instance.name} has no vda disk`);
  if ("file" in source) return source.file;
  return (await checked(host.run(["virsh", "-c", uri, "vol-path", "--pool", source.pool, source.volume]))).stdout.trim();
}

async function domainXml(host: LabHost, uri: string, name: string): Promise<string> {
  return (await checked(host.run(["virsh", "-c", uri, "dumpxml", name]))).stdout;
}

async function domainState(host: LabHost, uri: string, name: string): Promise<string> {
  return (await checked(host.run(["virsh", "-c", uri, "domstate", name]))).stdout.trim();
}

/** Asks every 200 ms, for timeoutMs (plus the time the asking takes), whether the domain is in `state`. */
async function waitForState(host: LabHost, uri: string, name: string, state: string, timeoutMs: number): Promise<boolean> {
  const intervalMs = 200;
  const inState = async () => {
    const now = await domainState(host, uri, name);
    if (now !== state) throw new Error(`${name} is ${now}, not ${state}`);
  };
  return retry(Math.ceil(timeoutMs / intervalMs), intervalMs, inState).then(() => true, () => false);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/**
 * Stop, start and phase watching of a VM; a tuned VM runs no systemd, so there is no "Startup finished" line to wait for.
 * The console of a VM on a lab host over ssh is not followed (every 10 ms read would be an ssh command): its boot
 * samples have no phases.
 */
export function vmBootControl(instance: AppInstance, uri: string, profile: BootProfile, host: LabHost = localLabHost()): BootControl {
  return {
    // A hard power-off: the guest image has no ACPI power-button handling (logind is masked), and what is timed is the start.
    stop: async () => {
      if ((await domainState(host, uri, instance.name)) === "shut off") return;
      await checked(host.run(["virsh", "-c", uri, "destroy", instance.name]));
      if (!(await waitForState(host, uri, instance.name, "shut off", 30_000))) throw new Error(`${instance.name} did not power off within 30 s`);
    },
    start: async () => {
      await checked(host.run(["virsh", "-c", uri, "start", instance.name]));
    },
    observe: host.ssh !== undefined ? undefined : async () => {
      const consoleLog = serialLogPath(await domainXml(host, uri, instance.name));
      if (!consoleLog) return { phases: async () => ({}) };
      let appStarted: () => void = () => {};
      const readySoon = new Promise<{ announcedAtWallMs?: number }>((resolve) => (appStarted = () => resolve({})));
      const consoleWatch = watchConsole<ConsoleMilestone>(consoleLog, consoleMilestonePatterns(instance.app), (milestone) => {
        if (milestone === "appExec") appStarted();
      });
      const phases = async (startedAtPerf: number): Promise<BootPhases> => {
        // systemd prints its "Startup finished" line a little after the app is ready: read the console every 250 ms for up to a minute.
        const startupLine = () => {
          const found = parseSystemdStartup(readFileSync(consoleLog, "utf8"));
          if (!found) throw new Error(`no "Startup finished" line in ${consoleLog} yet`);
          return found;
        };
        const startup = profile === "typical" ? await retry(240, 250, startupLine).catch(() => undefined) : undefined;
        const seen = consoleWatch.stop();
        const offset = (at: number | undefined) => (at === undefined ? undefined : Math.max(0, at - startedAtPerf));
        const consolePhases: BootPhases = {
          firstConsoleLineMs: offset(seen.firstWrite),
          initrdStartedMs: offset(seen.milestones.initrdStarted),
          rootInitStartedMs: offset(seen.milestones.rootInitStarted),
          appExecMs: offset(seen.milestones.appExec),
        };
        return { ...withoutUndefined(consolePhases), ...startup };
      };
      return { phases, readySoon, close: () => consoleWatch.stop() };
    },
  };
}

async function qemuProcess(host: LabHost, instance: AppInstance): Promise<PsProcess> {
  const processes = parsePsTable((await checked(host.run(["ps", "-eo", "pid,ppid,comm,args"]))).stdout);
  return qemuProcessOfDomain(instance.name, await host.readFile(libvirtQemuPidFile(instance.name)), processes);
}

/**
 * Host memory of a VM: the proportional set size of its QEMU process (guest RAM the guest touched, QEMU itself and
 * its TCG translation cache, shared libraries split among their users). Cross-checked by libvirt's own figure.
 */
export async function measureVmMemory(instance: AppInstance, uri: string, host: LabHost = localLabHost()): Promise<MemoryMeasurement> {
  const qemu = await qemuProcess(host, instance);
  const smaps = parseSmapsRollup(await host.readFile(`/proc/${qemu.pid}/smaps_rollup`));
  const balloon = balloonStats(parseVirshDomstats((await checked(host.run(["virsh", "-c", uri, "domstats", "--balloon", instance.name]))).stdout)[0]);
  const hostBytes = smaps.pssBytes;
  return {
    hostBytes,
    method: `PSS of the domain's QEMU process (pid ${qemu.pid}, /proc/PID/smaps_rollup), at rest after ready`,
    crossCheck: balloon.rssBytes === undefined ? undefined : makeCrossCheck(hostBytes, {
      method: "libvirt domstats balloon.rss (RSS of the QEMU process)",
      value: balloon.rssBytes,
      toleranceFraction: crossCheckTolerance,
      note: "RSS counts shared libraries in full, PSS splits them among the processes that map them",
    }),
    breakdown: {
      configuredBytes: instance.memoryLimitBytes,
      pssBytes: smaps.pssBytes,
      rssBytes: smaps.rssBytes,
      anonBytes: smaps.pssAnonBytes ?? smaps.anonymousBytes,
      fileCacheBytes: smaps.pssFileBytes,
      guestUsedBytes: guestUsedBytes(balloon),
    },
  };
}

/** A VM's own disk: its copy-on-write overlay (or its full copy); the golden base below an overlay is shared by all. */
export async function measureVmDisk(instance: AppInstance, uri: string, host: LabHost = localLabHost()): Promise<DiskMeasurement> {
  const diskPath = await systemDiskPath(host, instance, uri);
  const chain = parseQemuImgInfo((await checked(host.run(["qemu-img", "info", "--output=json", "--backing-chain", "--force-share", diskPath], { asRoot: true }))).stdout);
  const allocation = chainAllocation(chain);
  const isOverlay = chain.length > 1;
  const duBytes = await allocatedBytesOf([diskPath], host);
  return {
    allocatedBytes: allocation.topBytes,
    method: isOverlay ? "qemu-img actual-size of the VM's qcow2 overlay (its backing golden image is shared)" : "qemu-img actual-size of the VM's full qcow2 copy",
    crossCheck: makeCrossCheck(allocation.topBytes, { method: "du -B1 of the same file", value: duBytes, toleranceFraction: crossCheckTolerance }),
    imageBytes: isOverlay ? allocation.backingBytes : allocation.topBytes,
    sharedBytes: isOverlay ? allocation.backingBytes : 0,
    uniqueBytes: isOverlay ? 0 : allocation.topBytes,
    writableBytes: allocation.topBytes,
    fullCopyEquivalentBytes: allocation.totalBytes,
  };
}

/** The folder holding a VM's disk: the stack's storage pool. */
export async function vmStorageDir(instance: AppInstance, uri: string, host: LabHost = localLabHost()): Promise<string> {
  const diskPath = await systemDiskPath(host, instance, uri);
  return diskPath.slice(0, diskPath.lastIndexOf("/"));
}


/**
 * Who a VM's QEMU process is on the host and what confines it, the guest's own kernel running under the accelerator
 * on its command line; and what separates the guest's root from the host's.
 */
export async function measureVmConfinement(instance: AppInstance, engines: InstanceEngines, host: LabHost = localLabHost()): Promise<Confinement> {
  const qemu = await qemuProcess(host, instance);
  const status = parseProcStatus(await host.readFile(`/proc/${qemu.pid}/status`));
  return {
    ...vmConfinement(parseCmdline(await host.readFile(`/proc/${qemu.pid}/cmdline`)), status, await host.readFile("/etc/passwd")),
    isolation: await measureIsolation(engines, instance, qemu.pid, host),
  };
}
