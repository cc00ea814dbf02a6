import * as fs from "node:fs";
import * as path from "node:path";
import type { AppInstance } from "../../../model/deployment";
import { $ } from "zx";
import { checked } from "../shell";
import type { BootControl } from "./bootTiming";
import { allocatedBytesOf } from "./diskUsage";
import { locateContainerMemoryCgroup, readCgroupMemory } from "./cgroupParsers";
import { containerConfinement } from "./confinement";
import type { InstanceEngines } from "../instanceExec";
import { measureIsolation } from "./isolationProbe";
import { layerChainIds, layerDbSizeFile, parseContainerInspect, parseImageInspect, imageSharing, type ImageSharing } from "./dockerParsers";
import { findContainerdShim, parseProcStatus, parsePsTable, parseSmapsRollup } from "./procParsers";
import { makeCrossCheck } from "./results";
import type { BootPhases, Confinement, DiskMeasurement, MemoryMeasurement } from "./resultsSchema";

export const dockerRoot = "/var/lib/docker";
const crossCheckTolerance = 0.15;

async function inspectContainer(name: string, withSize = false) {
  const size = withSize ? ["--size"] : [];
  return parseContainerInspect((await checked($({ quiet: true })`docker container inspect ${size} ${name}`)).stdout)[0];
}

/** The first line of `docker logs --timestamps` ("2026-11-25T13:40:01.123456789Z message") stamped at or after sinceMs. */
export function firstLogTimestampMs(logs: string, sinceMs: number): number | undefined {
  for (const line of logs.split("\n")) {
    const stamp = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z/.exec(line);
    if (!stamp) continue;
    const stampMs = Date.parse(`${stamp[1]}${(stamp[2] ?? ".0").slice(0, 4)}Z`);
    if (stampMs >= sinceMs) return stampMs;
  }
  return undefined;
}

export function containerBootControl(instance: AppInstance): BootControl {
  return {
    stop: async () => {
      await checked($({ quiet: true })`docker stop --time 10 ${instance.name}`);
    },
    start: async () => {
      await checked($({ quiet: true })`docker start ${instance.name}`);
    },
    observe: async (_startedAtPerf, startedAtWallMs) => ({ phases: async (): Promise<BootPhases> => {
      const since = new Date(startedAtWallMs - 1_000).toISOString();
      const logs = await $({ nothrow: true, quiet: true })`docker logs --timestamps --since ${since} ${instance.name}`;
      const firstLine = logs.ok ? firstLogTimestampMs(logs.stdout, startedAtWallMs) : undefined;
      // The moment the runtime started the container's main process: the app itself.
      const startedAt = Date.parse((await checked($({ quiet: true })`docker inspect --format ${"{{.State.StartedAt}}"} ${instance.name}`)).stdout.trim());
      return {
        ...(firstLine === undefined ? {} : { firstLogLineMs: firstLine - startedAtWallMs }),
        ...(Number.isNaN(startedAt) ? {} : { appExecMs: Math.max(0, startedAt - startedAtWallMs) }),
      };
    } }),
  };
}

/** PSS of a set of processes, with its anonymous and file-backed parts (kernels before 5.8: anonymous pages in full, no file part). */
interface ProportionalSet {
  pssBytes: number;
  pssAnonBytes: number;
  pssFileBytes: number;
}

function proportionalSetOf(pids: readonly number[]): ProportionalSet {
  const total: ProportionalSet = { pssBytes: 0, pssAnonBytes: 0, pssFileBytes: 0 };
  for (const pid of pids) {
    try {
      const smaps = parseSmapsRollup(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
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
export async function measureContainerMemory(instance: AppInstance): Promise<MemoryMeasurement> {
  const container = await inspectContainer(instance.name);
  const cgroup = locateContainerMemoryCgroup(container.id);
  const usage = readCgroupMemory(cgroup);
  const processes = parsePsTable((await checked($({ quiet: true })`ps -eo pid,ppid,comm,args`)).stdout);
  const shim = findContainerdShim(processes, container.id);
  const shimPssBytes = shim ? proportionalSetOf([shim.pid]).pssBytes : 0;
  const cgroupPids = fs
    .readFileSync(path.join(cgroup.dir, "cgroup.procs"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map(Number);
  const app = proportionalSetOf(cgroupPids);
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

interface LayerOnDisk {
  diffId: string;
  chainId: string;
  sizeBytes: number;
  diffDir: string;
}

function layersOnDisk(diffIds: string[]): LayerOnDisk[] {
  return layerChainIds(diffIds).map((chainId, index) => {
    const sizeFile = layerDbSizeFile(chainId, dockerRoot);
    const cacheId = fs.readFileSync(path.join(path.dirname(sizeFile), "cache-id"), "utf8").trim();
    return { diffId: diffIds[index], chainId, sizeBytes: Number(fs.readFileSync(sizeFile, "utf8").trim()), diffDir: path.join(dockerRoot, "overlay2", cacheId, "diff") };
  });
}

export interface ContainerImages {
  sharing: ImageSharing;
  /** Diff folders of each image's layers, by image name (the app). */
  layers: Map<string, LayerOnDisk[]>;
}

/** How the stack's images share layers, from the engine's own layer records. */
export async function containerImages(instances: AppInstance[]): Promise<ContainerImages> {
  const layers = new Map<string, LayerOnDisk[]>();
  for (const instance of instances) {
    const container = await inspectContainer(instance.name);
    const image = parseImageInspect((await checked($({ quiet: true })`docker image inspect ${container.imageId}`)).stdout)[0];
    layers.set(instance.app, layersOnDisk(image.layerDiffIds));
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
export async function measureContainerDisk(instance: AppInstance, images: ContainerImages): Promise<DiskMeasurement> {
  const container = await inspectContainer(instance.name, true);
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
  const duBytes = await allocatedBytesOf([...ownDirs, ...(container.upperDir ? [container.upperDir] : [])]);
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
export async function containerUpperDirs(instances: AppInstance[]): Promise<string[]> {
  const dirs: string[] = [];
  for (const instance of instances) {
    const upperDir = (await inspectContainer(instance.name)).upperDir;
    if (upperDir) dirs.push(upperDir);
  }
  return dirs;
}

/**
 * Who a running container's main process is on the host and what confines it, its user named by the container's own
 * passwd file; and what separates its root from the host's.
 */
export async function measureContainerConfinement(instance: AppInstance, engines: InstanceEngines): Promise<Confinement> {
  const container = await inspectContainer(instance.name);
  if (container.pid === 0) throw new Error(`${instance.name} is not running: no main process to read its confinement from`);
  const status = parseProcStatus(fs.readFileSync(`/proc/${container.pid}/status`, "utf8"));
  return {
    ...containerConfinement(container, status, fs.readFileSync(`/proc/${container.pid}/root/etc/passwd`, "utf8")),
    isolation: await measureIsolation(engines, instance, container.pid),
  };
}
