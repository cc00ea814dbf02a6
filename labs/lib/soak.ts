import * as fs from "node:fs";
import * as path from "node:path";
import { platformNames, type PlatformName } from "../../model/labConfig";
import { labStack } from "./automation";
import { LabError } from "../../model/labError";
import { pulumiHome, repoRoot } from "./labEnv";
import { leftoverKinds } from "./leftovers";
import { timeOneBoot } from "./measure/bootTiming";
import { bootControlOf, bootTimeoutMs } from "./measure/measureStack";
import { deployedStack } from "./measure/runMeasurement";
import { stackSettings } from "./preflight";
import { deployAndWait, destroyStack } from "./stackLifecycle";
import { stackLeftovers } from "./stackLeftovers";
import { renderTable } from "./table";

/** The daemons whose memory a soak watches: a leak in any of them grows with every up/down cycle. */
export const watchedDaemons = ["dockerd", "containerd", "libvirtd", "virtlogd"] as const;
export type WatchedDaemon = (typeof watchedDaemons)[number];

/**
 * Allowed growth of a daemon's memory from cycle 2 (after the first cycle's caches filled) to the last cycles, judged on
 * the anonymous part of the RSS (heap and stacks, where a leak grows) and on the peaks of equal windows of cycles at
 * the start and the end: libvirtd's heap goes between two levels at idle (12.6 and 20.1 MiB here, glibc handing a
 * freed arena back and taking it again), so two single readings compare noise, while a leak raises the peak.
 */
export const maxDaemonGrowth = 0.2;

/** Cycles in each window: a third of those after cycle 1, at least one. */
export function growthWindow(cycleCount: number): number {
  return Math.max(1, Math.floor((cycleCount - 1) / 3));
}

/** Besides the engines' marked objects: Pulumi state, Pulumi locks and Pulumi processes left after a cycle. */
export const soakLeftoverKinds = [...leftoverKinds, "stack state", "pulumi lock", "pulumi process"] as const;
export type SoakLeftoverKind = (typeof soakLeftoverKinds)[number];

/** A daemon's resident memory, summed over its processes. */
export interface DaemonMemory {
  rssBytes: number;
  /** RssAnon: heap and stacks, the part a leak grows. */
  anonBytes: number;
}

export interface SoakCycle {
  cycle: number;
  /** Wall time of `up` (including the ready wait) per stack. */
  upMs: Record<PlatformName, number>;
  /** One boot sample of the db instance per stack. */
  bootMs: Record<PlatformName, number>;
  downMs: Record<PlatformName, number>;
  leftovers: Record<SoakLeftoverKind, number>;
  daemons: Partial<Record<WatchedDaemon, DaemonMemory>>;
}

/** VmRSS and RssAnon of a /proc/PID/status text, in bytes. */
export function parseResidentMemory(status: string): DaemonMemory | undefined {
  const kib = (field: string) => new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status)?.[1];
  const rss = kib("VmRSS");
  const anon = kib("RssAnon");
  return rss === undefined || anon === undefined ? undefined : { rssBytes: Number(rss) * 1024, anonBytes: Number(anon) * 1024 };
}

/** Processes by /proc/PID/comm name: pid → comm. */
function processNames(): Map<number, string> {
  const names = new Map<number, string>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      names.set(pid, fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim());
    } catch {
      // Gone while listing.
    }
  }
  return names;
}

/** Each watched daemon's resident memory (summed over its processes), from /proc. */
export function daemonMemory(): Partial<Record<WatchedDaemon, DaemonMemory>> {
  const memory: Partial<Record<WatchedDaemon, DaemonMemory>> = {};
  for (const [pid, name] of processNames()) {
    if (!(watchedDaemons as readonly string[]).includes(name)) continue;
    try {
      const found = parseResidentMemory(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      const sum = memory[name as WatchedDaemon] ?? { rssBytes: 0, anonBytes: 0 };
      if (found) memory[name as WatchedDaemon] = { rssBytes: sum.rssBytes + found.rssBytes, anonBytes: sum.anonBytes + found.anonBytes };
    } catch {
      // Gone while reading.
    }
  }
  return memory;
}

/** Processes running a binary from the Pulumi toolchain (CLI, language host, plugins): none should outlive a command. */
export function pulumiProcesses(home = pulumiHome): number[] {
  const pids: number[] = [];
  for (const pid of processNames().keys()) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/exe`).startsWith(`${home}${path.sep}`)) pids.push(pid);
    } catch {
      // Not readable or gone.
    }
  }
  return pids;
}

export interface SoakVerdict {
  /** Cycles after which anything was left over. */
  cyclesWithLeftovers: number[];
  /** Growth of the anonymous RSS's peak from the first window (from cycle 2) to the last, per daemon (0.1 = 10 %). */
  daemonGrowth: Partial<Record<WatchedDaemon, number>>;
  grewTooMuch: WatchedDaemon[];
  /** Cycles in each of the two windows compared. */
  window: number;
  passed: boolean;
}

export function soakVerdict(cycles: readonly SoakCycle[]): SoakVerdict {
  const cyclesWithLeftovers = cycles.filter((cycle) => Object.values(cycle.leftovers).some((count) => count > 0)).map((cycle) => cycle.cycle);
  const daemonGrowth: Partial<Record<WatchedDaemon, number>> = {};
  if (cycles.length >= 3) {
    const window = growthWindow(cycles.length);
    const early = cycles.slice(1, 1 + window);
    const late = cycles.slice(-window);
    const peak = (span: readonly SoakCycle[], daemon: WatchedDaemon) => Math.max(...span.map((cycle) => cycle.daemons[daemon]?.anonBytes ?? 0));
    for (const daemon of watchedDaemons) {
      const from = peak(early, daemon);
      if (from > 0) daemonGrowth[daemon] = peak(late, daemon) / from - 1;
    }
  }
  const grewTooMuch = watchedDaemons.filter((daemon) => (daemonGrowth[daemon] ?? 0) > maxDaemonGrowth);
  return { cyclesWithLeftovers, daemonGrowth, grewTooMuch, window: growthWindow(cycles.length), passed: cyclesWithLeftovers.length === 0 && grewTooMuch.length === 0 };
}

const mib = (bytes: number | undefined) => (bytes === undefined ? "-" : (bytes / 1024 ** 2).toFixed(1));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function renderSoakTable(cycles: readonly SoakCycle[]): string {
  const leftoverText = (cycle: SoakCycle) =>
    soakLeftoverKinds.filter((kind) => cycle.leftovers[kind] > 0).map((kind) => `${cycle.leftovers[kind]} ${kind}`).join(", ") || "0";
  return renderTable(
    ["cycle", ...platformNames.flatMap((stack) => [`${stack} up s`, `${stack} boot s`, `${stack} down s`]), "leftovers", ...watchedDaemons.map((daemon) => `${daemon} MiB (anon)`)],
    cycles.map((cycle) => [
      String(cycle.cycle),
      ...platformNames.flatMap((stack) => [seconds(cycle.upMs[stack]), seconds(cycle.bootMs[stack]), seconds(cycle.downMs[stack])]),
      leftoverText(cycle),
      ...watchedDaemons.map((daemon) => `${mib(cycle.daemons[daemon]?.rssBytes)} (${mib(cycle.daemons[daemon]?.anonBytes)})`),
    ]),
  );
}

export function renderSoakVerdict(verdict: SoakVerdict): string {
  const growth = watchedDaemons
    .filter((daemon) => verdict.daemonGrowth[daemon] !== undefined)
    .map((daemon) => `${daemon} ${((verdict.daemonGrowth[daemon] ?? 0) * 100).toFixed(1)} %`)
    .join(", ");
  return [
    `leftovers: ${verdict.cyclesWithLeftovers.length === 0 ? "none after any cycle" : `after cycle(s) ${verdict.cyclesWithLeftovers.join(", ")}`}`,
    `daemon anonymous RSS, peak of the first ${verdict.window} cycle(s) from cycle 2 to peak of the last ${verdict.window}: ${growth || "needs 3 or more cycles"} (limit +${maxDaemonGrowth * 100} %)`,
    verdict.passed ? "soak passed" : "soak FAILED",
  ].join("\n");
}

/** Everything of the stack that is still on the host or in Pulumi's files after its down. */
/** One cycle: for each stack up (with ready wait), one boot sample of its db, down; then what is left and the daemons' memory. */
async function soakCycle(cycle: number, log: (line: string) => void): Promise<SoakCycle> {
  const result: SoakCycle = { cycle, upMs: {} as Record<PlatformName, number>, bootMs: {} as Record<PlatformName, number>, downMs: {} as Record<PlatformName, number>, leftovers: {} as Record<SoakLeftoverKind, number>, daemons: {} };
  const leftovers = Object.fromEntries(soakLeftoverKinds.map((kind) => [kind, 0])) as Record<SoakLeftoverKind, number>;
  for (const stack of platformNames) {
    const settings = await stackSettings(await labStack(repoRoot, stack), stack);
    log(`cycle ${cycle}: up ${stack}`);
    let started = performance.now();
    await deployAndWait(stack, () => undefined);
    result.upMs[stack] = performance.now() - started;
    const deployed = await deployedStack(stack);
    const db = deployed.instances.find((instance) => instance.app === "db");
    if (db === undefined) throw new LabError(`Stack ${stack} has no db instance to sample.`, "check model/catalog/apps.ts.");
    log(`cycle ${cycle}: one boot sample of ${stack}'s db, then down`);
    result.bootMs[stack] = (await timeOneBoot(db, bootControlOf(deployed, db), bootTimeoutMs(deployed.executionMode))).bootToReadyMs;
    started = performance.now();
    await destroyStack(stack, () => undefined);
    result.downMs[stack] = performance.now() - started;
    for (const leftover of await stackLeftovers(stack, settings)) leftovers[leftover.kind] += 1;
  }
  leftovers["pulumi process"] = pulumiProcesses().length;
  result.leftovers = leftovers;
  result.daemons = daemonMemory();
  log(`cycle ${cycle}: docker up ${seconds(result.upMs.docker)} s, libvirt up ${seconds(result.upMs.libvirt)} s, leftovers ${Object.values(leftovers).reduce((sum, count) => sum + count, 0)}`);
  return result;
}

/** Runs `cycles` up → boot sample → down cycles of both stacks, counting leftovers and daemon memory after each. */
export async function runSoak(cycles: number, log: (line: string) => void): Promise<{ cycles: SoakCycle[]; verdict: SoakVerdict }> {
  const done: SoakCycle[] = [];
  for (let cycle = 1; cycle <= cycles; cycle += 1) done.push(await soakCycle(cycle, log));
  return { cycles: done, verdict: soakVerdict(done) };
}
