import { createHash } from "node:crypto";
import * as path from "node:path";

/**
 * Parsers for what `docker … inspect` prints and for the engine's json-file logs, and the arithmetic of image layer
 * sharing. Pure functions of the text; sizes in bytes.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field<T>(record: Record<string, unknown>, key: string, check: (value: unknown) => value is T, what: string): T {
  const value = record[key];
  if (!check(value)) throw new Error(`${what}: field "${key}" is ${JSON.stringify(value)}`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/** A JSON array of objects, as every `docker … inspect` prints. */
function parseInspectArray(text: string, command: string): Record<string, unknown>[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every(isRecord)) throw new Error(`${command}: expected a JSON array of objects`);
  return value;
}

/** What `docker image inspect` says about one image. */
export interface DockerImage {
  /** Content-addressed image id (`sha256:…`). */
  id: string;
  /** Tags naming the image. */
  repoTags: string[];
  /** Uncompressed size of all its layers together. */
  sizeBytes: number;
  /** Layer diff ids, base first: equal ids are equal content. */
  layerDiffIds: string[];
}

/** Parses `docker image inspect IMAGE…`. */
export function parseImageInspect(text: string): DockerImage[] {
  return parseInspectArray(text, "docker image inspect").map((image) => {
    const what = "docker image inspect";
    const rootFs = image.RootFS;
    if (!isRecord(rootFs)) throw new Error(`${what}: no RootFS`);
    return {
      id: field(image, "Id", isString, what),
      repoTags: image.RepoTags === null ? [] : field(image, "RepoTags", isStringArray, what),
      sizeBytes: field(image, "Size", isNumber, what),
      layerDiffIds: field(rootFs, "Layers", isStringArray, what),
    };
  });
}

/** What `docker container inspect [--size]` says about one container. */
export interface DockerContainer {
  /** Full 64-character container id. */
  id: string;
  /** Container name, without Docker's leading slash. */
  name: string;
  /** Id of the image it runs. */
  imageId: string;
  /** running, exited, created, … */
  status: string;
  /** Host pid of its main process; 0 when not running. */
  pid: number;
  /** When the main process last started (RFC 3339, nanoseconds). */
  startedAt: string;
  /** Memory limit in bytes; 0 when unlimited. */
  memoryLimitBytes: number;
  /** Graph driver storing its filesystem (overlay2). */
  storageDriver: string;
  /** Host folder of its writable layer (overlay2's UpperDir); absent on other drivers. */
  upperDir?: string;
  /** Bytes in the writable layer: only with `--size`. */
  sizeRwBytes?: number;
  /** Bytes of the whole filesystem, image plus writable layer: only with `--size`. */
  sizeRootFsBytes?: number;
  /** Whether its root file system is mounted read-only. */
  readOnlyRootFs: boolean;
  /** Security options it was created with (`no-new-privileges:true`, `seccomp=…`); empty when none. */
  securityOpts: string[];
  /** Most tasks its pids cgroup allows; null when unlimited (Docker reports null, 0 or -1). */
  pidsLimit: number | null;
  /** The engine's file of the container's output (json-file logging); undefined for log drivers without one. */
  logPath?: string;
}

/** Parses `docker container inspect [--size] CONTAINER…`. */
export function parseContainerInspect(text: string): DockerContainer[] {
  return parseInspectArray(text, "docker container inspect").map((container) => {
    const what = "docker container inspect";
    const state = container.State;
    const hostConfig = container.HostConfig;
    const graphDriver = container.GraphDriver;
    if (!isRecord(state) || !isRecord(hostConfig) || !isRecord(graphDriver)) throw new Error(`${what}: no State, HostConfig or GraphDriver`);
    const graphData = isRecord(graphDriver.Data) ? graphDriver.Data : {};
    return {
      id: field(container, "Id", isString, what),
      name: field(container, "Name", isString, what).replace(/^\//, ""),
      imageId: field(container, "Image", isString, what),
      status: field(state, "Status", isString, what),
      pid: field(state, "Pid", isNumber, what),
      startedAt: field(state, "StartedAt", isString, what),
      memoryLimitBytes: field(hostConfig, "Memory", isNumber, what),
      storageDriver: field(graphDriver, "Name", isString, what),
      upperDir: isString(graphData.UpperDir) ? graphData.UpperDir : undefined,
      sizeRwBytes: isNumber(container.SizeRw) ? container.SizeRw : undefined,
      sizeRootFsBytes: isNumber(container.SizeRootFs) ? container.SizeRootFs : undefined,
      readOnlyRootFs: field(hostConfig, "ReadonlyRootfs", isBoolean, what),
      securityOpts: hostConfig.SecurityOpt === null ? [] : field(hostConfig, "SecurityOpt", isStringArray, what),
      pidsLimit: isNumber(hostConfig.PidsLimit) && hostConfig.PidsLimit > 0 ? hostConfig.PidsLimit : null,
      logPath: isString(container.LogPath) && container.LogPath !== "" ? container.LogPath : undefined,
    };
  });
}

/** Milliseconds since the epoch of an engine time stamp ("2026-11-25T13:40:02.123456789Z"), its fraction kept below the millisecond. */
export function engineStampMs(stamp: string): number | undefined {
  const parts = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(stamp);
  return parts ? Date.parse(`${parts[1]}Z`) + Number(`0${parts[2] ?? ""}`) * 1000 : undefined;
}

/** One line of a json-file container log: what the app wrote and when the engine read it. */
export interface ContainerLogEntry {
  text: string;
  stampMs: number;
}

/** Parses one line of a json-file log (`{"log":"…\n","stream":"stdout","time":"…"}`); undefined for anything else. */
export function parseJsonLogLine(line: string): ContainerLogEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isString(value.log) || !isString(value.time)) return undefined;
  const stampMs = engineStampMs(value.time);
  return stampMs === undefined ? undefined : { text: value.log, stampMs };
}

/** One image layer and its size. */
export interface LayerSize {
  /** Diff id (`sha256:…`) of the layer's uncompressed content. */
  diffId: string;
  /** Bytes the layer holds. */
  sizeBytes: number;
}

/**
 * Chain ids of an image's layers (base first): a layer's identity together with everything below it, which is how
 * Docker stores layers. chainId(1) = diffId(1); chainId(n) = sha256(chainId(n−1) + " " + diffId(n)).
 */
export function layerChainIds(layerDiffIds: readonly string[]): string[] {
  const chainIds: string[] = [];
  for (const diffId of layerDiffIds) {
    const parent = chainIds[chainIds.length - 1];
    chainIds.push(parent === undefined ? diffId : `sha256:${createHash("sha256").update(`${parent} ${diffId}`).digest("hex")}`);
  }
  return chainIds;
}

/** The file in which Docker records a stored layer's size, a second source for the sizes `docker history` reports. */
export function layerDbSizeFile(chainId: string, dockerRoot = "/var/lib/docker", storageDriver = "overlay2"): string {
  return path.join(dockerRoot, "image", storageDriver, "layerdb", "sha256", chainId.replace(/^sha256:/, ""), "size");
}

/** An image to compare: a name for the report and its layers with sizes, base first. */
export interface ImageLayers {
  /** Name to report the image under (the app, or its tag). */
  name: string;
  /** Its layers with sizes, base first. */
  layers: LayerSize[];
}

/** How much of one image is stored once for several images, and how much is its own. */
export interface ImageShare {
  /** The name given in ImageLayers. */
  name: string;
  /** All its layers: what `docker image inspect` calls Size. */
  totalBytes: number;
  /** Its layers that every compared image has (the common base). */
  sharedWithAllBytes: number;
  /** Its layers that no other compared image has. */
  uniqueBytes: number;
  /** Its layers that some but not all other images have. */
  partlySharedBytes: number;
}

/** Layer sharing among images, compared by chain id (equal content on an equal base is stored once). */
export interface ImageSharing {
  /** Each image's split, in the order given. */
  perImage: ImageShare[];
  /** Bytes of the layers every image has, counted once. */
  sharedWithAllBytes: number;
  /** Bytes the engine stores for all the images together: every distinct layer once. */
  storedBytes: number;
  /** Bytes if every image were a full copy of its own: the sum of their sizes. */
  fullCopyEquivalentBytes: number;
}

/** Computes which layer bytes the images share and which are their own. */
export function imageSharing(images: readonly ImageLayers[]): ImageSharing {
  if (images.length === 0) throw new Error("imageSharing: no images to compare");
  const keyed = images.map((image) => {
    const chainIds = layerChainIds(image.layers.map((layer) => layer.diffId));
    return { name: image.name, layers: image.layers.map((layer, index) => ({ chainId: chainIds[index], sizeBytes: layer.sizeBytes })) };
  });
  const holders = new Map<string, number>();
  const sizes = new Map<string, number>();
  for (const image of keyed) {
    for (const chainId of new Set(image.layers.map((layer) => layer.chainId))) holders.set(chainId, (holders.get(chainId) ?? 0) + 1);
    for (const layer of image.layers) sizes.set(layer.chainId, layer.sizeBytes);
  }
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const perImage = keyed.map((image) => {
    const bytesHeldBy = (test: (count: number) => boolean) => sum(image.layers.filter((layer) => test(holders.get(layer.chainId) ?? 0)).map((layer) => layer.sizeBytes));
    return {
      name: image.name,
      totalBytes: sum(image.layers.map((layer) => layer.sizeBytes)),
      sharedWithAllBytes: bytesHeldBy((count) => count === images.length && images.length > 1),
      uniqueBytes: bytesHeldBy((count) => count === 1),
      partlySharedBytes: bytesHeldBy((count) => count > 1 && count < images.length),
    };
  });
  const sharedWithAll = [...holders].filter(([, count]) => count === images.length && images.length > 1).map(([chainId]) => sizes.get(chainId) ?? 0);
  return {
    perImage,
    sharedWithAllBytes: sum(sharedWithAll),
    storedBytes: sum([...sizes.values()]),
    fullCopyEquivalentBytes: sum(perImage.map((image) => image.totalBytes)),
  };
}
