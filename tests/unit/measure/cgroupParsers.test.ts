import * as path from "node:path";
import {
  containerMemoryCgroupCandidates,
  locateContainerMemoryCgroup,
  normalizeCgroupV1Memory,
  normalizeCgroupV2Memory,
  readCgroupMemory,
} from "../../../labs/lib/measure/cgroupParsers";
import { fixture } from "./fixture";

const webContainerId = "322f2e38cfc41163e2761dc22d71f29532572afec208bd2d452fe1e57d4a7c1c";

describe("cgroup v1 memory (recorded on the lab host: Docker 20.10, cgroupfs driver)", () => {
  it("normalizes a container with page cache: working set is usage minus inactive file pages", () => {
    const web = normalizeCgroupV1Memory(fixture("cgroup-v1-web-memory.stat.txt"), fixture("cgroup-v1-web-memory.usage_in_bytes.txt"));
    expect(web).toEqual({
      source: "cgroup-v1",
      usageBytes: 1089536,
      anonBytes: 53248,
      fileCacheBytes: 548864,
      mappedFileBytes: 0,
      activeFileBytes: 28672,
      inactiveFileBytes: 520192,
      workingSetBytes: 569344,
      otherBytes: 487424,
    });
  });

  it("normalizes a container without page cache and a libvirt VM's cgroup", () => {
    const sleep = normalizeCgroupV1Memory(fixture("cgroup-v1-sleep-memory.stat.txt"), fixture("cgroup-v1-sleep-memory.usage_in_bytes.txt"));
    expect([sleep.usageBytes, sleep.anonBytes, sleep.fileCacheBytes, sleep.workingSetBytes]).toEqual([778240, 49152, 0, 778240]);
    const vm = normalizeCgroupV1Memory(fixture("cgroup-v1-libvirt-vm-memory.stat.txt"), fixture("cgroup-v1-libvirt-vm-memory.usage_in_bytes.txt"));
    expect([vm.usageBytes, vm.anonBytes, vm.fileCacheBytes]).toEqual([21307392, 20688896, 4096]);
  });

  it("falls back to the cgroup-local counters when there are no totals, and refuses a foreign file", () => {
    const local = fixture("cgroup-v1-web-memory.stat.txt").split("\n").filter((line) => !line.startsWith("total_")).join("\n");
    expect(normalizeCgroupV1Memory(local, "1089536\n").inactiveFileBytes).toBe(520192);
    expect(() => normalizeCgroupV1Memory(fixture("cgroup-v2-memory.stat.hand-written-from-kernel-docs.txt"), "1")).toThrow("none of total_rss, rss");
    expect(() => normalizeCgroupV1Memory(local, "max")).toThrow("memory.usage_in_bytes");
  });
});

describe("cgroup v2 memory (hand-written from the kernel's cgroup-v2 documentation)", () => {
  it("normalizes memory.stat and memory.current into the same shape", () => {
    expect(normalizeCgroupV2Memory(fixture("cgroup-v2-memory.stat.hand-written-from-kernel-docs.txt"), fixture("cgroup-v2-memory.current.hand-written-from-kernel-docs.txt"))).toEqual({
      source: "cgroup-v2",
      usageBytes: 2412544,
      anonBytes: 1236992,
      fileCacheBytes: 573440,
      mappedFileBytes: 458752,
      activeFileBytes: 53248,
      inactiveFileBytes: 520192,
      workingSetBytes: 1892352,
      otherBytes: 602112,
    });
  });
});

describe("locating a container's memory cgroup", () => {
  const existing = (files: string[]) => (file: string) => files.includes(file);

  it("finds the v1 cgroupfs folder this host uses, ignoring the controller-less unified decoy", () => {
    const dir = `/sys/fs/cgroup/memory/docker/${webContainerId}`;
    const files = [`${dir}/memory.stat`, `${dir}/memory.usage_in_bytes`, `/sys/fs/cgroup/unified/docker/${webContainerId}/cgroup.procs`];
    expect(locateContainerMemoryCgroup(webContainerId, existing(files))).toEqual({ dir, source: "cgroup-v1" });
  });

  it("finds v2 folders of the systemd and cgroupfs drivers", () => {
    const scope = `/sys/fs/cgroup/system.slice/docker-${webContainerId}.scope`;
    expect(locateContainerMemoryCgroup(webContainerId, existing([`${scope}/memory.stat`, `${scope}/memory.current`]))).toEqual({ dir: scope, source: "cgroup-v2" });
    const plain = `/cg/docker/${webContainerId}`;
    expect(locateContainerMemoryCgroup(webContainerId, existing([`${plain}/memory.stat`, `${plain}/memory.current`]), "/cg")).toEqual({ dir: plain, source: "cgroup-v2" });
  });

  it("requires the layout's usage file and names every folder it tried", () => {
    const scope = `/sys/fs/cgroup/system.slice/docker-${webContainerId}.scope`;
    expect(() => locateContainerMemoryCgroup(webContainerId, existing([`${scope}/memory.stat`]))).toThrow(
      containerMemoryCgroupCandidates(webContainerId).map((candidate) => `  ${candidate.dir}`).join("\n"),
    );
    expect(() => locateContainerMemoryCgroup(webContainerId.slice(0, 12), existing([]))).toThrow("not a full 64-character container id");
  });

  it("reads the located cgroup's files through the given reader", () => {
    const dir = `/sys/fs/cgroup/memory/docker/${webContainerId}`;
    const files: Record<string, string> = {
      [path.join(dir, "memory.stat")]: fixture("cgroup-v1-web-memory.stat.txt"),
      [path.join(dir, "memory.usage_in_bytes")]: fixture("cgroup-v1-web-memory.usage_in_bytes.txt"),
    };
    expect(readCgroupMemory({ dir, source: "cgroup-v1" }, (file) => files[file]).workingSetBytes).toBe(569344);
  });
});
