import type { BenchResults } from "../../../labs/lib/bench/benchSchema";

const host = {
  cpuModel: "AMD EPYC",
  cores: 2,
  memTotalBytes: 24 * 1024 ** 3,
  kernel: "6.18.44",
  dockerVersion: "20.10.24",
  libvirtVersion: "9.0.0",
  qemuVersion: "7.2.0",
  idle: { loadAverage1m: 0.3, judgedIdle: true },
};

/** A bench run of `stack` whose instances reach `cpuRatio`, `memoryRatio` and `diskRatio` of the host's rates. */
export function benchRun(stack: "docker" | "libvirt", ratios: { cpu: number; memory: number; disk: number }): BenchResults {
  const kind = stack === "docker" ? "container" : "vm";
  type WorkloadName = BenchResults["workloads"][number]["workload"];
  const workload = (name: WorkloadName, hostRate: number, ratio: number, apps: ("db" | "api" | "web")[]) => ({
    workload: name,
    unit: "events/s",
    method: `sysbench ${name}`,
    host: { where: "the host", samples: [hostRate, hostRate] },
    instances: apps.map((app) => ({ app, kind: kind as "vm" | "container", where: "inside", samples: [hostRate * ratio, hostRate * ratio] })),
  });
  return {
    schemaVersion: 1,
    runId: `2026-12-02T10-00-00.000Z-${stack}`,
    stack,
    profile: "tuned",
    startedAt: "2026-12-02T10:00:00.000Z",
    host: { ...host, accelerator: stack === "docker" ? "native" : "tcg" },
    sysbench: { host: "sysbench 1.0.20", instances: { db: "sysbench 1.0.20" } },
    workloads: [
      workload("cpu", 4000, ratios.cpu, ["db", "api", "web"]),
      workload("memory", 20000, ratios.memory, ["db", "api", "web"]),
      workload("disk-random-4k", 10000, ratios.disk, ["db"]),
    ],
    requestPath: { url: "http://127.0.0.1:18080/api/visits", method: "4 clients", samples: [{ requests: 1000, errors: 0, requestsPerSecond: 500, p50Ms: 5, p99Ms: 20 }] },
  };
}
