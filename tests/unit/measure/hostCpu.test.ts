import {
  containerCpuCgroupCandidates,
  otherCpuCores,
  parseCgroupCpuSeconds,
  parseProcPidStat,
  parseProcStatBusyTicks,
  ticksUsedBetween,
  type CpuReading,
  type ProcessCpu,
} from "../../../labs/lib/measure/hostCpu";

/** Recorded on the lab host (Debian 12, 2 CPUs, hybrid cgroup v1). */
const procStat = "cpu  543875 885 187600 352620 5323 0 6692 0 0 0\ncpu0 260810 360 89709 193858 658 0 3250 0 0 0\ncpu1 283064 524 97891 158761 4664 0 3442 0 0 0\nintr 8367243 0 0\n";
const containerdStat = "12844 (containerd) S 12819 12844 12844 0 -1 4194304 4852 113701 8 12 335 263 324 395 20 0 10 0 478568 1460690944 11111 18446744073709551615 12972032 32207857 140731016831184 0 0 0 1002055680 0 2143420159 0 0 0 17 0 0 0 0 0 0 51809320 52363832 591134720 140731016840409 140731016840489 140731016840489 140731016843236 0\n";
const unifiedCpuStat = "usage_usec 7390612000\nuser_usec 5447640000\nsystem_usec 1942972000\nnice_usec 8856000\n";
const containerId = "0c9a543225d86a8df936c53b8ca873501e84f8989fa447a46653b3713fc0cd59";

describe("host CPU from /proc/stat", () => {
  it("counts user, nice, system, irq and softirq ticks of all CPUs", () => {
    expect(parseProcStatBusyTicks(procStat)).toBe(543875 + 885 + 187600 + 6692);
  });

  it("leaves out idle, iowait and steal, and guest time, which user already holds", () => {
    expect(parseProcStatBusyTicks("cpu  100 2 30 1000 50 4 5 7 20 0\n")).toBe(100 + 2 + 30 + 4 + 5);
  });

  it("refuses a file without the summary line", () => {
    expect(() => parseProcStatBusyTicks("cpu0 1 2 3 4 5 6 7\n")).toThrow('no "cpu" line');
  });
});

describe("a process's CPU from /proc/PID/stat", () => {
  it("adds its own and its reaped children's user and system ticks", () => {
    expect(parseProcPidStat(containerdStat)).toEqual({ pid: 12844, comm: "containerd", startTicks: 478568, cpuTicks: 335 + 263 + 324 + 395 });
  });

  it("reads a name holding spaces and parentheses", () => {
    const stat = containerdStat.replace("12844 (containerd)", "4242 (npm exec (x) y)");
    expect(parseProcPidStat(stat)).toMatchObject({ pid: 4242, comm: "npm exec (x) y", cpuTicks: 1317 });
  });

  it("refuses a truncated line", () => {
    expect(() => parseProcPidStat("12844 (containerd) S 12819")).toThrow("/proc/PID/stat: unexpected content");
  });
});

describe("ticks a set of processes used between two readings", () => {
  const process = (pid: number, startTicks: number, cpuTicks: number): ProcessCpu => ({ pid, comm: "dockerd", startTicks, cpuTicks });

  it("counts the growth of a lasting process, a new process in full, and nothing of one that ended", () => {
    expect(ticksUsedBetween([process(1, 10, 100), process(2, 20, 50)], [process(1, 10, 130), process(3, 30, 7)])).toBe(30 + 7);
  });

  it("tells a new process from an ended one with the same pid by its start", () => {
    expect(ticksUsedBetween([process(5, 10, 100)], [process(5, 900, 4)])).toBe(4);
  });
});

describe("a container's CPU cgroup", () => {
  it("is looked for under cgroup v1 cpuacct with either driver first, then under cgroup v2", () => {
    expect(containerCpuCgroupCandidates(containerId, "/cg")).toEqual([
      { file: `/cg/cpuacct/docker/${containerId}/cpuacct.usage`, source: "cgroup-v1" },
      { file: `/cg/cpuacct/system.slice/docker-${containerId}.scope/cpuacct.usage`, source: "cgroup-v1" },
      { file: `/cg/cpu,cpuacct/docker/${containerId}/cpuacct.usage`, source: "cgroup-v1" },
      { file: `/cg/cpu,cpuacct/system.slice/docker-${containerId}.scope/cpuacct.usage`, source: "cgroup-v1" },
      { file: `/cg/system.slice/docker-${containerId}.scope/cpu.stat`, source: "cgroup-v2" },
      { file: `/cg/docker/${containerId}/cpu.stat`, source: "cgroup-v2" },
    ]);
  });

  it("reads seconds from v1 cpuacct.usage (nanoseconds) and v2 cpu.stat (usage_usec)", () => {
    expect(parseCgroupCpuSeconds("79875162\n", "cgroup-v1")).toBeCloseTo(0.079875162, 12);
    expect(parseCgroupCpuSeconds(unifiedCpuStat, "cgroup-v2")).toBeCloseTo(7390.612, 9);
  });

  it("refuses files of the other layout", () => {
    expect(() => parseCgroupCpuSeconds(unifiedCpuStat, "cgroup-v1")).toThrow("cpuacct.usage");
    expect(() => parseCgroupCpuSeconds("nr_periods 0\n", "cgroup-v2")).toThrow("no usage_usec");
  });
});

describe("other processes' CPU during a sample", () => {
  const node = (cpuTicks: number): ProcessCpu => ({ pid: 100, comm: "node", startTicks: 5, cpuTicks });
  const shim: ProcessCpu = { pid: 200, comm: "containerd-shim", startTicks: 900, cpuTicks: 20 };
  const before: CpuReading = { atMs: 1_000, hostBusyTicks: 1_000, ownProcesses: [node(50)] };

  it("is the host's busy time less the instance's, the engine's and the probe's, in cores over the sample", () => {
    // 2 s; host 1.5 s busy; probe 0.1 s, a new shim 0.2 s, the instance 0.8 s: others 0.4 s.
    const after: CpuReading = { atMs: 3_000, hostBusyTicks: 1_150, ownProcesses: [node(60), shim], instanceSeconds: 0.8 };
    expect(otherCpuCores(before, after)).toBeCloseTo(0.2, 12);
  });

  it("counts an instance running at the start from its reading then, and one restarted meanwhile from its new start", () => {
    const after: CpuReading = { atMs: 3_000, hostBusyTicks: 1_150, ownProcesses: [node(60)], instanceSeconds: 1 };
    expect(otherCpuCores({ ...before, instanceSeconds: 0.5 }, after)).toBeCloseTo((1.5 - 0.1 - 0.5) / 2, 12);
    expect(otherCpuCores({ ...before, instanceSeconds: 30 }, after)).toBeCloseTo((1.5 - 0.1 - 1) / 2, 12);
  });

  it("is unknown when the instance's CPU could not be read, and never below zero", () => {
    expect(otherCpuCores(before, { atMs: 3_000, hostBusyTicks: 1_150, ownProcesses: [] })).toBeUndefined();
    expect(otherCpuCores(before, { atMs: 3_000, hostBusyTicks: 1_010, ownProcesses: [node(55)], instanceSeconds: 0.06 })).toBe(0);
  });
});
