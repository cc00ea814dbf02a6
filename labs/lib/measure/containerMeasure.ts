import * as path from "node:path";
import type { BootProfile } from "../../../model/bootProfile";
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { checked } from "../shell";
import { localLabHost, type LabHost } from "../labHost";
import type { BootControl } from "./bootTiming";
import { engineRequest, engineSocket } from "./engineFloor";
import { allocatedBytesOf } from "./diskUsage";
import { watchLogForLine, type LogLineWatch } from "./containerLogWatch";
import { containerMemoryCgroupCandidates, locateContainerMemoryCgroup, readCgroupMemory, type CgroupMemory } from "./cgroupParsers";
import { containerConfinement } from "./confinement";
import type { InstanceEngines } from "../instanceExec";
import { measureIsolation } from "./isolationProbe";
import { engineStampMs, layerChainIds, layerDbSizeFile, parseContainerInspect, parseImageInspect, imageSharing, type ImageSharing } from "./dockerParsers";
import { findContainerdShim, parseProcStatus, parsePsTable, parseSmapsRollup } from "./procParsers";
import { makeCrossCheck } from "./results";
import type { BootPhases, Confinement, DiskMeasurement, MemoryMeasurement } from "./resultsSchema";

export const dockerRoot = "/var/lib/docker";
const crossCheckTolerance = 0.15;

async function inspectContainer(host: LabHost, name: string, withSize = false) {
  const size = withSize ? ["--size"] : [];
  return parseContainerInspect((await checked(host.run(["docker", "container", "inspect", ...size, name]))).stdout)[0];
}

/** The first line of `docker logs --timestamps` ("2026-11-25T13:40:01.123456789Z message") stamped at or after sinceMs. */
export function firstLogTimestampMs(logs: string, sinceMs: number): number | undefined {
  for (const line of logs.split("\n")) {
    const stampMs = engineStampMs(line.split(" ", 1)[0]);
    if (stampMs !== undefined && stampMs >= sinceMs) return stampMs;
  }
  return undefined;
}

/**
 * How a boot sample asks the engine to start a container: the CLI, as a user types it (typical), or a request on the
 * Engine API's unix socket, as an orchestrator sends it (tuned, where the engine is local): no CLI process per sample.
 */
export type ContainerStartPath = { through: "cli" } | { through: "api"; socketPath: string };

export function containerStartPath(profile: BootProfile, dockerHost: string | undefined, host: LabHost): ContainerStartPath {
  const socketPath = engineSocket(dockerHost ?? "unix:///var/run/docker.sock");
  return profile === "tuned" && socketPath !== undefined && host.ssh === undefined ? { through: "api", socketPath } : { through: "cli" };
}

export function describeContainerStart(start: ContainerStartPath): string {
  return start.through === "api" ? `POST /containers/NAME/start on the Engine API socket ${start.socketPath} after docker stop` : "docker start after docker stop";
}

async function startThroughApi(socketPath: string, name: string): Promise<void> {
  const answer = await engineRequest(socketPath, "POST", `/containers/${encodeURIComponent(name)}/start`);
  if (answer.status !== 204) throw new Error(`Engine API start of ${name} answered ${answer.status}: ${answer.body.trim()}`);
}

/**
 * Watches the container's log for its app's ready line, where the app prints one and the engine's log file can be
 * read here (json-file logging, the lab's own host); undefined where not.
 */
async function readyLineWatch(instance: AppInstance, host: LabHost, logPath: () => Promise<string | undefined>): Promise<LogLineWatch | undefined> {
  const readyLine = apps[instance.app].readyLogLine;
  if (readyLine === undefined || host.ssh !== undefined) return undefined;
  const file = await logPath();
  if (file === undefined) return undefined;
  try {
    return watchLogForLine(file, readyLine);
  } catch {
    // Unreadable for this user: polling alone times the sample.
    return undefined;
  }
}

export function containerBootControl(instance: AppInstance, host: LabHost = localLabHost(), startPath: ContainerStartPath = { through: "cli" }): BootControl {
  let logPath: Promise<string | undefined> | undefined;
  return {
    stop: async () => {
      await checked(host.run(["docker", "stop", "--time", "10", instance.name]));
    },
    start: async () => {
      if (startPath.through === "api") await startThroughApi(startPath.socketPath, instance.name);
      else await checked(host.run(["docker", "start", instance.name]));
    },
    observe: async () => {
      const readyLine = await readyLineWatch(instance, host, () => (logPath ??= inspectContainer(host, instance.name).then((container) => container.logPath)));
      return {
        readySoon: readyLine?.seen,
        close: () => readyLine?.close(),
        phases: async (_startedAtPerf, startedAtWallMs): Promise<BootPhases> => {
          const since = new Date(startedAtWallMs - 1_000).toISOString();
          const logs = await host.run(["docker", "logs", "--timestamps", "--since", since, instance.name], { nothrow: true });
          const firstLine = logs.ok ? firstLogTimestampMs(logs.stdout, startedAtWallMs) : undefined;
          // The moment the runtime started the container's main process: the app itself.
          const startedAt = engineStampMs((await checked(host.run(["docker", "inspect", "--format", "{{.State.StartedAt}}", instance.name]))).stdout.trim());
          return {
            ...(firstLine === undefined ? {} : { firstLogLineMs: firstLine - startedAtWallMs }),
            ...(startedAt === undefined ? {} : { appExecMs: Math.max(0, startedAt - startedAtWallMs) }),
          };
        },
      };
    },
  };
}

/** PSS of a set of processes, with its anonymous and file-backed parts (kernels before 5.8: anonymous pages in full, no file part). */
interface ProportionalSet {
  pssBytes: number;
  pssAnonBytes: number;
  pssFileBytes: number;
}

async function proportionalSetOf(host: LabHost, pids: readonly number[]): Promise<ProportionalSet> {
  const total: ProportionalSet = { pssBytes: 0, pssAnonBytes: 0, pssFileBytes: 0 };
  for (const pid of pids) {
    try {
      const smaps = parseSmapsRollup(await host.readFile(`/proc/${pid}/smaps_rollup`));
      total.pssBytes += smaps.pssBytes;
      total.pssAnonBytes += smaps.pssAnonBytes ?? smaps.anonymousBytes;
      total.pssFileBytes += smaps.pssFileBytes ?? 0;
    } catch {
      // A process that exited between listing and reading holds no memory any more.
    }
  }
  return total;
}

/**
 * Host memory of a container at rest, accounted as a VM's is (PSS: shared pages split among the processes mapping
 * them): PSS of every process in its cgroup plus its containerd shim's, which exists only for it. Cross-checked by
 * the kernel's view: the memory cgroup's working set (page cache that would be reclaimed first left out) plus the
 * shim's PSS.
 */
export async function measureContainerMemory(instance: AppInstance, host: LabHost = localLabHost()): Promise<MemoryMeasurement> {
  const container = await inspectContainer(host, instance.name);
  const { location: cgroup, memory: usage } = await containerMemoryCgroup(host, container.id);
  const processes = parsePsTable((await checked(host.run(["ps", "-eo", "pid,ppid,comm,args"]))).stdout);
  const shim = findContainerdShim(processes, container.id);
  const shimPssBytes = shim ? (await proportionalSetOf(host, [shim.pid])).pssBytes : 0;
  const cgroupPids = (await host.readFile(path.join(cgroup.dir, "cgroup.procs")))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(Number);
  const app = await proportionalSetOf(host, cgroupPids);
  const hostBytes = app.pssBytes + shimPssBytes;
  return {
    hostBytes,
    method: "PSS of the container's processes + its containerd shim's PSS (/proc/PID/smaps_rollup), at rest after ready",
    crossCheck: makeCrossCheck(hostBytes, {
      method: `${usage.source} memory cgroup working set (usage − inactive file) + shim PSS`,
      value: usage.workingSetBytes + shimPssBytes,
      toleranceFraction: crossCheckTolerance,
      note: "the cgroup also charges kernel memory (slab, page tables, sockets) and unmapped page cache, which no process's PSS contains, and charges shared libraries in full to whichever cgroup touched them first",
    }),
    breakdown: {
      configuredBytes: instance.memoryLimitBytes,
      pssBytes: app.pssBytes,
      anonBytes: app.pssAnonBytes,
      fileCacheBytes: app.pssFileBytes,
      shimPssBytes,
    },
  };
}

/** A container's memory cgroup and its figures, read on the lab host (every layout's files asked for once). */
async function containerMemoryCgroup(host: LabHost, containerId: string): Promise<{ location: ReturnType<typeof locateContainerMemoryCgroup>; memory: CgroupMemory }> {
  const files = containerMemoryCgroupCandidates(containerId).flatMap((candidate) => ["memory.stat", "memory.usage_in_bytes", "memory.current"].map((name) => path.join(candidate.dir, name)));
  const texts = new Map<string, string>();
  for (const file of files) if (await host.fileExists(file)) texts.set(file, "");
  const location = locateContainerMemoryCgroup(containerId, (file) => texts.has(file));
  for (const file of texts.keys()) if (path.dirname(file) === location.dir) texts.set(file, await host.readFile(file));
  return { location, memory: readCgroupMemory(location, (file) => texts.get(file) ?? "") };
}

interface LayerOnDisk {
  diffId: string;
  chainId: string;
  sizeBytes: number;
  diffDir: string;
}

async function layersOnDisk(host: LabHost, diffIds: string[]): Promise<LayerOnDisk[]> {
  const layers: LayerOnDisk[] = [];
  for (const [index, chainId] of layerChainIds(diffIds).entries()) {
    const sizeFile = layerDbSizeFile(chainId, dockerRoot);
    const cacheId = (await host.readFile(path.join(path.dirname(sizeFile), "cache-id"))).trim();
    layers.push({ diffId: diffIds[index], chainId, sizeBytes: Number((await host.readFile(sizeFile)).trim()), diffDir: path.join(dockerRoot, "overlay2", cacheId, "diff") });
  }
  return layers;
}

export interface ContainerImages {
  sharing: ImageSharing;
  /** Diff folders of each image's layers, by image name (the app). */
  layers: Map<string, LayerOnDisk[]>;
}

/** How the stack's images share layers, from the engine's own layer records. */
export async function containerImages(instances: AppInstance[], host: LabHost = localLabHost()): Promise<ContainerImages> {
  const layers = new Map<string, LayerOnDisk[]>();
  for (const instance of instances) {
    const container = await inspectContainer(host, instance.name);
    const image = parseImageInspect((await checked(host.run(["docker", "image", "inspect", container.imageId]))).stdout)[0];
    layers.set(instance.app, await layersOnDisk(host, image.layerDiffIds));
  }
  const sharing = imageSharing(
    [...layers].map(([name, imageLayers]) => ({
      name,
      layers: imageLayers.map((layer) => ({ diffId: layer.diffId, sizeBytes: layer.sizeBytes })),
    })),
  );
  return { sharing, layers };
}

/**
 * A container's own disk: its image's unique layers plus its writable layer (the shared base is stored once for
 * the stack). Cross-checked with du of the same folders under the engine's overlay2 storage.
 */
export async function measureContainerDisk(instance: AppInstance, images: ContainerImages, host: LabHost = localLabHost()): Promise<DiskMeasurement> {
  const container = await inspectContainer(host, instance.name, true);
  const share = images.sharing.perImage.find((image) => image.name === instance.app);
  const imageLayers = images.layers.get(instance.app);
  if (!share || !imageLayers) throw new Error(`no image figures for ${instance.app}`);
  const writableBytes = container.sizeRwBytes ?? 0;
  const ownBytes = share.uniqueBytes + share.partlySharedBytes;
  const allocatedBytes = ownBytes + writableBytes;
  const sharedChainIds = new Set(
    [...images.layers.values()].reduce<string[]>((common, layers, index) => {
      const ids = layers.map((layer) => layer.chainId);
      return index === 0 ? ids : common.filter((id) => ids.includes(id));
    }, []),
  );
  const ownDirs = imageLayers.filter((layer) => !sharedChainIds.has(layer.chainId)).map((layer) => layer.diffDir);
  const duBytes = await allocatedBytesOf([...ownDirs, ...(container.upperDir ? [container.upperDir] : [])], host);
  return {
    allocatedBytes,
    method: "engine layer sizes (layerdb) of the image's layers not shared by all three app images + writable layer (SizeRw)",
    crossCheck: makeCrossCheck(allocatedBytes, {
      method: "du -B1 of the same layers' overlay2 diff folders and the container's upper dir",
      value: duBytes,
      toleranceFraction: crossCheckTolerance,
      note: "layer sizes count file bytes; du counts allocated blocks, so many small files make du larger",
    }),
    imageBytes: share.totalBytes,
    sharedBytes: share.sharedWithAllBytes,
    uniqueBytes: ownBytes,
    writableBytes,
    fullCopyEquivalentBytes: share.totalBytes + writableBytes,
  };
}

/** The writable-layer folders of the given containers. */
export async function containerUpperDirs(instances: AppInstance[], host: LabHost = localLabHost()): Promise<string[]> {
  const dirs: string[] = [];
  for (const instance of instances) {
    const upperDir = (await inspectContainer(host, instance.name)).upperDir;
    if (upperDir) dirs.push(upperDir);
  }
  return dirs;
}

/**
 * Who a running container's main process is on the host and what confines it, its user named by the container's own
 * passwd file; and what separates its root from the host's.
 */
export async function measureContainerConfinement(instance: AppInstance, engines: InstanceEngines, host: LabHost = localLabHost()): Promise<Confinement> {
  const container = await inspectContainer(host, instance.name);
  if (container.pid === 0) throw new Error(`${instance.name} is not running: no main process to read its confinement from`);
  const status = parseProcStatus(await host.readFile(`/proc/${container.pid}/status`));
  return {
    ...containerConfinement(container, status, await host.readFile(`/proc/${container.pid}/root/etc/passwd`)),
    isolation: await measureIsolation(engines, instance, container.pid, host),
  };
}
