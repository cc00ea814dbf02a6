import { createHash } from "node:crypto";
import * as path from "node:path";

/**
 * Parsers for what the Docker CLI prints (`docker stats`, `inspect`, `history`, `system df`), and the arithmetic of
 * image layer sharing. Pure functions of the text; sizes in bytes.
 */

const decimalUnits: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };
const binaryUnits: Record<string, number> = { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50 };

/**
 * Parses a size as the Docker CLI prints it: decimal units for disk ("1.982MB", "300kB", "0B") and binary units for
 * memory ("760KiB", "64MiB"). The CLI rounds to 4 significant digits, so the result is exact only below 10 000 units.
 */
export function parseDockerSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/.exec(text);
  const multiplier = match ? decimalUnits[match[2]] ?? binaryUnits[match[2]] : undefined;
  if (!match || multiplier === undefined) throw new Error(`not a Docker size: ${JSON.stringify(text)}`);
  return Math.round(Number(match[1]) * multiplier);
}

/** Splits JSON-lines output (`--format '{{json .}}'`), one object per non-empty line. */
function parseJsonLines(text: string, command: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const value: unknown = JSON.parse(line);
      if (!isRecord(value)) throw new Error(`${command}: a line is not a JSON object: ${line.slice(0, 80)}`);
      return value;
    });
}

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

/** One container's line of `docker stats --no-stream --format '{{json .}}'`. */
export interface DockerStatsEntry {
  /** Short (12-character) container id. */
  containerId: string;
  /** Container name. */
  name: string;
  /** Memory usage as Docker reports it: cgroup usage minus inactive page cache (4 significant digits). */
  memUsageBytes: number;
  /** The container's memory limit, or the host's RAM when it has none. */
  memLimitBytes: number;
  /** Usage as a percentage of the limit. */
  memPercent: number;
  /** CPU use over the sampling interval, in percent of one CPU. */
  cpuPercent: number;
  /** Processes and threads in the container. */
  pids: number;
}

function percent(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!match) throw new Error(`${what}: ${JSON.stringify(text)} is not a percentage`);
  return Number(match[1]);
}

/** Parses `docker stats --no-stream --format '{{json .}}'`. */
export function parseDockerStats(text: string): DockerStatsEntry[] {
  return parseJsonLines(text, "docker stats").map((line) => {
    const what = "docker stats";
    const [usage, limit] = field(line, "MemUsage", isString, what).split(" / ");
    if (limit === undefined) throw new Error(`${what}: MemUsage ${JSON.stringify(line.MemUsage)} is not "USAGE / LIMIT"`);
    return {
      containerId: field(line, "ID", isString, what),
      name: field(line, "Name", isString, what),
      memUsageBytes: parseDockerSize(usage),
      memLimitBytes: parseDockerSize(limit),
      memPercent: percent(field(line, "MemPerc", isString, what), what),
      cpuPercent: percent(field(line, "CPUPerc", isString, what), what),
      pids: Number(field(line, "PIDs", isString, what)),
    };
  });
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
    };
  });
}

/** One line of `docker history --no-trunc --format '{{json .}}' IMAGE`: one build step, newest first. */
export interface ImageHistoryEntry {
  /** Image id of the step, or `<missing>` for steps built elsewhere. */
  id: string;
  /** The instruction that made the step (`/bin/sh -c #(nop)  ENV …` for metadata-only steps). */
  createdBy: string;
  /** Comment: "Imported from -" for `docker import`, "buildkit.dockerfile.v0" for BuildKit builds. */
  comment: string;
  /** Bytes the step's layer adds; 0 for steps that made no layer. */
  sizeBytes: number;
  /** False when the size came human-readable (rounded to 4 digits): run history with `--human=false`. */
  sizeIsExact: boolean;
}

/** Parses `docker history --no-trunc [--human=false] --format '{{json .}}' IMAGE`. */
export function parseImageHistory(text: string): ImageHistoryEntry[] {
  return parseJsonLines(text, "docker history").map((line) => {
    const what = "docker history";
    const size = field(line, "Size", isString, what);
    const sizeIsExact = /^\d+$/.test(size);
    return {
      id: field(line, "ID", isString, what),
      createdBy: field(line, "CreatedBy", isString, what),
      comment: field(line, "Comment", isString, what),
      sizeBytes: sizeIsExact ? Number(size) : parseDockerSize(size),
      sizeIsExact,
    };
  });
}

/** Dockerfile instructions that only change the image's configuration and never add a layer. */
const metadataInstructions = /^(ENV|CMD|ENTRYPOINT|EXPOSE|LABEL|USER|VOLUME|STOPSIGNAL|HEALTHCHECK|SHELL|ARG|ONBUILD|MAINTAINER)\b/;

/**
 * Whether a history step added a layer: always when it has a size; never when it only changed the configuration
 * (classic builder: `/bin/sh -c #(nop)  ENV …`; BuildKit: the bare `ENV …`); undefined for other zero-size steps,
 * which may have added an empty-looking layer (a RUN that only made a folder) or none (a RUN that changed nothing).
 */
function addedLayer(entry: ImageHistoryEntry): boolean | undefined {
  if (entry.sizeBytes > 0) return true;
  const instruction = /#\(nop\)\s+(\S+)/.exec(entry.createdBy)?.[1] ?? entry.createdBy.split(/\s+/)[0];
  return metadataInstructions.test(instruction) ? false : undefined;
}

/** One image layer and its size. */
export interface LayerSize {
  /** Diff id (`sha256:…`) of the layer's uncompressed content. */
  diffId: string;
  /** Bytes the layer holds. */
  sizeBytes: number;
}

/**
 * Pairs an image's layers (from `docker image inspect`, base first) with their sizes from its history (newest first).
 * Zero-size steps of unclear kind all count as layers or all as none, whichever matches the layer count; throws when
 * neither does (then read the sizes from layerDbSizeFile instead) or when the sizes are human-readable and so not exact.
 */
export function layerSizesFromHistory(history: readonly ImageHistoryEntry[], layerDiffIds: readonly string[]): LayerSize[] {
  const oldestFirst = [...history].reverse();
  if (oldestFirst.some((entry) => !entry.sizeIsExact)) throw new Error("image history has rounded sizes: run `docker history` with --human=false");
  const verdicts = oldestFirst.map(addedLayer);
  const certainLayers = verdicts.filter((verdict) => verdict === true).length;
  const undecided = verdicts.filter((verdict) => verdict === undefined).length;
  let undecidedAreLayers: boolean;
  if (certainLayers === layerDiffIds.length) undecidedAreLayers = false;
  else if (certainLayers + undecided === layerDiffIds.length) undecidedAreLayers = true;
  else {
    throw new Error(`image history has ${certainLayers} steps that made layers (${undecided} undecided) but the image has ${layerDiffIds.length} layers`);
  }
  const layerSteps = oldestFirst.filter((_, index) => verdicts[index] ?? undecidedAreLayers);
  return layerDiffIds.map((diffId, index) => ({ diffId, sizeBytes: layerSteps[index].sizeBytes }));
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

/** One image of `docker system df -v`: sharing as the engine sees it, against every image on the host. */
export interface SystemDfImage {
  /** Image id (`sha256:…`). */
  id: string;
  /** Repository part of its tag. */
  repository: string;
  /** Tag part of its tag. */
  tag: string;
  /** Whole image (4 significant digits). */
  sizeBytes: number;
  /** Bytes in layers that any other image on the host also has (4 significant digits). */
  sharedSizeBytes: number;
  /** Bytes in layers no other image has (4 significant digits). */
  uniqueSizeBytes: number;
  /** Containers using the image. */
  containers: number;
}

/** One container of `docker system df -v`. */
export interface SystemDfContainer {
  /** Full container id. */
  id: string;
  /** Container name(s), comma-separated. */
  names: string;
  /** Image reference it was created from. */
  image: string;
  /** Writable layer size (4 significant digits). */
  sizeRwBytes: number;
}

/** Parses `docker system df -v --format '{{json .}}'` (one JSON document). */
export function parseSystemDfVerbose(text: string): { images: SystemDfImage[]; containers: SystemDfContainer[] } {
  const value: unknown = JSON.parse(text);
  const what = "docker system df -v";
  if (!isRecord(value) || !Array.isArray(value.Images) || !Array.isArray(value.Containers)) throw new Error(`${what}: no Images or Containers`);
  const records = (list: unknown[]) => list.filter(isRecord);
  return {
    images: records(value.Images).map((image) => ({
      id: field(image, "ID", isString, what),
      repository: field(image, "Repository", isString, what),
      tag: field(image, "Tag", isString, what),
      sizeBytes: parseDockerSize(field(image, "Size", isString, what)),
      sharedSizeBytes: parseDockerSize(field(image, "SharedSize", isString, what)),
      uniqueSizeBytes: parseDockerSize(field(image, "UniqueSize", isString, what)),
      containers: Number(field(image, "Containers", isString, what)),
    })),
    containers: records(value.Containers).map((container) => ({
      id: field(container, "ID", isString, what),
      names: field(container, "Names", isString, what),
      image: field(container, "Image", isString, what),
      sizeRwBytes: parseDockerSize(field(container, "Size", isString, what)),
    })),
  };
}
