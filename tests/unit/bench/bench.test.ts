import { benchResultsSchema } from "../../../labs/lib/bench/benchSchema";
import { medianRatio, overheadRows, requestPathSummary } from "../../../labs/lib/bench/benchSummary";
import { summarizeRequests } from "../../../labs/lib/bench/httpLoad";
import { nearestRank } from "../../../labs/lib/measure/stats";
import { parseWorkloadRate, workloadCommand } from "../../../labs/lib/bench/sysbench";
import { benchRun } from "./fixture";

const cpuOutput = `sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)
CPU speed:
    events per second:  2951.26

General statistics:
    total time:                          2.0003s
`;
const memoryOutput = "Total operations: 41404 (20671.74 per second)\n\n41404.00 MiB transferred (20671.74 MiB/sec)\n";
const fileioOutput = `File operations:
    reads/s:                      4173.98
    writes/s:                     2782.32
    fsyncs/s:                     279.33

Throughput:
    read, MiB/s:                  16.30
    written, MiB/s:               10.87
`;

describe("the sysbench workloads", () => {
  it("read the rate each workload reports", () => {
    expect(parseWorkloadRate("cpu", cpuOutput)).toBe(2951.26);
    expect(parseWorkloadRate("memory", memoryOutput)).toBe(20671.74);
    expect(parseWorkloadRate("disk-random-4k", fileioOutput)).toBeCloseTo(6956.3, 5);
    expect(parseWorkloadRate("disk-sequential-read", fileioOutput)).toBe(16.3);
    expect(parseWorkloadRate("disk-sequential-write", fileioOutput)).toBe(10.87);
  });

  it("refuse output without the rate, quoting its end", () => {
    expect(() => parseWorkloadRate("cpu", "FATAL: something\n")).toThrow("sysbench's cpu output has no rate: FATAL: something");
  });

  it("run the disk workloads in the given folder with direct I/O, and clean up whatever the run's outcome", () => {
    const command = workloadCommand("disk-random-4k", "/var/lib/redis");
    expect(command.startsWith("cd '/var/lib/redis' && sysbench fileio")).toBe(true);
    expect(command).toContain("--file-test-mode=rndrw --file-block-size=4K --time=2 run; status=$?;");
    expect(command).toContain("--file-extra-flags=direct");
    expect(command).toContain("cleanup > /dev/null; exit $status;");
    expect(workloadCommand("cpu", "/unused")).toBe("sysbench cpu --threads=1 --cpu-max-prime=10000 --time=2 run");
  });
});

describe("the request path load", () => {
  it("takes percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(nearestRank(values, 0.5)).toBe(50);
    expect(nearestRank(values, 0.99)).toBe(99);
    expect(nearestRank([7], 0.99)).toBe(7);
  });

  it("counts answered requests per second and refuses a run where none was answered", () => {
    expect(summarizeRequests([4, 2, 3, 1], 1, 2000)).toEqual({ requests: 4, errors: 1, requestsPerSecond: 2, p50Ms: 2, p99Ms: 4 });
    expect(() => summarizeRequests([], 3, 2000)).toThrow("no request was answered in 2000 ms (3 failed)");
  });
});

describe("a bench run's figures", () => {
  const run = benchRun("libvirt", { cpu: 0.12, memory: 0.16, disk: 0.2 });

  it("validate against the schema", () => {
    expect(benchResultsSchema.safeParse(run).success).toBe(true);
  });

  it("put each instance's median beside the host's, as a share of it", () => {
    const rows = overheadRows(run);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toMatchObject({ workload: "cpu", app: "db", kind: "vm", accelerator: "tcg", hostMedian: 4000 });
    expect(rows[0].ratioToHost).toBeCloseTo(0.12, 10);
    expect(medianRatio(rows, ["cpu", "memory"])).toBeCloseTo(0.14, 10);
    expect(medianRatio(rows, ["disk-sequential-read"])).toBeUndefined();
    expect(requestPathSummary(run)).toEqual({ requestsPerSecond: 500, p50Ms: 5, p99Ms: 20, errors: 0 });
  });
});
