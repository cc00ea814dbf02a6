import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { appNames } from "../../../model/catalog/apps";
import { bootProfiles } from "../../../model/bootProfile";
import { agreesWithin, summarize } from "./stats";

/**
 * The results of one measuring run of one stack, as the measuring step writes them and the report reads them:
 * `results/<stack>/<run-id>.json`. Declared once here: the TypeScript types are inferred from it, files are validated
 * with it on write and on read, and results.schema.json beside this file is generated from it (a unit test compares
 * the two; regenerate with `npx tsx labs/lib/measure/resultsSchema.ts`).
 */

/** Version of the results layout. Version 1 called an instance's kind `platform`; readers upgrade it. */
export const schemaVersion = 2;

const text = z.string().regex(/\S/, "expected a non-empty string");
const bytes = z.number().int().nonnegative().describe("bytes");
const milliseconds = z.number().nonnegative().describe("milliseconds");
const isoDate = z.iso.datetime({ offset: true });
const executionMode = z.enum(["native", "kvm", "tcg"]).describe("what ran the CPU: native for containers, kvm or tcg (software emulation) for VMs");
const instanceKind = z.enum(["vm", "container"]);

export const crossCheckSchema = z
  .object({
    method: text.describe("how the second figure was measured, in a few words"),
    value: z.number().describe("the second figure, in the unit of the figure it checks"),
    agrees: z.boolean().describe("whether value and the figure it checks agree within toleranceFraction"),
    toleranceFraction: z.number().nonnegative().describe("the relative difference allowed (0.1 = 10 %)"),
    note: text.optional().describe("why they differ, or what the second figure leaves out"),
  })
  .describe("a second, independent measurement of a figure, and whether it agrees with the first");

export const hostFactsSchema = z.object({
  accelerator: executionMode,
  cpuModel: text.describe("processor model from /proc/cpuinfo"),
  cores: z.number().int().nonnegative().describe("logical CPUs"),
  memTotalBytes: bytes.describe("the host's RAM (MemTotal)"),
  kernel: text.describe("kernel release (uname -r)"),
  dockerVersion: text.nullable().describe("Docker engine version; null when not installed"),
  libvirtVersion: text.nullable().describe("libvirt version; null when not installed"),
  qemuVersion: text.nullable().describe("QEMU version; null when not installed"),
  idle: z
    .object({
      loadAverage1m: z.number().nonnegative().describe("1-minute load average just before measuring"),
      busyCores: z.number().nonnegative().optional().describe("CPU the whole host used over a few seconds before the first figure, in cores (from /proc/stat)"),
      judgedIdle: z.boolean().describe("true when the load stayed under the rule's threshold"),
      rule: text.optional().describe('the rule applied, e.g. "load1 < 0.25 × cores"'),
    })
    .describe("whether the host was quiet enough for timings to mean something"),
});

/** Timings inside one boot sample: offsets from the start request, or durations a tool reported; each only where the platform has it. */
export const bootPhasesSchema = z.strictObject({
  engineStartCallMs: milliseconds.optional().describe("duration of the engine's start call (docker start, virsh start)"),
  firstConsoleLineMs: milliseconds.optional().describe("offset of the first line on the VM's serial console"),
  kernelToUserspaceMs: milliseconds.optional().describe('duration the guest kernel ran before userspace (systemd-analyze "kernel")'),
  systemdInitrdMs: milliseconds.optional().describe('duration spent in the guest\'s initrd (systemd-analyze "initrd")'),
  systemdUserspaceMs: milliseconds.optional().describe('duration from the guest\'s init to its default target (systemd-analyze "userspace")'),
  firstLogLineMs: milliseconds.optional().describe("offset of the app's first log line"),
  initrdStartedMs: milliseconds.optional().describe("offset at which the guest kernel handed over to its initramfs (\"Run /init as init process\" seen on the serial console)"),
  rootInitStartedMs: milliseconds.optional().describe("offset at which the init of the root file system started (systemd's or the tuned profile's lab-init first console line)"),
  appExecMs: milliseconds.optional().describe("offset at which the app's process was started: the container's State.StartedAt, or the VM's console line of its app unit or lab-init starting the app"),
});

const bootSchema = z
  .object({
    samplesMs: z.array(milliseconds).min(1).describe("milliseconds from the start request to the first passing ready check, one per sample"),
    method: text.describe("what was started, which ready check, how often it was polled"),
    phases: z.array(bootPhasesSchema).optional().describe("phase timings, one object per sample in the order of samplesMs"),
    crossCheck: crossCheckSchema.optional().describe("the same figure by a second method, compared with the median of samplesMs"),
    hostLoad1m: z.array(z.number().nonnegative()).optional().describe("the host's 1-minute load average read right before each sample, in the order of samplesMs"),
    otherCpuCores: z
      .array(z.number().nonnegative())
      .optional()
      .describe("CPU used during each sample (start request to ready) by processes other than the instance, its engine's processes and the measuring process, in cores averaged over the sample: the host's busy time (/proc/stat) less theirs; in the order of samplesMs"),
    probeCpuShare: z.array(z.number().nonnegative()).optional().describe("CPU the measuring process used during each sample, from the start request to ready (ready-check polling, phase watching), as a share of one core: 0.05 = 5 %"),
    readyResolutionMs: z.array(milliseconds).optional().describe("per sample, how late polling can have seen readiness: from the last moment the app is known not to have been ready (the ready check before the passing one, the app's process starting, the app's ready line reaching the engine's log) until the passing check began"),
    stoppedWhileSampled: z.array(z.enum(appNames)).optional().describe("the stack's other apps, stopped while this one was sampled so that they did not share its cores (it does not need them)"),
    warmUpMs: milliseconds.optional().describe("one boot timed like a sample right before the samples and left out of them: the first boot after the instance ran at rest or its neighbours were stopped pays for caches the later ones find warm"),
  })
  .describe("how long the instance takes from the start request until its app answers its ready check");

const memorySchema = z
  .object({
    hostBytes: bytes.describe("host RAM the instance costs: the headline figure"),
    method: text.describe("how hostBytes was measured"),
    crossCheck: crossCheckSchema.optional().describe("hostBytes by a second method"),
    breakdown: z.object({
      configuredBytes: bytes.describe("memory the instance was given: the container's limit or the VM's RAM"),
      pssBytes: bytes.optional().describe("proportional set size of its host processes"),
      rssBytes: bytes.optional().describe("resident set size of its host processes, shared pages counted in full"),
      anonBytes: bytes.optional().describe("anonymous memory (for a VM: mostly guest RAM the guest has touched)"),
      fileCacheBytes: bytes.optional().describe("page cache charged to it"),
      guestUsedBytes: bytes.optional().describe("RAM the guest itself counts as used (balloon statistics); VMs only"),
      shimRssBytes: bytes.optional().describe("resident set of the container's containerd shim; containers, runs before shimPssBytes"),
      shimPssBytes: bytes.optional().describe("proportional set of the container's containerd shim (its Go text is shared by every shim); containers only"),
    }),
  })
  .describe("host memory one instance costs, measured at rest after its app became ready");

const diskSchema = z
  .object({
    allocatedBytes: bytes.describe("host disk bytes only this instance needs: its image's unique bytes plus its writable layer or overlay"),
    method: text.describe("how allocatedBytes was measured"),
    crossCheck: crossCheckSchema.optional().describe("allocatedBytes by a second method"),
    imageBytes: bytes.describe("the whole image it runs from (container image, or VM base disk chain)"),
    sharedBytes: bytes.describe("of the image, bytes stored once for every instance of the stack"),
    uniqueBytes: bytes.describe("of the image, bytes no other instance's image has"),
    writableBytes: bytes.describe("bytes the running instance wrote: the container's writable layer or the VM's overlay"),
    fullCopyEquivalentBytes: bytes.describe("imageBytes plus writableBytes: what it would need if nothing were shared"),
  })
  .describe("host disk one instance costs");

const pid = z.number().int().positive();

const isolationSchema = z
  .object({
    uidMap: z
      .array(z.object({ inside: z.number().int().nonnegative(), outside: z.number().int().nonnegative(), count: z.number().int().positive() }))
      .describe("/proc/PID/uid_map of the holding process as the host reads it: which host user ids the ids inside are"),
    identityUidMap: z.boolean().describe("whether that map is the identity (no user namespace): uid 0 inside is uid 0 on the host"),
    hostProcesses: z
      .array(z.object({ pid, comm: text, pidInside: pid.optional().describe("its pid in its own pid namespace; absent when that is the host's") }))
      .describe("the host's process table of the instance: the holding process and every process below it"),
    app: text.describe("the app's process name (comm), from the catalog's command"),
    appProcessesInside: z.array(z.object({ pid, comm: text })).describe("the app's processes as the instance's own /proc lists them, with the pids it sees"),
    appSeenByHost: z.boolean().describe("whether one of hostProcesses is the app"),
    cpuModel: text.optional().describe("the CPU model name /proc/cpuinfo shows inside"),
    cpuModelIsHost: z.boolean().describe("whether it is the host's CPU model name"),
    pciDevices: z
      .array(z.object({ address: text, vendor: text, device: text, qemuModel: text.optional().describe("the QEMU model with these ids, where there is one") }))
      .describe("the PCI devices /sys/bus/pci/devices lists inside"),
    pciDevicesAreHost: z.boolean().describe("whether they are the host's own devices (the same ids at the same addresses)"),
    method: text.describe("where the facts were read"),
  })
  .describe("what separates the instance's root from the host's: user ids, the host's view of its processes, its view of the host");

export const confinementSchema = z
  .object({
    process: text.describe('executable name of the host process that holds the instance ("nginx", "qemu-system-x86")'),
    user: text.describe('the user it runs as, named where the instance\'s passwd file names it: "redis (uid 101)"'),
    uid: z.number().int().nonnegative().describe("its effective user id on the host"),
    capabilities: z.array(text).describe("its effective capabilities by name, lowest bit first"),
    noNewPrivileges: z.boolean().describe("whether no_new_privs is set on it"),
    seccomp: text.describe('its seccomp mode and the profile that set it: "filter: Docker\'s default profile", "none"'),
    readOnlyRootFs: z.boolean().optional().describe("whether the container's root file system is read-only; containers only"),
    pidsLimit: z.number().int().nonnegative().nullable().optional().describe("most tasks the container may run at once; null when unlimited; containers only"),
    kernel: z.enum(["host", "own"]).describe("the host's kernel (a container) or its own guest kernel (a VM)"),
    accelerator: executionMode,
    method: text.describe("where the facts were read"),
    isolation: isolationSchema.optional().describe("absent in runs made before it was recorded"),
  })
  .describe("how one instance is confined on the host, read from the process that holds it (container main process or QEMU)");

export const instanceResultSchema = z.object({
  app: z.enum(appNames),
  kind: instanceKind.describe("whether the app ran as a VM or a container"),
  name: text.describe("the container or libvirt domain name"),
  instanceId: text.describe("the engine's id: container id or domain UUID"),
  boot: bootSchema,
  memory: memorySchema,
  disk: diskSchema,
  kernelRelease: text.optional().describe("kernel release the instance's processes run on"),
  confinement: confinementSchema.optional().describe("absent in runs made before it was recorded"),
});

const stackMemorySchema = z.object({
  totalBytes: bytes.describe("the instances' hostBytes together"),
  method: text,
  hostUsedBeforeBytes: bytes.describe("host memory in use (MemTotal − MemAvailable) with the stack stopped"),
  hostUsedAfterBytes: bytes.describe("host memory in use with the stack running and ready"),
  crossCheck: crossCheckSchema.describe("normally the after − before difference of host used memory"),
});

const stackDiskSchema = z.object({
  totalBytes: bytes.describe("shared bytes once plus every instance's allocatedBytes"),
  method: text,
  sharedBytes: bytes.describe("image bytes every instance shares, counted once"),
  storageDir: text.describe("the engine's storage folder measured before and after"),
  storageBeforeBytes: bytes,
  storageAfterBytes: bytes,
  crossCheck: crossCheckSchema.describe("normally the after − before difference of storageDir"),
});

const probeCostSchema = z
  .object({
    cpuSeconds: z.number().nonnegative().describe("user plus system CPU seconds of the measuring process over the run"),
    peakRssBytes: bytes.describe("resident set of the measuring process at the end of the run"),
    note: text,
  })
  .describe("what the measuring process itself cost, so its disturbance of the figures can be judged");

const provisioningSchema = z
  .object({
    upWallMs: milliseconds.describe("wall time of `pulumi up` of the whole stack from an empty stack"),
    perResourceMs: z.record(z.string(), milliseconds).describe("per resource (URN type and name): from the engine starting it until its outputs arrived"),
    readyAfterUpMs: z.partialRecord(z.enum(appNames), milliseconds).describe("per app: after `pulumi up` returned until its ready check passed"),
    method: text,
    recordedAt: isoDate,
  })
  .describe("how long making the stack from nothing took, as recorded by the last `npm run up` from an empty stack");

export const bootFloorSchema = z
  .object({
    samplesMs: z.array(milliseconds).min(1).describe("milliseconds from the start request until the no-op instance was done, one per sample"),
    method: text,
  })
  .describe("the least any instance of this platform takes on this host: what an app's boot adds to it is the app");

const vmFloorSchema = bootFloorSchema.extend({
  guestUptimeMs: z.array(milliseconds).describe("the guest's own clock (CLOCK_BOOTTIME) when the one-line init ran, one per sample: the kernel's part of samplesMs"),
});

const floorsSchema = z
  .object({
    engineCli: bootFloorSchema.optional().describe("container engine floor through the Docker CLI"),
    engineApi: bootFloorSchema.optional().describe("container engine floor through the Engine API on the unix socket"),
    vmKernel: vmFloorSchema.optional().describe("VM floor: the lab's kernel booted to a one-line init that reports on the serial console and powers off, under the stack's accelerator and domain settings"),
  })
  .describe("boot floors measured in the same run, on the same host and accelerator");

/** Stack names become folder names: letters, digits, dot, dash and underscore only. */
const stackName = z.string().regex(/^(?!\.{1,2}$)[A-Za-z0-9._-]+$/, "expected a stack name (letters, digits, . _ -)");

/** Makes an ISO timestamp safe as a file name on every file system (no colons); sorts like the time itself. */
export function runIdFor(startedAt: Date | string): string {
  const date = typeof startedAt === "string" ? new Date(startedAt) : startedAt;
  if (Number.isNaN(date.getTime())) throw new Error(`runIdFor: ${String(startedAt)} is not a date`);
  return date.toISOString().replace(/:/g, "-");
}

export const measurementResultsSchema = z.object({
  schemaVersion: z.literal(schemaVersion),
  runId: z.string().describe("startedAt made filesystem-safe: the file's name without .json"),
  stack: stackName.describe("the Pulumi stack measured"),
  startedAt: isoDate,
  finishedAt: isoDate,
  host: hostFactsSchema,
  profile: z.enum(bootProfiles).optional().describe("how the stack's instances boot: typical (as most users run them) or tuned (the fewest steps between start and app); absent before profiles existed = typical"),
  instances: z.array(instanceResultSchema).min(1).describe("one entry per deployed app instance"),
  memory: stackMemorySchema.describe("the stack's memory together, cross-checked against the host"),
  disk: stackDiskSchema.describe("the stack's disk together, cross-checked against the engine's storage folder"),
  probeCost: probeCostSchema.optional(),
  provisioning: provisioningSchema.optional(),
  floors: floorsSchema.optional(),
});

export type CrossCheck = z.infer<typeof crossCheckSchema>;
export type HostFacts = z.infer<typeof hostFactsSchema>;
export type BootPhases = z.infer<typeof bootPhasesSchema>;
export type BootMeasurement = z.infer<typeof bootSchema>;
export type MemoryBreakdown = z.infer<typeof memorySchema>["breakdown"];
export type MemoryMeasurement = z.infer<typeof memorySchema>;
export type DiskMeasurement = z.infer<typeof diskSchema>;
export type Confinement = z.infer<typeof confinementSchema>;
export type Isolation = z.infer<typeof isolationSchema>;
export type InstanceResult = z.infer<typeof instanceResultSchema>;
export type StackMemory = z.infer<typeof stackMemorySchema>;
export type StackDisk = z.infer<typeof stackDiskSchema>;
export type ProbeCost = z.infer<typeof probeCostSchema>;
export type Provisioning = z.infer<typeof provisioningSchema>;
export type BootFloor = z.infer<typeof bootFloorSchema>;
export type BootFloors = z.infer<typeof floorsSchema>;
export type VmFloor = z.infer<typeof vmFloorSchema>;
export type MeasurementResults = z.infer<typeof measurementResultsSchema>;

/** A version-1 file: the same layout, with an instance's kind under the name `platform`. */
function upgradedFromVersion1(value: unknown): unknown {
  const results = value as { schemaVersion?: unknown; instances?: unknown };
  if (typeof value !== "object" || value === null || results.schemaVersion !== 1 || !Array.isArray(results.instances)) return value;
  const instances = results.instances.map((instance: unknown) => {
    if (typeof instance !== "object" || instance === null || !("platform" in instance)) return instance;
    const { platform, ...rest } = instance as { platform: unknown };
    return { ...rest, kind: platform };
  });
  return { ...results, schemaVersion, instances };
}

/** A cross-check's verdict must be what its numbers give. */
function agreementProblems(check: CrossCheck | undefined, figure: number, at: string): string[] {
  if (!check) return [];
  const agrees = agreesWithin(figure, check.value, check.toleranceFraction);
  return agrees === check.agrees ? [] : [`${at}.agrees: is ${check.agrees}, but ${check.value} against ${figure} within ${check.toleranceFraction} gives ${agrees}`];
}

/** What the field types cannot say: the run id, which accelerator fits which kind, one phase object per sample, cross-check verdicts. */
function consistencyProblems(results: MeasurementResults): string[] {
  const problems: string[] = [];
  if (results.runId !== runIdFor(results.startedAt)) problems.push(`runId: expected ${runIdFor(results.startedAt)} (startedAt made filesystem-safe)`);
  results.instances.forEach((instance, index) => {
    const at = `instances[${index}]`;
    const expected = instance.kind === "container" ? ["native"] : ["kvm", "tcg"];
    if (!expected.includes(results.host.accelerator)) problems.push(`${at}.kind: a ${instance.kind} cannot run under host.accelerator ${results.host.accelerator} (expected ${expected.join(" or ")})`);
    const { samplesMs, phases, crossCheck } = instance.boot;
    if (phases && phases.length !== samplesMs.length) problems.push(`${at}.boot.phases: expected one object per sample (${samplesMs.length}), got ${phases.length}`);
    const perSample: [string, readonly unknown[] | undefined][] = [
      ["hostLoad1m", instance.boot.hostLoad1m],
      ["otherCpuCores", instance.boot.otherCpuCores],
      ["probeCpuShare", instance.boot.probeCpuShare],
      ["readyResolutionMs", instance.boot.readyResolutionMs],
    ];
    for (const [field, values] of perSample) {
      if (values && values.length !== samplesMs.length) problems.push(`${at}.boot.${field}: expected one value per sample (${samplesMs.length}), got ${values.length}`);
    }
    problems.push(...agreementProblems(crossCheck, summarize(samplesMs).median, `${at}.boot.crossCheck`));
    problems.push(...agreementProblems(instance.memory.crossCheck, instance.memory.hostBytes, `${at}.memory.crossCheck`));
    problems.push(...agreementProblems(instance.disk.crossCheck, instance.disk.allocatedBytes, `${at}.disk.crossCheck`));
  });
  problems.push(...agreementProblems(results.memory.crossCheck, results.memory.totalBytes, "memory.crossCheck"));
  problems.push(...agreementProblems(results.disk.crossCheck, results.disk.totalBytes, "disk.crossCheck"));
  return problems;
}

/** "instances[0].boot.samplesMs" from zod's path. */
function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`), "") || "results";
}

/** The results (upgraded from version 1 where needed), or every problem with the path of its field. */
export function parseResults(value: unknown): { results: MeasurementResults; problems: [] } | { results?: undefined; problems: string[] } {
  const parsed = measurementResultsSchema.safeParse(upgradedFromVersion1(value));
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${pathText(issue.path)}: ${issue.message}`) };
  const problems = consistencyProblems(parsed.data);
  return problems.length > 0 ? { problems } : { results: parsed.data, problems: [] };
}

/** The JSON Schema of a results file (draft 2020-12), for results.schema.json. */
export function resultsJsonSchema(): object {
  return z.toJSONSchema(measurementResultsSchema, { target: "draft-2020-12", io: "output" });
}

if (require.main === module) {
  fs.writeFileSync(path.join(__dirname, "results.schema.json"), `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`);
}
