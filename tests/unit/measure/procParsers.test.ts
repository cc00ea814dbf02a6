import * as fs from "node:fs";
import * as path from "node:path";
import {
  findContainerdShim,
  hostUsedBytes,
  libvirtQemuPidFile,
  parseCmdline,
  parseCpuInfo,
  parseLoadAverage,
  parseMeminfo,
  parsePidFile,
  parsePsTable,
  parseSmapsRollup,
  qemuGuestName,
  qemuProcessOfDomain,
} from "../../../labs/lib/measure/procParsers";
import { fixture, fixtureDir } from "./fixture";

const kib = 1024;
const webContainerId = "322f2e38cfc41163e2761dc22d71f29532572afec208bd2d452fe1e57d4a7c1c";
const sleepContainerId = "07054fbaa08579b9464c363457bc0cf8aba30311406a621b179bc5f1c8099c20";

describe("smaps_rollup", () => {
  it("reads a container process's memory in bytes", () => {
    expect(parseSmapsRollup(fixture("proc-smaps_rollup-busybox-sleep.txt"))).toEqual({
      rssBytes: 1376 * kib,
      pssBytes: 1368 * kib,
      pssAnonBytes: 48 * kib,
      pssFileBytes: 1320 * kib,
      pssShmemBytes: 0,
      pssDirtyBytes: 48 * kib,
      sharedCleanBytes: 12 * kib,
      sharedDirtyBytes: 0,
      privateCleanBytes: 1316 * kib,
      privateDirtyBytes: 48 * kib,
      anonymousBytes: 48 * kib,
      anonHugePagesBytes: 0,
      swapBytes: 0,
    });
  });

  it("reads a QEMU process whose proportional parts add up to its PSS", () => {
    const qemu = parseSmapsRollup(fixture("proc-smaps_rollup-qemu.txt"));
    expect(qemu.rssBytes).toBe(42784 * kib);
    expect(qemu.pssBytes).toBe(30135 * kib);
    expect(qemu.pssAnonBytes).toBe(20152 * kib);
    expect(qemu.anonHugePagesBytes).toBe(8192 * kib);
    expect((qemu.pssAnonBytes ?? 0) + (qemu.pssFileBytes ?? 0) + (qemu.pssShmemBytes ?? 0)).toBe(qemu.pssBytes);
  });

  it("leaves out the Pss_* split on kernels before 5.8 and refuses other files", () => {
    const older = fixture("proc-smaps_rollup-qemu.txt").split("\n").filter((line) => !line.startsWith("Pss_")).join("\n");
    const parsed = parseSmapsRollup(older);
    expect(parsed.pssAnonBytes).toBeUndefined();
    expect(parsed.pssBytes).toBe(30135 * kib);
    expect(() => parseSmapsRollup(fixture("proc-meminfo.txt"))).toThrow('no "Rss:" line');
  });
});

describe("/proc/meminfo, loadavg and cpuinfo", () => {
  it("reads host memory in bytes and the used figure as total minus available", () => {
    const meminfo = parseMeminfo(fixture("proc-meminfo.txt"));
    expect(meminfo.memTotalBytes).toBe(24684096 * kib);
    expect(meminfo.memAvailableBytes).toBe(23870960 * kib);
    expect(meminfo.cachedBytes).toBe(2001060 * kib);
    expect(meminfo.swapTotalBytes).toBe(0);
    expect(hostUsedBytes(meminfo)).toBe(813136 * kib);
    expect(() => parseMeminfo("MemTotal: 1 kB\n")).toThrow('no "MemFree:" line');
  });

  it("reads the load averages", () => {
    expect(parseLoadAverage(fixture("proc-loadavg.txt"))).toEqual({ load1m: 1.86, load5m: 1.92, load15m: 1.56, runnableTasks: 2, totalTasks: 200 });
    expect(() => parseLoadAverage("")).toThrow("unexpected content");
  });

  it("reads the CPU model and counts logical CPUs", () => {
    expect(parseCpuInfo(fixture("proc-cpuinfo.txt"))).toEqual({ modelName: "AMD EPYC", logicalCpus: 2 });
    expect(() => parseCpuInfo("")).toThrow("no processor");
  });
});

describe("/proc/PID/cmdline", () => {
  it("splits on NUL and drops the terminating one", () => {
    expect(parseCmdline(fs.readFileSync(path.join(fixtureDir, "proc-cmdline-busybox-sleep.bin")))).toEqual(["/bin/busybox", "sleep", "600"]);
    const qemu = parseCmdline(fixture("proc-cmdline-qemu.bin"));
    expect(qemu).toHaveLength(60);
    expect(qemu.slice(0, 3)).toEqual(["/usr/bin/qemu-system-x86_64", "-name", "guest=measure-fixture-vm,debug-threads=on"]);
    expect(qemu[qemu.indexOf("-accel") + 1]).toBe("tcg");
    expect(parseCmdline("")).toEqual([]);
  });
});

describe("ps -eo pid,ppid,comm,args", () => {
  const processes = parsePsTable(fixture("ps-eo-pid-ppid-comm-args.txt"));

  it("reads every row, keeping spaces inside the fixed-width comm column", () => {
    expect(processes).toHaveLength(43);
    expect(processes.find((p) => p.pid === 2)).toEqual({ pid: 2, ppid: 0, comm: "kthreadd", args: "[kthreadd]" });
    expect(processes.find((p) => p.pid === 21794)).toEqual({
      pid: 21794,
      ppid: 21790,
      comm: "npm exec jest -",
      args: "npm exec jest --selectProjects unit -- tests/unit/providers/serialization",
    });
    expect(() => parsePsTable("PID COMMAND\n")).toThrow("expected the header");
  });

  it("finds a container's containerd shim by full or short id", () => {
    const shim = findContainerdShim(processes, webContainerId);
    expect(shim?.pid).toBe(12956);
    expect(findContainerdShim(processes, webContainerId.slice(0, 12))?.pid).toBe(12956);
    expect(findContainerdShim(processes, sleepContainerId)?.pid).toBe(30062);
    expect(findContainerdShim(processes, "f".repeat(64))).toBeUndefined();
    expect(() => findContainerdShim(processes, "322f")).toThrow("shorter than");
  });

  it("refuses a shim prefix that matches two containers", () => {
    const twins = [
      { pid: 1, ppid: 0, comm: "containerd-shim", args: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${"a".repeat(64)} -address x` },
      { pid: 2, ppid: 0, comm: "containerd-shim", args: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${"a".repeat(63)}b -address x` },
    ];
    expect(() => findContainerdShim(twins, "a".repeat(12))).toThrow("matches 2 containerd shims");
  });
});

describe("the QEMU process of a libvirt domain", () => {
  const processes = parsePsTable(fixture("ps-eo-pid-ppid-comm-args.txt"));

  it("reads libvirt's pid file, which has no newline", () => {
    expect(libvirtQemuPidFile("lab-web")).toBe("/run/libvirt/qemu/lab-web.pid");
    expect(parsePidFile(fixture("libvirt-qemu-domain.pid"))).toBe(21596);
    expect(() => parsePidFile("")).toThrow("not a process id");
  });

  it("checks the pid against the process table and the guest name", () => {
    const pidFile = fixture("libvirt-qemu-domain.pid");
    expect(qemuProcessOfDomain("measure-fixture-vm", pidFile, processes).pid).toBe(21596);
    expect(() => qemuProcessOfDomain("lab-web", pidFile, processes)).toThrow("not that domain's QEMU");
    expect(() => qemuProcessOfDomain("measure-fixture-vm", "99999", processes)).toThrow("not running");
  });

  it("tells libvirt's QEMU from one started by hand", () => {
    expect(qemuGuestName(processes.find((p) => p.pid === 21596)?.args ?? "")).toBe("measure-fixture-vm");
    expect(qemuGuestName(processes.find((p) => p.pid === 21679)?.args ?? "")).toBeUndefined();
    expect(qemuGuestName("/usr/bin/qemu-system-x86_64 -name guest=a,,b,debug-threads=on")).toBe("a,b");
    expect(qemuGuestName("/bin/busybox -name guest=x")).toBeUndefined();
  });
});
