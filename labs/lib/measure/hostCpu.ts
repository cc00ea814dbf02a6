import * as path from "node:path";
import type { InstanceKind } from "../../../model/deployment";
import { parseCgroupKeyValues, parseCgroupNumber, type CgroupSource } from "./cgroupParsers";

/**
 * Who used the host's CPU during one boot sample: the host's busy time from /proc/stat, less what the timed instance,
 * its engine and the measuring process used, leaves what other processes took from the boot. Parsers and arithmetic
 * only; sampleCpu.ts reads the files.
 */

/** /proc reports CPU time in clock ticks of USER_HZ, which is 100 on every architecture the lab runs on. */
export const clockTicksPerSecond = 100;

/** Busy clock ticks of all CPUs together, from the first line of /proc/stat: user, nice, system, irq and softirq. */
export function parseProcStatBusyTicks(text: string): number {
  const line = text.split("\n").find((candidate) => /^cpu\s/.test(candidate));
  const ticks = line?.trim().split(/\s+/).slice(1).map(Number);
  if (!ticks || ticks.length < 7 || ticks.some((tick) => !Number.isInteger(tick))) throw new Error(`/proc/stat: no "cpu" line of clock ticks in ${JSON.stringify(text.slice(0, 80))}`);
  // idle (3), iowait (4) and steal (7) are time no process of this host ran; guest time is already part of user and nice.
  const [user, nice, system, , , irq, softirq] = ticks;
  return user + nice + system + irq + softirq;
}

/** One process's CPU so far, from /proc/PID/stat. */
export interface ProcessCpu {
  pid: number;
  /** Executable name (comm, at most 15 characters). */
  comm: string;
  /** When it started, in clock ticks since boot: with the pid, tells a process from a later one with a reused pid. */
  startTicks: number;
  /** User and system ticks of the process and of the children it has reaped. */
  cpuTicks: number;
}

/** Parses /proc/PID/stat; comm sits in parentheses and may itself hold spaces and parentheses, so fields are counted from the last ")". */
export function parseProcPidStat(text: string): ProcessCpu {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).trim().split(/\s+/).map(Number);
  // fields[0] is field 3 (state) of proc(5): utime is field 14, stime 15, cutime 16, cstime 17, starttime 22.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15);
  const startTicks = fields[19];
  const pid = Number(text.slice(0, open).trim());
  if (open < 0 || close < open || !Number.isInteger(pid) || ![utime, stime, cutime, cstime, startTicks].every(Number.isInteger)) {
    throw new Error(`/proc/PID/stat: unexpected content ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { pid, comm: text.slice(open + 1, close), startTicks, cpuTicks: utime + stime + cutime + cstime };
}

/**
 * The engine's processes that do the work of a start: the daemons, a container's shim and port proxy, the runc that
 * creates it. Their CPU belongs to the boot being timed, not to its neighbours.
 */
export const engineProcessNames: Record<InstanceKind, readonly string[]> = {
  container: ["dockerd", "containerd", "containerd-shim", "docker-proxy", "runc"],
  vm: ["libvirtd", "virtqemud", "virtlogd", "virtlockd"],
};

/**
 * Clock ticks a set of processes used between two readings of it. A process only in the later reading started in
 * between and counts in full; one only in the earlier reading ended in between, and its last ticks count only where
 * its parent, reaping it, is in the set.
 */
export function ticksUsedBetween(before: readonly ProcessCpu[], after: readonly ProcessCpu[]): number {
  const earlier = new Map(before.map((process) => [`${process.pid}@${process.startTicks}`, process.cpuTicks]));
  return after.reduce((sum, process) => sum + process.cpuTicks - (earlier.get(`${process.pid}@${process.startTicks}`) ?? 0), 0);
}

/** A container's CPU usage file on one cgroup layout. */
export interface CgroupCpuFile {
  file: string;
  source: CgroupSource;
}

/**
 * Where Docker's cgroup drivers put a container's CPU usage, in probing order: v1 cpuacct (mounted alone, as on the
 * lab's hybrid hosts, or together with cpu) under the cgroupfs and the systemd driver, then v2 under the systemd driver
 * (Docker's default there) and the cgroupfs driver.
 */
export function containerCpuCgroupCandidates(containerId: string, cgroupRoot = "/sys/fs/cgroup"): CgroupCpuFile[] {
  const cgroupfs = path.join("docker", containerId);
  const systemd = path.join("system.slice", `docker-${containerId}.scope`);
  return [
    ...["cpuacct", "cpu,cpuacct"].flatMap((mount) => [cgroupfs, systemd].map((scope) => ({ file: path.join(cgroupRoot, mount, scope, "cpuacct.usage"), source: "cgroup-v1" as const }))),
    ...[systemd, cgroupfs].map((scope) => ({ file: path.join(cgroupRoot, scope, "cpu.stat"), source: "cgroup-v2" as const })),
  ];
}

/** CPU seconds a cgroup has used: v1 cpuacct.usage counts nanoseconds, v2 cpu.stat's usage_usec microseconds. */
export function parseCgroupCpuSeconds(text: string, source: CgroupSource): number {
  if (source === "cgroup-v1") return parseCgroupNumber(text, "cpuacct.usage") / 1e9;
  const usec = parseCgroupKeyValues(text).get("usage_usec");
  if (usec === undefined) throw new Error(`cgroup v2 cpu.stat: no usage_usec in ${JSON.stringify(text.slice(0, 80))}`);
  return usec / 1e6;
}

/** One reading of who had used the host's CPU so far. */
export interface CpuReading {
  /** When it was taken, in milliseconds on the performance clock. */
  atMs: number;
  /** Busy ticks of all the host's CPUs together. */
  hostBusyTicks: number;
  /** The engine's processes and the measuring process. */
  ownProcesses: ProcessCpu[];
  /** CPU seconds of the instance's own processes; undefined while none run. */
  instanceSeconds?: number;
}

/**
 * CPU other processes used between two readings, in cores averaged over the time between them; undefined when the
 * instance's own CPU could not be read at the end. An instance that was not running at the start counts from 0, and
 * one started afresh in between (its counter went down) counts from its new start.
 */
export function otherCpuCores(before: CpuReading, after: CpuReading): number | undefined {
  if (after.instanceSeconds === undefined) return undefined;
  const seconds = (after.atMs - before.atMs) / 1000;
  const instanceSeconds = after.instanceSeconds >= (before.instanceSeconds ?? 0) ? after.instanceSeconds - (before.instanceSeconds ?? 0) : after.instanceSeconds;
  const ownSeconds = ticksUsedBetween(before.ownProcesses, after.ownProcesses) / clockTicksPerSecond;
  const hostSeconds = (after.hostBusyTicks - before.hostBusyTicks) / clockTicksPerSecond;
  // Ticks are 10 ms coarse while cgroup counters are exact, so a quiet host can come out a little below zero.
  return seconds > 0 ? Math.max(0, hostSeconds - ownSeconds - instanceSeconds) / seconds : 0;
}
