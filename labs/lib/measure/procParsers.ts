import * as path from "node:path";

/**
 * Parsers for what Linux's /proc, libvirt's pid files and `ps` print: text in, typed figures out, no I/O.
 * Memory figures come back in bytes.
 */

/** Reads `Key:   123 kB` lines into bytes; lines without the kB suffix (HugePages_Total: 0) and the header are skipped. */
function parseKilobyteTable(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z0-9_()]+):\s+(\d+) kB\s*$/.exec(line);
    if (match) values.set(match[1], Number(match[2]) * 1024);
  }
  return values;
}

function required(values: Map<string, number>, key: string, source: string): number {
  const value = values.get(key);
  if (value === undefined) throw new Error(`${source}: no "${key}:" line`);
  return value;
}

/** The memory of one process as the kernel sums it over all its mappings in /proc/PID/smaps_rollup. */
export interface SmapsRollup {
  /** Resident set: every page mapped and in RAM, shared pages counted in full. */
  rssBytes: number;
  /** Proportional set: each resident page divided by the number of processes mapping it; sums to real use across processes. */
  pssBytes: number;
  /** Proportional share of anonymous pages (heap, stacks, guest RAM of a VM); kernel 5.8 and later. */
  pssAnonBytes?: number;
  /** Proportional share of file-backed pages (binaries, libraries, mapped files); kernel 5.8 and later. */
  pssFileBytes?: number;
  /** Proportional share of shared memory (tmpfs, memfd); kernel 5.8 and later. */
  pssShmemBytes?: number;
  /** Proportional share of dirty pages; kernel 6.0 and later. */
  pssDirtyBytes?: number;
  /** Unmodified pages also mapped by other processes. */
  sharedCleanBytes: number;
  /** Modified pages also mapped by other processes. */
  sharedDirtyBytes: number;
  /** Unmodified pages only this process maps. */
  privateCleanBytes: number;
  /** Modified pages only this process maps: memory freed only when it exits. */
  privateDirtyBytes: number;
  /** Anonymous pages (not backed by any file). */
  anonymousBytes: number;
  /** Of the anonymous pages, those in transparent huge pages. */
  anonHugePagesBytes: number;
  /** Pages of this process swapped out. */
  swapBytes: number;
}

/** Parses /proc/PID/smaps_rollup; throws when Rss or Pss is missing (not a smaps_rollup file). */
export function parseSmapsRollup(text: string): SmapsRollup {
  const values = parseKilobyteTable(text);
  const need = (key: string) => required(values, key, "smaps_rollup");
  return {
    rssBytes: need("Rss"),
    pssBytes: need("Pss"),
    pssAnonBytes: values.get("Pss_Anon"),
    pssFileBytes: values.get("Pss_File"),
    pssShmemBytes: values.get("Pss_Shmem"),
    pssDirtyBytes: values.get("Pss_Dirty"),
    sharedCleanBytes: need("Shared_Clean"),
    sharedDirtyBytes: need("Shared_Dirty"),
    privateCleanBytes: need("Private_Clean"),
    privateDirtyBytes: need("Private_Dirty"),
    anonymousBytes: need("Anonymous"),
    anonHugePagesBytes: need("AnonHugePages"),
    swapBytes: need("Swap"),
  };
}

/** The host-wide memory figures of /proc/meminfo that the measurements use. */
export interface Meminfo {
  /** Usable RAM of the host. */
  memTotalBytes: number;
  /** RAM nobody uses, not even the page cache. */
  memFreeBytes: number;
  /** The kernel's estimate of RAM available to new work without swapping (free plus reclaimable cache). */
  memAvailableBytes: number;
  /** Block-device buffers. */
  buffersBytes: number;
  /** Page cache, including shared memory (tmpfs). */
  cachedBytes: number;
  /** Shared memory and tmpfs. */
  shmemBytes: number;
  /** Anonymous pages mapped into user processes. */
  anonPagesBytes: number;
  /** Kernel slab caches. */
  slabBytes: number;
  /** Swap space in total. */
  swapTotalBytes: number;
  /** Swap space unused. */
  swapFreeBytes: number;
}

/** Parses /proc/meminfo; throws when a field the measurements use is missing. */
export function parseMeminfo(text: string): Meminfo {
  const values = parseKilobyteTable(text);
  const need = (key: string) => required(values, key, "/proc/meminfo");
  return {
    memTotalBytes: need("MemTotal"),
    memFreeBytes: need("MemFree"),
    memAvailableBytes: need("MemAvailable"),
    buffersBytes: need("Buffers"),
    cachedBytes: need("Cached"),
    shmemBytes: need("Shmem"),
    anonPagesBytes: need("AnonPages"),
    slabBytes: need("Slab"),
    swapTotalBytes: need("SwapTotal"),
    swapFreeBytes: need("SwapFree"),
  };
}

/** Host memory in use, as `free` counts it for its "available" column: total minus available. */
export function hostUsedBytes(meminfo: Meminfo): number {
  return meminfo.memTotalBytes - meminfo.memAvailableBytes;
}

/** Splits /proc/PID/cmdline (NUL-separated, NUL-terminated) into its arguments; empty for kernel threads. */
export function parseCmdline(raw: string | Buffer): string[] {
  const text = typeof raw === "string" ? raw : raw.toString("utf8");
  const args = text.split("\0");
  if (args[args.length - 1] === "") args.pop();
  return args;
}

/** The host load averages of /proc/loadavg. */
export interface LoadAverage {
  /** Mean number of runnable (and uninterruptible) tasks over the last minute. */
  load1m: number;
  /** The same over 5 minutes. */
  load5m: number;
  /** The same over 15 minutes. */
  load15m: number;
  /** Tasks runnable at the moment of reading. */
  runnableTasks: number;
  /** Tasks that exist at the moment of reading. */
  totalTasks: number;
}

/** Parses /proc/loadavg (`1.50 1.85 1.54 2/163 23280`). */
export function parseLoadAverage(text: string): LoadAverage {
  const match = /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) \d+\s*$/.exec(text);
  if (!match) throw new Error(`/proc/loadavg: unexpected content ${JSON.stringify(text)}`);
  return {
    load1m: Number(match[1]),
    load5m: Number(match[2]),
    load15m: Number(match[3]),
    runnableTasks: Number(match[4]),
    totalTasks: Number(match[5]),
  };
}

/** What /proc/cpuinfo says about the host's processors. */
export interface CpuInfo {
  /** The first processor's `model name` ("AMD EPYC", "Intel(R) Xeon(R) …"). */
  modelName: string;
  /** Logical processors: one `processor` entry each. */
  logicalCpus: number;
}

/** Parses /proc/cpuinfo (x86 layout: `model name` per processor). */
export function parseCpuInfo(text: string): CpuInfo {
  const lines = text.split("\n");
  const logicalCpus = lines.filter((line) => /^processor\s*:/.test(line)).length;
  const modelLine = lines.find((line) => /^model name\s*:/.test(line));
  if (logicalCpus === 0 || modelLine === undefined) throw new Error("/proc/cpuinfo: no processor or model name entries");
  return { modelName: modelLine.slice(modelLine.indexOf(":") + 1).trim(), logicalCpus };
}

/** A process's identity and privileges as /proc/PID/status gives them. */
export interface ProcStatus {
  /** Executable name (comm, at most 15 characters). */
  name: string;
  /** Real, effective, saved and file-system user ids. */
  uids: { real: number; effective: number; saved: number; filesystem: number };
  /** Effective capabilities: the hexadecimal mask as printed (decodeCapabilities names them). */
  capEff: string;
  /** Whether no_new_privs is set: no exec can gain privileges (setuid files, file capabilities). */
  noNewPrivs: boolean;
  /** Seccomp mode: 0 none, 1 strict, 2 filter. */
  seccompMode: number;
}

/** Parses /proc/PID/status; throws when a field is missing (NoNewPrivs needs kernel 4.10, Seccomp a kernel built with it). */
export function parseProcStatus(text: string): ProcStatus {
  const fields = new Map<string, string>();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const need = (key: string) => {
    const value = fields.get(key);
    if (value === undefined) throw new Error(`/proc/PID/status: no "${key}:" line`);
    return value;
  };
  const uids = need("Uid").split(/\s+/).map(Number);
  if (uids.length !== 4 || uids.some((uid) => !Number.isInteger(uid))) throw new Error(`/proc/PID/status: Uid is "${need("Uid")}", not four ids`);
  return {
    name: need("Name"),
    uids: { real: uids[0], effective: uids[1], saved: uids[2], filesystem: uids[3] },
    capEff: need("CapEff"),
    noNewPrivs: need("NoNewPrivs") === "1",
    seccompMode: Number(need("Seccomp")),
  };
}

/** Where libvirt's QEMU driver writes the pid of a running domain's QEMU process. */
export function libvirtQemuPidFile(domainName: string, runDir = "/run/libvirt/qemu"): string {
  return path.join(runDir, `${domainName}.pid`);
}

/** Parses a pid file (a decimal pid, with or without a trailing newline; libvirt writes none). */
export function parsePidFile(text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) <= 0) throw new Error(`pid file holds ${JSON.stringify(text)}, not a process id`);
  return Number(trimmed);
}

/** One row of `ps -eo pid,ppid,comm,args`. */
export interface PsProcess {
  /** Process id. */
  pid: number;
  /** Parent process id. */
  ppid: number;
  /** Executable name as the kernel keeps it: at most 15 characters, may hold spaces. */
  comm: string;
  /** Full command line, arguments joined by spaces (kernel threads show as `[name]`). */
  args: string;
}

/**
 * Parses `ps -eo pid,ppid,comm,args` output. The comm column is fixed-width and may contain spaces
 * ("npm exec jest -"), so its width is taken from the header's two COMMAND titles, not from whitespace.
 */
export function parsePsTable(text: string): PsProcess[] {
  const lines = text.split("\n");
  const header = lines[0] ?? "";
  const commStart = header.indexOf("COMMAND");
  const argsStart = header.indexOf("COMMAND", commStart + 1);
  if (!/^\s*PID\s+PPID\s+COMMAND\s+COMMAND\s*$/.test(header) || argsStart < 0) {
    throw new Error(`ps output: expected the header of \`ps -eo pid,ppid,comm,args\`, got ${JSON.stringify(header)}`);
  }
  const commWidth = argsStart - commStart - 1;
  const processes: PsProcess[] = [];
  for (const line of lines.slice(1)) {
    const ids = /^\s*(\d+)\s+(\d+) /.exec(line);
    if (!ids) continue;
    const rest = line.slice(ids[0].length);
    processes.push({
      pid: Number(ids[1]),
      ppid: Number(ids[2]),
      comm: rest.slice(0, commWidth).trimEnd(),
      args: rest.slice(commWidth + 1),
    });
  }
  return processes;
}

/** Value following `flag` among the whitespace-separated words of a command line. */
function argumentAfter(args: string, flag: string): string | undefined {
  const words = args.split(/\s+/);
  const index = words.indexOf(flag);
  return index >= 0 ? words[index + 1] : undefined;
}

/**
 * The containerd shim (`containerd-shim-runc-v2 -namespace moby -id <id>`) that supervises a Docker container.
 * `containerId` is the full id or a unique prefix of at least 12 characters; throws when a prefix is ambiguous.
 */
export function findContainerdShim(processes: readonly PsProcess[], containerId: string): PsProcess | undefined {
  if (containerId.length < 12) throw new Error(`container id "${containerId}" is shorter than Docker's 12-character short id`);
  const shims = processes.filter((process) => {
    if (!/containerd-shim/.test(process.args) || argumentAfter(process.args, "-namespace") !== "moby") return false;
    return argumentAfter(process.args, "-id")?.startsWith(containerId) ?? false;
  });
  if (shims.length > 1) throw new Error(`container id prefix "${containerId}" matches ${shims.length} containerd shims`);
  return shims[0];
}

export function descendantsOf(processes: readonly PsProcess[], pid: number): PsProcess[] {
  const found: PsProcess[] = [];
  let parents = [pid];
  while (parents.length > 0) {
    const children = processes.filter((process) => parents.includes(process.ppid));
    found.push(...children);
    parents = children.map((child) => child.pid);
  }
  return found;
}

/** The `guest=NAME` of QEMU's `-name guest=NAME,debug-threads=on`, as libvirt starts it; undefined for other processes. */
export function qemuGuestName(args: string): string | undefined {
  if (!/qemu-system-/.test(args.split(/\s+/)[0] ?? "")) return undefined;
  const name = argumentAfter(args, "-name");
  return name === undefined ? undefined : /^guest=((?:[^,]|,,)+)/.exec(name)?.[1].replace(/,,/g, ",");
}

/**
 * The QEMU process of a libvirt domain: the pid from libvirt's pid file, checked against the process table so that a
 * stale pid file (or a recycled pid) is an error rather than a wrong measurement.
 */
export function qemuProcessOfDomain(domainName: string, pidFileText: string, processes: readonly PsProcess[]): PsProcess {
  const pid = parsePidFile(pidFileText);
  const process = processes.find((candidate) => candidate.pid === pid);
  if (process === undefined) throw new Error(`libvirt's pid file of domain "${domainName}" names pid ${pid}, which is not running`);
  const guest = qemuGuestName(process.args);
  if (guest !== domainName) {
    throw new Error(`pid ${pid} from the pid file of domain "${domainName}" is \`${process.args.slice(0, 80)}\`, not that domain's QEMU`);
  }
  return process;
}
