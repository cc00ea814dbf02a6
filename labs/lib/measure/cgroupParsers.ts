import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Container (and VM) memory as the kernel's memory cgroup accounts it, on either cgroup layout:
 * v1 (one hierarchy per controller, /sys/fs/cgroup/memory/…) or v2 (one unified hierarchy).
 * Parsers are pure; locating and reading take their file access as parameters so tests need no cgroups.
 */

/** Which cgroup layout a figure came from. */
export type CgroupSource = "cgroup-v1" | "cgroup-v2";

/** One normalized memory reading of a cgroup, the same shape whatever the layout. */
export interface CgroupMemory {
  /** The layout the figures were read from. */
  source: CgroupSource;
  /** All memory charged to the cgroup: v1 memory.usage_in_bytes (includes kernel memory) or v2 memory.current. */
  usageBytes: number;
  /** Anonymous memory (heap, stacks, transparent huge pages): v1 total_rss, v2 anon. */
  anonBytes: number;
  /** Page cache charged to the cgroup, shared memory included: v1 total_cache, v2 file. */
  fileCacheBytes: number;
  /** Of the page cache, pages mapped into processes: v1 total_mapped_file, v2 file_mapped. */
  mappedFileBytes: number;
  /** Page cache on the active LRU list. */
  activeFileBytes: number;
  /** Page cache on the inactive LRU list: the first to be reclaimed. */
  inactiveFileBytes: number;
  /** Usage minus inactive page cache: what `docker stats` reports as the container's memory usage. */
  workingSetBytes: number;
  /** Usage neither anonymous nor page cache: mostly kernel memory (slab, stacks, page tables, sockets). */
  otherBytes: number;
}

/** Reads a flat-keyed cgroup file (`key value` per line, memory.stat on both layouts). */
export function parseCgroupKeyValues(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^(\S+) (\d+)$/.exec(line.trim());
    if (match) values.set(match[1], Number(match[2]));
  }
  return values;
}

/** Parses a single-number cgroup file (memory.usage_in_bytes, memory.current). */
export function parseCgroupNumber(text: string, file: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new Error(`${file}: expected a number of bytes, got ${JSON.stringify(text)}`);
  return Number(trimmed);
}

function stat(values: Map<string, number>, keys: readonly string[], file: string): number {
  for (const key of keys) {
    const value = values.get(key);
    if (value !== undefined) return value;
  }
  throw new Error(`${file}: none of ${keys.join(", ")}`);
}

/** Docker's rule: the working set is usage minus inactive file pages, or usage when that would go below zero. */
function workingSet(usageBytes: number, inactiveFileBytes: number): number {
  return inactiveFileBytes < usageBytes ? usageBytes - inactiveFileBytes : usageBytes;
}

/**
 * Normalizes cgroup v1 memory.stat and memory.usage_in_bytes. The hierarchical `total_*` counters (the cgroup and its
 * children) are preferred, the cgroup-local ones used where the kernel prints no totals.
 */
export function normalizeCgroupV1Memory(memoryStatText: string, usageInBytesText: string): CgroupMemory {
  const file = "cgroup v1 memory.stat";
  const values = parseCgroupKeyValues(memoryStatText);
  const usageBytes = parseCgroupNumber(usageInBytesText, "memory.usage_in_bytes");
  const anonBytes = stat(values, ["total_rss", "rss"], file);
  const fileCacheBytes = stat(values, ["total_cache", "cache"], file);
  const inactiveFileBytes = stat(values, ["total_inactive_file", "inactive_file"], file);
  return {
    source: "cgroup-v1",
    usageBytes,
    anonBytes,
    fileCacheBytes,
    mappedFileBytes: stat(values, ["total_mapped_file", "mapped_file"], file),
    activeFileBytes: stat(values, ["total_active_file", "active_file"], file),
    inactiveFileBytes,
    workingSetBytes: workingSet(usageBytes, inactiveFileBytes),
    otherBytes: Math.max(0, usageBytes - anonBytes - fileCacheBytes),
  };
}

/** Normalizes cgroup v2 memory.stat and memory.current (v2 counters are always hierarchical). */
export function normalizeCgroupV2Memory(memoryStatText: string, memoryCurrentText: string): CgroupMemory {
  const file = "cgroup v2 memory.stat";
  const values = parseCgroupKeyValues(memoryStatText);
  const usageBytes = parseCgroupNumber(memoryCurrentText, "memory.current");
  const anonBytes = stat(values, ["anon"], file);
  const fileCacheBytes = stat(values, ["file"], file);
  const inactiveFileBytes = stat(values, ["inactive_file"], file);
  return {
    source: "cgroup-v2",
    usageBytes,
    anonBytes,
    fileCacheBytes,
    mappedFileBytes: stat(values, ["file_mapped"], file),
    activeFileBytes: stat(values, ["active_file"], file),
    inactiveFileBytes,
    workingSetBytes: workingSet(usageBytes, inactiveFileBytes),
    otherBytes: Math.max(0, usageBytes - anonBytes - fileCacheBytes),
  };
}

/** A memory cgroup folder and the layout its files follow. */
export interface CgroupLocation {
  /** The cgroup's folder, holding memory.stat. */
  dir: string;
  /** The layout of its files. */
  source: CgroupSource;
}

/** The file that holds the usage figure on each layout; its presence tells a memory cgroup from a controller-less one. */
const usageFile: Record<CgroupSource, string> = { "cgroup-v1": "memory.usage_in_bytes", "cgroup-v2": "memory.current" };

/**
 * Where Docker puts a container's memory cgroup, in probing order: v1 with the cgroupfs driver (this lab's Debian 12
 * hosts), v1 with the systemd driver, v2 with the systemd driver (Docker's default on v2), v2 with the cgroupfs driver.
 */
export function containerMemoryCgroupCandidates(containerId: string, cgroupRoot = "/sys/fs/cgroup"): CgroupLocation[] {
  return [
    { dir: path.join(cgroupRoot, "memory", "docker", containerId), source: "cgroup-v1" },
    { dir: path.join(cgroupRoot, "memory", "system.slice", `docker-${containerId}.scope`), source: "cgroup-v1" },
    { dir: path.join(cgroupRoot, "system.slice", `docker-${containerId}.scope`), source: "cgroup-v2" },
    { dir: path.join(cgroupRoot, "docker", containerId), source: "cgroup-v2" },
  ];
}

/**
 * Finds the memory cgroup of a container (full 64-character id) by probing the known layouts. A folder counts only when
 * it holds memory.stat and the layout's usage file: on hybrid hosts /sys/fs/cgroup/unified/docker/<id> exists without them.
 */
export function locateContainerMemoryCgroup(
  containerId: string,
  fileExists: (file: string) => boolean = fs.existsSync,
  cgroupRoot = "/sys/fs/cgroup",
): CgroupLocation {
  if (!/^[0-9a-f]{64}$/.test(containerId)) throw new Error(`"${containerId}" is not a full 64-character container id`);
  const candidates = containerMemoryCgroupCandidates(containerId, cgroupRoot);
  const found = candidates.find((candidate) => isMemoryCgroup(candidate, fileExists));
  if (found === undefined) {
    throw new Error(`no memory cgroup of container ${containerId.slice(0, 12)}; looked in:\n${candidates.map((c) => `  ${c.dir}`).join("\n")}`);
  }
  return found;
}

function isMemoryCgroup(location: CgroupLocation, fileExists: (file: string) => boolean): boolean {
  return fileExists(path.join(location.dir, "memory.stat")) && fileExists(path.join(location.dir, usageFile[location.source]));
}

/** Reads and normalizes the memory figures of a located cgroup; `readFile` is injectable for tests. */
export function readCgroupMemory(location: CgroupLocation, readFile: (file: string) => string = (file) => fs.readFileSync(file, "utf8")): CgroupMemory {
  const statText = readFile(path.join(location.dir, "memory.stat"));
  const usageText = readFile(path.join(location.dir, usageFile[location.source]));
  return location.source === "cgroup-v1" ? normalizeCgroupV1Memory(statText, usageText) : normalizeCgroupV2Memory(statText, usageText);
}
