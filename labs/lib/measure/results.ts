import * as fs from "node:fs";
import * as path from "node:path";
import { appNames, type AppName } from "../../../model/catalog/apps";
import type { ExecutionMode, InstanceKind } from "../../../model/deployment";
import type { Provisioning } from "./provisioning";
import { agreesWithin, summarize } from "./stats";

/**
 * The results of one measuring run of one stack, as the measuring step writes them and the report reads them:
 * `results/<stack>/<run-id>.json`, validated on write and on read. Schema version 1:
 *
 * {
 *   "schemaVersion": 1,
 *   "runId": string,                 // startedAt made filesystem-safe (":" → "-"); also the file name
 *   "stack": string,                 // the Pulumi stack measured ("docker", "libvirt")
 *   "startedAt": string,             // ISO 8601
 *   "finishedAt": string,            // ISO 8601
 *   "host": {
 *     "accelerator": "native" | "kvm" | "tcg",   // the stack's executionMode: containers native, VMs kvm or tcg
 *     "cpuModel": string, "cores": integer, "memTotalBytes": integer, "kernel": string,
 *     "dockerVersion": string | null, "libvirtVersion": string | null, "qemuVersion": string | null,
 *     "idle": { "loadAverage1m": number, "judgedIdle": boolean, "rule"?: string }
 *   },
 *   "instances": [ {                 // at least one
 *     "app": "web" | "api" | "db", "platform": "vm" | "container", "name": string, "instanceId": string,
 *     "boot": { "samplesMs": number[] (≥ 1), "method": string, "phases"?: BootPhases[] (one per sample), "crossCheck"?: CrossCheck },
 *     "memory": { "hostBytes": integer, "method": string, "crossCheck"?: CrossCheck,
 *                 "breakdown": { "configuredBytes": integer, "pssBytes"?, "rssBytes"?, "anonBytes"?, "fileCacheBytes"?,
 *                                "guestUsedBytes"?, "shimRssBytes"?: integer } },
 *     "disk": { "allocatedBytes": integer, "method": string, "crossCheck"?: CrossCheck, "imageBytes": integer,
 *               "sharedBytes": integer, "uniqueBytes": integer, "writableBytes": integer, "fullCopyEquivalentBytes": integer },
 *     "kernelRelease"?: string,
 *     "confinement"?: { "process": string, "user": string, "uid": integer, "capabilities": string[], "noNewPrivileges": boolean,
 *                       "seccomp": string, "readOnlyRootFs"?: boolean, "pidsLimit"?: integer | null,
 *                       "kernel": "host" | "own", "accelerator": "native" | "kvm" | "tcg", "method": string }
 *   } ],
 *   "memory": { "totalBytes": integer, "method": string, "hostUsedBeforeBytes": integer, "hostUsedAfterBytes": integer, "crossCheck": CrossCheck },
 *   "disk": { "totalBytes": integer, "method": string, "sharedBytes": integer, "storageDir": string,
 *             "storageBeforeBytes": integer, "storageAfterBytes": integer, "crossCheck": CrossCheck }
 * }
 *
 * CrossCheck = { "method": string, "value": number, "agrees": boolean, "toleranceFraction": number, "note"?: string }
 * A cross-check's value is compared with the figure it checks: boot → median of samplesMs, instance memory → hostBytes,
 * instance disk → allocatedBytes, stack memory and disk → totalBytes; "agrees" must be what agreesWithin says.
 * Every byte figure is a non-negative integer, every duration a non-negative number of milliseconds.
 */

/** Version of the results layout; readers refuse other versions. */
export const schemaVersion = 1;

/** A second, independent measurement of a figure, and whether it agrees with the first. */
export interface CrossCheck {
  /** How the second figure was measured, in a few words. */
  method: string;
  /** The second figure, in the unit of the figure it checks. */
  value: number;
  /** Whether value and the figure it checks agree within toleranceFraction (agreesWithin; which figure: see above). */
  agrees: boolean;
  /** The relative difference allowed (0.1 = 10 %). */
  toleranceFraction: number;
  /** Why they differ, or what the second figure leaves out. */
  note?: string;
}

/** What the host looked like during the run. */
export interface HostFacts {
  /** What ran the instances' CPU: "native" for containers, "kvm" or "tcg" (software emulation) for VMs. */
  accelerator: ExecutionMode;
  /** Processor model from /proc/cpuinfo. */
  cpuModel: string;
  /** Logical CPUs. */
  cores: number;
  /** The host's RAM (MemTotal). */
  memTotalBytes: number;
  /** Kernel release (`uname -r`). */
  kernel: string;
  /** Docker engine version; null when not installed. */
  dockerVersion: string | null;
  /** libvirt version; null when not installed. */
  libvirtVersion: string | null;
  /** QEMU version; null when not installed. */
  qemuVersion: string | null;
  /** Whether the host was quiet enough for timings to mean something. */
  idle: {
    /** 1-minute load average just before measuring. */
    loadAverage1m: number;
    /** The measuring step's verdict: true when the load stayed under its rule's threshold. */
    judgedIdle: boolean;
    /** The rule applied, e.g. "load1 < 0.25 × cores". */
    rule?: string;
  };
}

/**
 * Timings inside one boot sample. Offsets count from the same instant as the sample (the start request); durations
 * are spans reported by a tool. Each is present only where the platform has it.
 */
export interface BootPhases {
  /** Duration of the engine's start call (`docker start`, `virsh start`) until it returned. */
  engineStartCallMs?: number;
  /** Offset of the first line on the VM's serial console. */
  firstConsoleLineMs?: number;
  /** Duration the guest kernel ran before starting userspace (systemd-analyze "kernel"). */
  kernelToUserspaceMs?: number;
  /** Duration spent in the guest's initrd (systemd-analyze "initrd"). */
  systemdInitrdMs?: number;
  /** Duration from the guest's init to its default target (systemd-analyze "userspace"). */
  systemdUserspaceMs?: number;
  /** Offset of the app's first log line. */
  firstLogLineMs?: number;
}

/** How long the instance takes from the start request until its app answers its ready check. */
export interface BootMeasurement {
  /** Milliseconds from the start request to the first passing ready check, one per sample. */
  samplesMs: number[];
  /** How the samples were taken (what was started, which ready check, how often it was polled). */
  method: string;
  /** Phase timings, one object per sample in the order of samplesMs. */
  phases?: BootPhases[];
  /** The same figure by a second method (compared with the median of samplesMs). */
  crossCheck?: CrossCheck;
}

/** Where an instance's host memory goes. */
export interface MemoryBreakdown {
  /** Memory the instance was given: the container's limit or the VM's RAM. */
  configuredBytes: number;
  /** Proportional set size of its host processes (QEMU, or the container's processes). */
  pssBytes?: number;
  /** Resident set size of its host processes, shared pages counted in full. */
  rssBytes?: number;
  /** Anonymous memory (for a VM: mostly guest RAM the guest has touched). */
  anonBytes?: number;
  /** Page cache charged to it. */
  fileCacheBytes?: number;
  /** RAM the guest itself counts as used (balloon statistics); VMs only. */
  guestUsedBytes?: number;
  /** Resident set of the container's containerd shim, which exists only for this container; containers only. */
  shimRssBytes?: number;
}

/** Host memory one instance costs, measured at rest after its app became ready. */
export interface MemoryMeasurement {
  /** Host RAM the instance costs: the headline figure. */
  hostBytes: number;
  /** How hostBytes was measured. */
  method: string;
  /** hostBytes by a second method. */
  crossCheck?: CrossCheck;
  /** The parts and neighbouring figures behind hostBytes. */
  breakdown: MemoryBreakdown;
}

/** Host disk one instance costs. */
export interface DiskMeasurement {
  /** Host disk bytes only this instance needs: its image's unique bytes plus its writable layer or overlay. */
  allocatedBytes: number;
  /** How allocatedBytes was measured. */
  method: string;
  /** allocatedBytes by a second method. */
  crossCheck?: CrossCheck;
  /** The whole image it runs from (container image, or VM base disk chain). */
  imageBytes: number;
  /** Of the image, bytes stored once for every instance of the stack (the common base). */
  sharedBytes: number;
  /** Of the image, bytes no other instance's image has. */
  uniqueBytes: number;
  /** Bytes the running instance wrote: the container's writable layer or the VM's overlay. */
  writableBytes: number;
  /** What the instance would need if nothing were shared: imageBytes plus writableBytes. */
  fullCopyEquivalentBytes: number;
}

/** Everything measured about one deployed app. */
export interface InstanceResult {
  /** The catalog app it runs. */
  app: AppName;
  /** Whether the app ran as a VM or a container (InstanceKind of model/deployment.ts). */
  platform: InstanceKind;
  /** The container or libvirt domain name. */
  name: string;
  /** The engine's id: container id or domain UUID. */
  instanceId: string;
  /** Start-to-ready time. */
  boot: BootMeasurement;
  /** Host memory cost. */
  memory: MemoryMeasurement;
  /** Host disk cost. */
  disk: DiskMeasurement;
  /** Kernel release the instance's processes run on (/proc/sys/kernel/osrelease inside it, or the VM's boot log). */
  kernelRelease?: string;
  /** Who the instance runs as on the host and what confines it; absent in runs made before it was recorded. */
  confinement?: Confinement;
}

/**
 * How one instance is confined on the host, read from the host process that holds it: the container's main process,
 * or the VM's QEMU process. One shape for both platforms; the fields only containers have are optional.
 */
export interface Confinement {
  /** Executable name of that process ("nginx", "redis-server", "qemu-system-x86"). */
  process: string;
  /** The user it runs as, named where the instance's passwd file names it: "redis (uid 101)". */
  user: string;
  /** Its effective user id on the host. */
  uid: number;
  /** Its effective capabilities (CapEff) by name ("CAP_CHOWN"), lowest bit first; empty when it has none. */
  capabilities: string[];
  /** Whether no_new_privs is set on it: no exec (setuid file, file capabilities) can raise its privileges. */
  noNewPrivileges: boolean;
  /** Its seccomp mode and the profile that set it: "filter: Docker's default profile", "none". */
  seccomp: string;
  /** Whether the container's root file system is read-only; containers only. */
  readOnlyRootFs?: boolean;
  /** Most tasks (processes and threads) the container may run at once; null when unlimited; containers only. */
  pidsLimit?: number | null;
  /** The kernel the app runs on: the host's (a container) or its own guest kernel (a VM). */
  kernel: "host" | "own";
  /** What runs the app's CPU: native, or the accelerator on the VM's QEMU command line. */
  accelerator: ExecutionMode;
  /** Where the facts were read. */
  method: string;
}

/** The stack's memory as a whole, checked against the host's own counters. */
export interface StackMemory {
  /** The instances' hostBytes together. */
  totalBytes: number;
  /** How totalBytes was obtained. */
  method: string;
  /** Host memory in use (MemTotal − MemAvailable) with the stack stopped. */
  hostUsedBeforeBytes: number;
  /** Host memory in use with the stack running and ready. */
  hostUsedAfterBytes: number;
  /** Normally the after − before difference of host used memory. */
  crossCheck: CrossCheck;
}

/** The stack's disk as a whole, checked against the engine's storage folder. */
export interface StackDisk {
  /** Shared bytes once plus every instance's allocatedBytes. */
  totalBytes: number;
  /** How totalBytes was obtained. */
  method: string;
  /** Image bytes every instance shares, counted once. */
  sharedBytes: number;
  /** The engine's storage folder measured before and after (e.g. /var/lib/docker, the lab's VM disk folder). */
  storageDir: string;
  /** Allocated bytes of storageDir before the stack's images and instances existed. */
  storageBeforeBytes: number;
  /** Allocated bytes of storageDir with the stack deployed. */
  storageAfterBytes: number;
  /** Normally the after − before difference of storageDir. */
  crossCheck: CrossCheck;
}

/** One results file. */
export interface MeasurementResults {
  /** Layout version: schemaVersion. */
  schemaVersion: typeof schemaVersion;
  /** startedAt made filesystem-safe: the file's name without .json. */
  runId: string;
  /** The Pulumi stack measured. */
  stack: string;
  /** When measuring began (ISO 8601). */
  startedAt: string;
  /** When measuring ended (ISO 8601). */
  finishedAt: string;
  /** The host and how busy it was. */
  host: HostFacts;
  /** One entry per deployed app instance. */
  instances: InstanceResult[];
  /** The stack's memory together, cross-checked against the host. */
  memory: StackMemory;
  /** The stack's disk together, cross-checked against the engine's storage folder. */
  disk: StackDisk;
  /** What the measuring process itself cost, so its disturbance of the figures can be judged. */
  probeCost?: ProbeCost;
  /** How long making the stack from nothing took, as recorded by the last `npm run up` from an empty stack. */
  provisioning?: Provisioning;
}

/** CPU and memory the measuring process used during the run. */
export interface ProbeCost {
  /** User plus system CPU seconds of the measuring process over the whole run. */
  cpuSeconds: number;
  /** Resident set of the measuring process at the end of the run. */
  peakRssBytes: number;
  /** What the figures cover. */
  note: string;
}

/** Builds the cross-check of `figure` by a second measurement, deciding agreement with agreesWithin. */
export function makeCrossCheck(figure: number, second: { method: string; value: number; toleranceFraction: number; note?: string }): CrossCheck {
  return { ...second, agrees: agreesWithin(figure, second.value, second.toleranceFraction) };
}

const accelerators: readonly ExecutionMode[] = ["native", "kvm", "tcg"];
const instanceKinds: readonly InstanceKind[] = ["vm", "container"];
const bootPhaseKeys = ["engineStartCallMs", "firstConsoleLineMs", "kernelToUserspaceMs", "systemdInitrdMs", "systemdUserspaceMs", "firstLogLineMs"] as const;
const breakdownOptionalKeys = ["pssBytes", "rssBytes", "anonBytes", "fileCacheBytes", "guestUsedBytes", "shimRssBytes"] as const;
const kernelKinds: readonly Confinement["kernel"][] = ["host", "own"];
const diskByteKeys = ["allocatedBytes", "imageBytes", "sharedBytes", "uniqueBytes", "writableBytes", "fullCopyEquivalentBytes"] as const;

/** Makes an ISO timestamp safe as a file name on every file system (no colons); sorts like the time itself. */
export function runIdFor(startedAt: Date | string): string {
  const date = typeof startedAt === "string" ? new Date(startedAt) : startedAt;
  if (Number.isNaN(date.getTime())) throw new Error(`runIdFor: ${String(startedAt)} is not a date`);
  return date.toISOString().replace(/:/g, "-");
}

/** Collects problems while walking an unknown value; each problem names the path of the offending field. */
class Validator {
  readonly problems: string[] = [];

  record(value: unknown, at: string): Record<string, unknown> | undefined {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.problems.push(`${at}: expected an object, got ${describe(value)}`);
    return undefined;
  }

  string(value: unknown, at: string): void {
    if (typeof value !== "string" || value.trim() === "") this.problems.push(`${at}: expected a non-empty string, got ${describe(value)}`);
  }

  nullableString(value: unknown, at: string): void {
    if (value !== null) this.string(value, at);
  }

  boolean(value: unknown, at: string): void {
    if (typeof value !== "boolean") this.problems.push(`${at}: expected true or false, got ${describe(value)}`);
  }

  /** A finite number ≥ 0; `integer` for byte counts and counts. */
  amount(value: unknown, at: string, integer: boolean): void {
    const ok = typeof value === "number" && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
    if (!ok) this.problems.push(`${at}: expected ${integer ? "an integer" : "a number"} ≥ 0, got ${describe(value)}`);
  }

  optionalAmount(value: unknown, at: string, integer: boolean): void {
    if (value !== undefined) this.amount(value, at, integer);
  }

  oneOf<T>(value: unknown, at: string, allowed: readonly T[]): void {
    if (!allowed.includes(value as T)) this.problems.push(`${at}: expected one of ${allowed.join(", ")}, got ${describe(value)}`);
  }

  isoDate(value: unknown, at: string): void {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
      this.problems.push(`${at}: expected an ISO 8601 date, got ${describe(value)}`);
    }
  }

  /** A cross-check of `figure` (undefined when the figure itself is invalid): well-formed, and `agrees` matching its numbers. */
  crossCheck(value: unknown, at: string, figure: number | undefined): void {
    const check = this.record(value, at);
    if (!check) return;
    const problemsBefore = this.problems.length;
    this.string(check.method, `${at}.method`);
    if (typeof check.value !== "number" || !Number.isFinite(check.value)) this.problems.push(`${at}.value: expected a number, got ${describe(check.value)}`);
    this.boolean(check.agrees, `${at}.agrees`);
    this.amount(check.toleranceFraction, `${at}.toleranceFraction`, false);
    if (check.note !== undefined) this.string(check.note, `${at}.note`);
    if (this.problems.length > problemsBefore || figure === undefined) return;
    const agrees = agreesWithin(figure, check.value as number, check.toleranceFraction as number);
    if (agrees !== check.agrees) this.problems.push(`${at}.agrees: is ${String(check.agrees)}, but ${String(check.value)} against ${figure} within ${String(check.toleranceFraction)} gives ${agrees}`);
  }

  optionalCrossCheck(value: unknown, at: string, figure: number | undefined): void {
    if (value !== undefined) this.crossCheck(value, at, figure);
  }
}

/** The value when it is a valid amount, so that cross-checks are compared only with valid figures. */
function validAmount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function validateHost(v: Validator, value: unknown): void {
  const host = v.record(value, "host");
  if (!host) return;
  v.oneOf(host.accelerator, "host.accelerator", accelerators);
  v.string(host.cpuModel, "host.cpuModel");
  v.amount(host.cores, "host.cores", true);
  v.amount(host.memTotalBytes, "host.memTotalBytes", true);
  v.string(host.kernel, "host.kernel");
  for (const key of ["dockerVersion", "libvirtVersion", "qemuVersion"]) v.nullableString(host[key], `host.${key}`);
  const idle = v.record(host.idle, "host.idle");
  if (!idle) return;
  v.amount(idle.loadAverage1m, "host.idle.loadAverage1m", false);
  v.boolean(idle.judgedIdle, "host.idle.judgedIdle");
  if (idle.rule !== undefined) v.string(idle.rule, "host.idle.rule");
}

function validateBoot(v: Validator, value: unknown, at: string): void {
  const boot = v.record(value, at);
  if (!boot) return;
  const samples = boot.samplesMs;
  const problemsBefore = v.problems.length;
  if (!Array.isArray(samples) || samples.length === 0) v.problems.push(`${at}.samplesMs: expected a non-empty array of milliseconds, got ${describe(samples)}`);
  else samples.forEach((sample, index) => v.amount(sample, `${at}.samplesMs[${index}]`, false));
  const median = v.problems.length === problemsBefore ? summarize(samples as number[]).median : undefined;
  v.string(boot.method, `${at}.method`);
  v.optionalCrossCheck(boot.crossCheck, `${at}.crossCheck`, median);
  if (boot.phases === undefined || median === undefined) return;
  const sampleCount = (samples as number[]).length;
  if (!Array.isArray(boot.phases) || boot.phases.length !== sampleCount) {
    v.problems.push(`${at}.phases: expected one object per sample (${sampleCount}), got ${describe(boot.phases)}`);
    return;
  }
  boot.phases.forEach((phaseValue, index) => {
    const phases = v.record(phaseValue, `${at}.phases[${index}]`);
    if (!phases) return;
    for (const key of Object.keys(phases)) {
      if (!(bootPhaseKeys as readonly string[]).includes(key)) v.problems.push(`${at}.phases[${index}].${key}: not a known phase (${bootPhaseKeys.join(", ")})`);
      else v.amount(phases[key], `${at}.phases[${index}].${key}`, false);
    }
  });
}

function validateMemory(v: Validator, value: unknown, at: string): void {
  const memory = v.record(value, at);
  if (!memory) return;
  v.amount(memory.hostBytes, `${at}.hostBytes`, true);
  v.string(memory.method, `${at}.method`);
  v.optionalCrossCheck(memory.crossCheck, `${at}.crossCheck`, validAmount(memory.hostBytes));
  const breakdown = v.record(memory.breakdown, `${at}.breakdown`);
  if (!breakdown) return;
  v.amount(breakdown.configuredBytes, `${at}.breakdown.configuredBytes`, true);
  for (const key of breakdownOptionalKeys) v.optionalAmount(breakdown[key], `${at}.breakdown.${key}`, true);
}

function validateDisk(v: Validator, value: unknown, at: string): void {
  const disk = v.record(value, at);
  if (!disk) return;
  for (const key of diskByteKeys) v.amount(disk[key], `${at}.${key}`, true);
  v.string(disk.method, `${at}.method`);
  v.optionalCrossCheck(disk.crossCheck, `${at}.crossCheck`, validAmount(disk.allocatedBytes));
}

/** Optional: runs made before confinement was recorded lack it. */
function validateConfinement(v: Validator, value: unknown, at: string): void {
  if (value === undefined) return;
  const confinement = v.record(value, at);
  if (!confinement) return;
  for (const key of ["process", "user", "seccomp", "method"]) v.string(confinement[key], `${at}.${key}`);
  v.amount(confinement.uid, `${at}.uid`, true);
  const capabilities = confinement.capabilities;
  if (!Array.isArray(capabilities)) v.problems.push(`${at}.capabilities: expected an array of capability names, got ${describe(capabilities)}`);
  else capabilities.forEach((capability, index) => v.string(capability, `${at}.capabilities[${index}]`));
  v.boolean(confinement.noNewPrivileges, `${at}.noNewPrivileges`);
  if (confinement.readOnlyRootFs !== undefined) v.boolean(confinement.readOnlyRootFs, `${at}.readOnlyRootFs`);
  if (confinement.pidsLimit !== undefined && confinement.pidsLimit !== null) v.amount(confinement.pidsLimit, `${at}.pidsLimit`, true);
  v.oneOf(confinement.kernel, `${at}.kernel`, kernelKinds);
  v.oneOf(confinement.accelerator, `${at}.accelerator`, accelerators);
}

function validateInstances(v: Validator, value: unknown, accelerator: unknown): void {
  if (!Array.isArray(value) || value.length === 0) {
    v.problems.push(`instances: expected a non-empty array, got ${describe(value)}`);
    return;
  }
  value.forEach((instanceValue, index) => {
    const at = `instances[${index}]`;
    const instance = v.record(instanceValue, at);
    if (!instance) return;
    v.oneOf(instance.app, `${at}.app`, appNames);
    v.oneOf(instance.platform, `${at}.platform`, instanceKinds);
    v.string(instance.name, `${at}.name`);
    v.string(instance.instanceId, `${at}.instanceId`);
    const expected = instance.platform === "container" ? ["native"] : ["kvm", "tcg"];
    if (instanceKinds.includes(instance.platform as InstanceKind) && accelerators.includes(accelerator as ExecutionMode) && !expected.includes(accelerator as string)) {
      v.problems.push(`${at}.platform: a ${String(instance.platform)} cannot run under host.accelerator ${String(accelerator)} (expected ${expected.join(" or ")})`);
    }
    validateBoot(v, instance.boot, `${at}.boot`);
    validateMemory(v, instance.memory, `${at}.memory`);
    validateDisk(v, instance.disk, `${at}.disk`);
    validateConfinement(v, instance.confinement, `${at}.confinement`);
  });
}

function validateStackMemory(v: Validator, value: unknown): void {
  const memory = v.record(value, "memory");
  if (!memory) return;
  for (const key of ["totalBytes", "hostUsedBeforeBytes", "hostUsedAfterBytes"]) v.amount(memory[key], `memory.${key}`, true);
  v.string(memory.method, "memory.method");
  v.crossCheck(memory.crossCheck, "memory.crossCheck", validAmount(memory.totalBytes));
}

function validateStackDisk(v: Validator, value: unknown): void {
  const disk = v.record(value, "disk");
  if (!disk) return;
  for (const key of ["totalBytes", "sharedBytes", "storageBeforeBytes", "storageAfterBytes"]) v.amount(disk[key], `disk.${key}`, true);
  v.string(disk.method, "disk.method");
  v.string(disk.storageDir, "disk.storageDir");
  v.crossCheck(disk.crossCheck, "disk.crossCheck", validAmount(disk.totalBytes));
}

/** Stack names become folder names: letters, digits, dot, dash and underscore only. */
const safeStackName = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

/** Lists what is wrong with a would-be results object (missing mandatory fields, wrong types); empty when it is valid. */
export function validateResults(value: unknown): string[] {
  const v = new Validator();
  const results = v.record(value, "results");
  if (!results) return v.problems;
  if (results.schemaVersion !== schemaVersion) {
    return [`schemaVersion: expected ${schemaVersion}, got ${describe(results.schemaVersion)}; this reader understands only version ${schemaVersion}`];
  }
  if (typeof results.stack !== "string" || !safeStackName.test(results.stack)) v.problems.push(`stack: expected a stack name (letters, digits, . _ -), got ${describe(results.stack)}`);
  v.isoDate(results.startedAt, "startedAt");
  v.isoDate(results.finishedAt, "finishedAt");
  if (typeof results.startedAt === "string" && !Number.isNaN(Date.parse(results.startedAt)) && results.runId !== runIdFor(results.startedAt)) {
    v.problems.push(`runId: expected ${runIdFor(results.startedAt)} (startedAt made filesystem-safe), got ${describe(results.runId)}`);
  }
  validateHost(v, results.host);
  const host = typeof results.host === "object" && results.host !== null ? (results.host as Record<string, unknown>) : {};
  validateInstances(v, results.instances, host.accelerator);
  validateStackMemory(v, results.memory);
  validateStackDisk(v, results.disk);
  return v.problems;
}

/** Reads and validates one results file; throws naming the file and every problem. */
export function readResults(file: string): MeasurementResults {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not a readable JSON results file (${(error as Error).message})`);
  }
  const problems = validateResults(value);
  if (problems.length > 0) throw new Error(`${file} is not a valid results file:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  return value as MeasurementResults;
}

/** A results file and its content. */
export interface LocatedResults {
  /** Path of the results file. */
  file: string;
  /** Its validated content. */
  results: MeasurementResults;
}

/** The newest results of a stack (run ids sort by time), or undefined when the stack has none yet. */
export function latestResults(resultsDir: string, stack: string): LocatedResults | undefined {
  const stackDir = path.join(resultsDir, stack);
  if (!fs.existsSync(stackDir)) return undefined;
  const names = fs.readdirSync(stackDir).filter((name) => name.endsWith(".json")).sort();
  const newest = names[names.length - 1];
  if (newest === undefined) return undefined;
  const file = path.join(stackDir, newest);
  return { file, results: readResults(file) };
}

/**
 * Validates and writes results to `<resultsDir>/<stack>/<runId>.json`, through a temporary file so readers never see
 * half a file; refuses invalid results and never overwrites an earlier run. Returns the file written.
 */
export function writeResults(resultsDir: string, results: MeasurementResults): string {
  const problems = validateResults(results);
  if (problems.length > 0) throw new Error(`refusing to write invalid results:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  const stackDir = path.join(resultsDir, results.stack);
  const file = path.join(stackDir, `${results.runId}.json`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists: every run gets its own run id`);
  fs.mkdirSync(stackDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(temporary, file);
  return file;
}

/** One CSV row: one figure of one instance, summarized over its samples. */
export interface CsvRow {
  /** The Pulumi stack. */
  stack: string;
  /** The catalog app. */
  app: AppName;
  /** vm or container. */
  platform: InstanceKind;
  /** bootToReady, hostMemory or diskAllocated. */
  metric: "bootToReady" | "hostMemory" | "diskAllocated";
  /** Unit of median, min and max. */
  unit: "ms" | "bytes";
  /** Median of the samples. */
  median: number;
  /** Smallest sample. */
  min: number;
  /** Largest sample. */
  max: number;
  /** Number of samples summarized. */
  samples: number;
  /** How the figure was measured. */
  method: string;
  /** native, kvm or tcg: what ran the instance's CPU. */
  accelerator: ExecutionMode;
}

/** Column order of the CSV file. */
export const csvColumns: readonly (keyof CsvRow)[] = ["stack", "app", "platform", "metric", "unit", "median", "min", "max", "samples", "method", "accelerator"];

/** Flattens results into one row per instance per metric (boot, memory, disk). */
export function toCsvRows(results: MeasurementResults): CsvRow[] {
  return results.instances.flatMap((instance) => {
    const row = (metric: CsvRow["metric"], unit: CsvRow["unit"], values: number[], method: string): CsvRow => {
      const summary = summarize(values);
      return {
        stack: results.stack,
        app: instance.app,
        platform: instance.platform,
        metric,
        unit,
        median: summary.median,
        min: summary.min,
        max: summary.max,
        samples: summary.count,
        method,
        accelerator: results.host.accelerator,
      };
    };
    return [
      row("bootToReady", "ms", instance.boot.samplesMs, instance.boot.method),
      row("hostMemory", "bytes", [instance.memory.hostBytes], instance.memory.method),
      row("diskAllocated", "bytes", [instance.disk.allocatedBytes], instance.disk.method),
    ];
  });
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows as RFC 4180 CSV with a header line, fields quoted only where needed. */
export function formatCsv(rows: readonly CsvRow[]): string {
  const lines = [csvColumns.join(","), ...rows.map((row) => csvColumns.map((column) => csvField(row[column])).join(","))];
  return `${lines.join("\n")}\n`;
}
