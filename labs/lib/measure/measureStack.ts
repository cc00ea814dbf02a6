import * as os from "node:os";
import { apps, dependenciesOf, type AppName } from "../../../model/catalog/apps";
import type { AppInstance, ExecutionMode } from "../../../model/deployment";
import type { BootProfile } from "../../../model/bootProfile";
import { parseVirshVersion } from "../doctorChecks";
import { sleep } from "zx";
import { assertProbeStaysHome } from "../probeGuard";
import { waitUntilReady } from "../readiness";
import { checked, firstLine } from "../shell";
import { startStoppedInstances } from "../stoppedInstances";
import { timeOneBoot, readyPolling, readyPollingText, type BootControl } from "./bootTiming";
import { containerBootControl, containerImages, containerStartPath, describeContainerStart, containerUpperDirs, dockerRoot, measureContainerConfinement, measureContainerDisk, measureContainerMemory } from "./containerMeasure";
import { hostUsedBytes, parseCpuInfo, parseLoadAverage, parseMeminfo } from "./procParsers";
import { idleRule, summarize } from "./stats";
import { measureEngineFloors } from "./engineFloor";
import { readBuiltImages } from "../images";
import { makeCrossCheck } from "./results";
import { runIdFor, schemaVersion, type Confinement, type DiskMeasurement, type HostFacts, type InstanceResult, type MeasurementResults, type MemoryMeasurement, type BootFloors } from "./resultsSchema";
import { hostBusyCores, waitForQuietHost } from "./sampleCpu";
import { allocatedBytesOf } from "./diskUsage";
import { readProvisioning } from "./provisioning";
import { measureVmFloor } from "./vmFloor";
import { labLayout } from "../../../model/labLayout";
import { libvirtEngineNames } from "../../../model/engineNames";
import { repoRoot } from "../labEnv";
import * as path from "node:path";
import { measureVmConfinement, measureVmDisk, measureVmMemory, vmBootControl, vmStorageDir } from "./vmMeasure";
import { kernelReleaseInside } from "../instanceExec";
import { containerCpu, vmCpu } from "./sampleCpu";
import { localLabHost, type LabHost } from "../labHost";
import { libvirtUriOnLabHost } from "../../../model/sshTarget";

/** A deployed stack as its outputs describe it. */
export interface DeployedStack {
  /** The Pulumi stack's name. */
  stack: string;
  executionMode: ExecutionMode;
  profile: BootProfile;
  /** Prefix of the stack's engine names (model/engineNames.ts). */
  namePrefix: string;
  instances: AppInstance[];
  libvirtUri?: string;
  dockerHost?: string;
  /** Where the measurement's host-side commands run (labHostAccess's openLabHost); this machine when absent. */
  labHost?: LabHost;
}

function labHostOf(deployed: DeployedStack): LabHost {
  return deployed.labHost ?? localLabHost();
}

/** The stack's libvirt URI as the lab host's own virsh reaches the daemon (qemu+ssh://…/system → qemu:///system). */
function uriOnLabHost(deployed: DeployedStack): string {
  return libvirtUriOnLabHost(deployed.libvirtUri ?? "qemu:///system");
}

/** How long an instance's first sample waits at most for the host to quieten after its neighbours were started or stopped. */
const quietHostMaxWaitMs = 10_000;

export interface MeasureOptions {
  samples: number;
  log: (line: string) => void;
  /** Host storage bytes recorded right before the stack was deployed (see stackLifecycle's baseline). */
  storageBeforeBytes?: number;
  /** Leave the instances stopped at the end (the lab tears the stack down next) instead of starting them again. */
  leaveStopped?: boolean;
}


/** The facts of the lab host the instances run on (this machine unless `labHost` is reached over ssh). */
export async function hostFacts(accelerator: ExecutionMode, labHost: LabHost = localLabHost()): Promise<HostFacts> {
  const cpu = parseCpuInfo(await labHost.readFile("/proc/cpuinfo"));
  const load = parseLoadAverage(await labHost.readFile("/proc/loadavg"));
  const busyCores = await hostBusyCores(idleRule.run.windowMs, labHost);
  const probe = (argv: string[]) => labHost.run(argv, { nothrow: true, timeoutMs: 30_000 });
  const virshVersion = await probe(["virsh", "version"]);
  const qemu = firstLine(await probe(["qemu-system-x86_64", "--version"]));
  return {
    accelerator,
    cpuModel: cpu.modelName,
    cores: cpu.logicalCpus,
    memTotalBytes: parseMeminfo(await labHost.readFile("/proc/meminfo")).memTotalBytes,
    kernel: labHost.ssh === undefined ? os.release() : (await checked(labHost.run(["uname", "-r"]))).stdout.trim(),
    dockerVersion: firstLine(await probe(["docker", "version", "--format", "{{.Server.Version}}"])) ?? null,
    libvirtVersion: virshVersion.ok ? parseVirshVersion(virshVersion.stdout).libvirt ?? null : null,
    qemuVersion: qemu?.replace(/^QEMU emulator version /, "") ?? null,
    idle: {
      loadAverage1m: load.load1m,
      busyCores,
      judgedIdle: busyCores < idleRule.run.maxBusyCores,
      rule: idleRule.run.description,
    },
  };
}

/** Host memory in use, averaged over a few readings a moment apart to smooth out the noise of other processes. */
async function averagedHostUsedBytes(labHost: LabHost): Promise<number> {
  const readings: number[] = [];
  for (let reading = 0; reading < 5; reading += 1) {
    readings.push(hostUsedBytes(parseMeminfo(await labHost.readFile("/proc/meminfo"))));
    await sleep(400);
  }
  return Math.round(readings.reduce((sum, value) => sum + value, 0) / readings.length);
}

export function bootControlOf(deployed: DeployedStack, instance: AppInstance): BootControl {
  const labHost = labHostOf(deployed);
  return instance.kind === "container"
    ? { ...containerBootControl(instance, labHost, containerStartPath(deployed.profile, deployed.dockerHost, labHost)), cpu: containerCpu(instance, labHost) }
    : { ...vmBootControl(instance, uriOnLabHost(deployed), deployed.profile, labHost), cpu: vmCpu(instance, labHost) };
}

/**
 * Containers take this many times the requested boot samples. Each costs well under a second, and the spread of five
 * is itself uncertain by about a third (the engine's own start path varies by 5–10 % from one start to the next), so a
 * coefficient of variation from five container samples says little.
 */
export const containerSampleFactor = 3;

/** The boot samples an instance of `kind` takes when `requested` are asked for. */
export function bootSampleCount(kind: AppInstance["kind"], requested: number): number {
  return kind === "container" ? requested * containerSampleFactor : requested;
}

/** Boot samples take VMs under TCG tens of seconds each; containers well under a second. */
export function bootTimeoutMs(executionMode: ExecutionMode): number {
  return executionMode === "tcg" ? 300_000 : 60_000;
}

interface BootSamples {
  samplesMs: number[];
  phases: NonNullable<InstanceResult["boot"]["phases"]>;
  hostLoad1m: number[];
  /** One per sample; undefined where the instance's own CPU could not be read. */
  otherCpuCores: (number | undefined)[];
  probeCpuShare: number[];
  readyResolutionMs: number[];
  stoppedWhileSampled: AppName[];
  warmUpMs: number;
}

/** Every sample's figure, or none when one sample lacks it: a partial list would not line up with the samples. */
function everySample(values: readonly (number | undefined)[]): number[] | undefined {
  return values.every((value) => value !== undefined) ? (values as number[]) : undefined;
}

/**
 * Which of the stack's other apps to stop before `sampled` is sampled (those it does not need, so that idle guests do
 * not share its cores) and which to start again (those it needs that an earlier instance's sampling stopped).
 */
export function neighbourChanges(stackApps: readonly AppName[], sampled: AppName, stopped: ReadonlySet<AppName>): { start: AppName[]; stop: AppName[] } {
  const needed = new Set(dependenciesOf(sampled));
  const others = stackApps.filter((app) => app !== sampled);
  return { start: others.filter((app) => needed.has(app) && stopped.has(app)), stop: others.filter((app) => !needed.has(app) && !stopped.has(app)) };
}

/** Applies neighbourChanges; `stopped` carries what is stopped from one instance to the next. Returns what stays stopped. */
async function quietNeighbours(deployed: DeployedStack, sampled: AppInstance, stopped: Set<AppName>): Promise<AppName[]> {
  // Its own samples start it, whatever an earlier instance's sampling did to it.
  stopped.delete(sampled.app);
  const changes = neighbourChanges(deployed.instances.map((instance) => instance.app), sampled.app, stopped);
  for (const other of deployed.instances) {
    if (changes.start.includes(other.app)) {
      await bootControlOf(deployed, other).start();
      await waitReady(deployed, other);
      stopped.delete(other.app);
    } else if (changes.stop.includes(other.app)) {
      await bootControlOf(deployed, other).stop();
      stopped.add(other.app);
    }
  }
  return deployed.instances.map((instance) => instance.app).filter((app) => stopped.has(app));
}

async function waitReady(deployed: DeployedStack, instance: AppInstance): Promise<void> {
  const labHost = labHostOf(deployed);
  await assertProbeStaysHome(instance.endpoint, labHost);
  const ready = await waitUntilReady(apps[instance.app].ready, await labHost.reach(instance.endpoint), { timeoutMs: bootTimeoutMs(deployed.executionMode), ...readyPolling });
  if (ready === undefined) throw new Error(`${instance.name} did not become ready again`);
}

async function waitAllReady(deployed: DeployedStack): Promise<void> {
  for (const instance of deployed.instances) await waitReady(deployed, instance);
}

/** Every measurement of one deployed stack: boot samples, memory at rest, disk; one results object. */
export async function measureStack(deployed: DeployedStack, options: MeasureOptions): Promise<MeasurementResults> {
  const startedAt = new Date();
  const cpuAtStart = process.cpuUsage();
  const { log } = options;
  const labHost = labHostOf(deployed);
  const uri = uriOnLabHost(deployed);
  const host = await hostFacts(deployed.executionMode, labHost);
  log(`lab host: ${labHost.description}${labHost.ssh ? " (over ssh)" : ""}`);
  log(`host: ${host.cpuModel}, ${host.cores} cores, ${host.idle.busyCores?.toFixed(2)} core busy, load ${host.idle.loadAverage1m} (${host.idle.judgedIdle ? "idle" : "BUSY"}), accelerator ${host.accelerator}`);

  // Measured first, while every instance runs at rest after its ready check: the boot samples and floors after it
  // end with the instances stopped, which the memory baseline needs, so nothing is started twice.
  const started = await startStoppedInstances(deployed.instances, labHost, deployed.libvirtUri);
  if (started.length > 0) log(`started ${started.map((instance) => instance.name).join(", ")}: deployed but stopped (an earlier measurement ended before it started them again)`);
  log("memory, disk, kernel and confinement: every instance running, at rest after ready");
  await waitAllReady(deployed);
  await sleep("5s");
  const hostUsedAfterBytes = await averagedHostUsedBytes(labHost);
  const memory = new Map<string, MemoryMeasurement>();
  for (const instance of deployed.instances) {
    memory.set(instance.name, instance.kind === "container" ? await measureContainerMemory(instance, labHost) : await measureVmMemory(instance, uri, labHost));
  }

  log("disk: image layers, overlays and writable layers");
  const disks = new Map<string, DiskMeasurement>();
  const images = deployed.executionMode === "native" ? await containerImages(deployed.instances, labHost) : undefined;
  for (const instance of deployed.instances) {
    disks.set(instance.name, images ? await measureContainerDisk(instance, images, labHost) : await measureVmDisk(instance, uri, labHost));
  }

  const kernels = new Map<string, string | undefined>();
  for (const instance of deployed.instances) {
    kernels.set(instance.name, await kernelReleaseInside(deployed, instance));
  }

  const confinements = new Map<string, Confinement>();
  for (const instance of deployed.instances) {
    confinements.set(instance.name, instance.kind === "container" ? await measureContainerConfinement(instance, deployed, labHost) : await measureVmConfinement(instance, deployed, labHost));
  }

  const bootResults = new Map<string, BootSamples>();
  const stopped = new Set<AppName>();
  for (const instance of deployed.instances) {
    const stoppedWhileSampled = await quietNeighbours(deployed, instance, stopped);
    if (stoppedWhileSampled.length > 0) log(`boot ${instance.app}: ${stoppedWhileSampled.join(", ")} stopped while it is sampled (it does not need them)`);
    const control = bootControlOf(deployed, instance);
    const warmUp = await timeOneBoot(instance, control, bootTimeoutMs(deployed.executionMode), labHost);
    log(`boot ${instance.app} (${instance.kind}) warm-up: ${warmUp.bootToReadyMs.toFixed(1)} ms (not counted)`);
    const quiet = await waitForQuietHost(idleRule.maxOtherCpuCores, quietHostMaxWaitMs, labHost);
    if (quiet.waitedMs > 1500) log(`boot ${instance.app}: waited ${(quiet.waitedMs / 1000).toFixed(0)} s for the host to quieten (${quiet.busyCores.toFixed(2)} core busy)`);
    const samples: BootSamples = { samplesMs: [], phases: [], hostLoad1m: [], otherCpuCores: [], probeCpuShare: [], readyResolutionMs: [], stoppedWhileSampled, warmUpMs: warmUp.bootToReadyMs };
    const sampleCount = bootSampleCount(instance.kind, options.samples);
    for (let sample = 1; sample <= sampleCount; sample += 1) {
      const load1m = parseLoadAverage(await labHost.readFile("/proc/loadavg")).load1m;
      const result = await timeOneBoot(instance, control, bootTimeoutMs(deployed.executionMode), labHost);
      samples.hostLoad1m.push(load1m);
      samples.otherCpuCores.push(result.otherCpuCores);
      samples.probeCpuShare.push(result.probeCpuShare);
      samples.readyResolutionMs.push(result.readyResolutionMs);
      samples.samplesMs.push(result.bootToReadyMs);
      samples.phases.push(result.phases);
      const others = result.otherCpuCores === undefined ? "not read" : `${result.otherCpuCores.toFixed(2)} core`;
      log(`boot ${instance.app} (${instance.kind}) sample ${sample}/${sampleCount}: ${result.bootToReadyMs.toFixed(1)} ms (seen at most ${result.readyResolutionMs.toFixed(1)} ms late, load ${load1m.toFixed(2)}, other processes ${others}, probe ${(result.probeCpuShare * 100).toFixed(1)} % of a core)`);
    }
    if (samples.otherCpuCores.includes(undefined)) log(`boot ${instance.app}: its own CPU could not be read in every sample, so other processes' CPU is not recorded`);
    bootResults.set(instance.name, samples);
  }

  log("stopping every instance: the floors and the memory baseline are taken without them");
  for (const instance of [...deployed.instances].reverse()) await bootControlOf(deployed, instance).stop();
  const floors = await measureFloors(deployed, options);

  log("memory: host baseline with every instance stopped");
  await sleep("2s");
  const hostUsedBeforeBytes = await averagedHostUsedBytes(labHost);
  if (options.leaveStopped) {
    log("every instance stays stopped");
  } else {
    log("starting every instance again");
    for (const instance of deployed.instances) await bootControlOf(deployed, instance).start();
    await waitAllReady(deployed);
  }

  const instances: InstanceResult[] = deployed.instances.map((instance) => {
    const boot = bootResults.get(instance.name);
    const instanceMemory = memory.get(instance.name);
    const disk = disks.get(instance.name);
    if (!boot || !instanceMemory || !disk) throw new Error(`missing figures for ${instance.name}`);
    return {
      app: instance.app,
      kind: instance.kind,
      name: instance.name,
      instanceId: instance.instanceId,
      boot: {
        samplesMs: boot.samplesMs,
        method: `${instance.kind === "vm" ? "virsh start after a power-off (virsh destroy)" : describeContainerStart(containerStartPath(deployed.profile, deployed.dockerHost, labHostOf(deployed)))}, until the catalog ready check (${describeReadyCheck(instance)}) passed, polled ${readyPollingText}; the first sample once the host's processes used under ${idleRule.maxOtherCpuCores} core over 1 s (waiting at most ${quietHostMaxWaitMs / 1000} s), after one warm-up boot that is not counted${instance.kind === "container" ? `; ${containerSampleFactor} times the requested samples, as for every container: the engine's start varies by 5–10 % from one start to the next, and the spread of a few samples would say little` : ""}`,
        phases: boot.phases,
        hostLoad1m: boot.hostLoad1m,
        otherCpuCores: everySample(boot.otherCpuCores),
        probeCpuShare: boot.probeCpuShare,
        readyResolutionMs: boot.readyResolutionMs,
        stoppedWhileSampled: boot.stoppedWhileSampled,
        warmUpMs: boot.warmUpMs,
      },
      memory: instanceMemory,
      disk,
      kernelRelease: kernels.get(instance.name),
      confinement: confinements.get(instance.name),
    };
  });

  const memoryTotal = instances.reduce((sum, instance) => sum + instance.memory.hostBytes, 0);
  const sharedBytes = Math.max(0, ...instances.map((instance) => instance.disk.sharedBytes));
  const diskTotal = sharedBytes + instances.reduce((sum, instance) => sum + instance.disk.allocatedBytes, 0);
  const storageDir = images ? dockerRoot : await vmStorageDir(deployed.instances[0], uri, labHost);
  const storageAfterBytes = await allocatedBytesOf([storageDir], labHost);
  const storageBeforeBytes = images ? options.storageBeforeBytes ?? storageAfterBytes : 0;
  const diskCrossCheck = images
    ? {
        method: "du -B1 of the overlay2 folders of every layer of the stack's images (each once) and of the containers' upper dirs",
        value: await allocatedBytesOf([...new Set([...images.layers.values()].flat().map((layer) => layer.diffDir)), ...(await containerUpperDirs(deployed.instances, labHost))], labHost),
        note: "layer sizes count file bytes, du counts allocated blocks; the Redis volume is outside both",
      }
    : {
        method: "du -B1 of the stack's storage pool folder (it did not exist before the stack: before = 0)",
        value: storageAfterBytes,
        note: "the pool also holds the seed disks and, with full copies, the base volume the copies were made from",
      };
  const cpu = process.cpuUsage(cpuAtStart);
  log(`lab host: ${labHost.commandsRun} host commands and file reads ran on ${labHost.description}${labHost.ssh ? " over ssh" : ""}`);

  return {
    schemaVersion,
    runId: runIdFor(startedAt),
    stack: deployed.stack,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    host,
    profile: deployed.profile,
    instances,
    memory: {
      totalBytes: memoryTotal,
      method: "sum of the instances' host memory",
      hostUsedBeforeBytes,
      hostUsedAfterBytes,
      crossCheck: makeCrossCheck(memoryTotal, {
        method: "host used memory (MemTotal − MemAvailable) with every instance running minus with every instance stopped, 5 readings each",
        value: Math.max(0, hostUsedAfterBytes - hostUsedBeforeBytes),
        toleranceFraction: 0.15,
        note: "the host-wide figure also moves with everything else on the host; page cache counts as available",
      }),
    },
    disk: {
      totalBytes: diskTotal,
      method: "shared image bytes once + every instance's own allocated bytes",
      sharedBytes,
      storageDir,
      storageBeforeBytes,
      storageAfterBytes,
      crossCheck: makeCrossCheck(diskTotal, { ...diskCrossCheck, toleranceFraction: 0.15 }),
    },
    provisioning: readProvisioning(deployed.stack),
    floors,
    probeCost: {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssBytes: process.memoryUsage().rss,
      note: "the measuring process itself (Node.js); the ready-check polling is its main CPU cost during boot samples",
    },
  };
}

/** The floors of the stack's platform, with the stack's instances stopped. */
async function measureFloors(deployed: DeployedStack, options: MeasureOptions): Promise<BootFloors> {
  const { log, samples } = options;
  if (deployed.executionMode === "native") {
    log(`floors: ${samples} runs of a no-op container of the base image, through the CLI${labHostOf(deployed).ssh ? " on the lab host" : " and the Engine API"}`);
    const engine = await measureEngineFloors(deployed.dockerHost ?? "unix:///var/run/docker.sock", readBuiltImages().docker.base.tag, samples, labHostOf(deployed));
    log(`floors: engine via CLI ${summarize(engine.cli.samplesMs).median.toFixed(0)} ms${engine.api ? `, via API ${summarize(engine.api.samplesMs).median.toFixed(0)} ms` : ""} (median)`);
    return { engineCli: engine.cli, engineApi: engine.api };
  }
  log(`floors: ${samples} boots of the lab's kernel to a one-line init under the stack's domain settings`);
  const vmKernel = await measureVmFloor({
    uri: uriOnLabHost(deployed),
    stackDomain: deployed.instances[0].name,
    floorDomain: libvirtEngineNames(deployed.namePrefix).floorDomain,
    workDir: path.join(labLayout(repoRoot).cache, "vm-floor"),
    timeoutMs: bootTimeoutMs(deployed.executionMode),
  }, samples, labHostOf(deployed));
  log(`floors: VM kernel to init ${summarize(vmKernel.samplesMs).median.toFixed(0)} ms (median; guest clock ${vmKernel.guestUptimeMs.length > 0 ? `${summarize(vmKernel.guestUptimeMs).median.toFixed(0)} ms` : "not printed"})`);
  return { vmKernel };
}

function describeReadyCheck(instance: AppInstance): string {
  const check = apps[instance.app].ready;
  return check.kind === "http" ? `HTTP GET ${check.path} → ${check.expectStatus}` : "Redis PING → PONG";
}
