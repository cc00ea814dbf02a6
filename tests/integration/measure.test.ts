import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { benchResultsSchema } from "../../labs/lib/bench/benchSchema";
import { overheadRows } from "../../labs/lib/bench/benchSummary";
import { runBench } from "../../labs/lib/bench/runBench";
import { ensureImages } from "../../labs/lib/images";
import { bootSampleCount, measureStack } from "../../labs/lib/measure/measureStack";
import { readResults, writeResults } from "../../labs/lib/measure/results";
import { parseResults } from "../../labs/lib/measure/resultsSchema";
import { deployedStack } from "../../labs/lib/measure/runMeasurement";
import { deployAndWait, destroyStack } from "../../labs/lib/stackLifecycle";

const quiet = () => undefined;

describe("measuring the docker stack", () => {
  jest.setTimeout(900_000);
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-results-"));

  beforeAll(async () => {
    await ensureImages(quiet);
    await destroyStack("docker", quiet, quiet);
    await deployAndWait("docker", quiet, quiet);
  });

  afterAll(async () => {
    await destroyStack("docker", quiet, quiet);
    fs.rmSync(resultsDir, { recursive: true, force: true });
  });

  it("writes valid results with every sample, cross-checks and the provisioning of the up", async () => {
    const results = await measureStack(await deployedStack("docker"), { samples: 2, log: quiet });
    expect(parseResults(results).problems).toEqual([]);
    expect(results.host.accelerator).toBe("native");
    expect(results.instances.map((instance) => instance.app).sort()).toEqual(["api", "db", "web"]);
    for (const instance of results.instances) {
      expect(instance.kind).toBe("container");
      expect(instance.boot.samplesMs).toHaveLength(bootSampleCount("container", 2));
      expect(instance.boot.samplesMs.every((sample) => sample > 0 && sample < 60_000)).toBe(true);
      expect(instance.boot.phases?.[0]?.engineStartCallMs).toBeGreaterThan(0);
      expect(instance.memory.hostBytes).toBeGreaterThan(1024 * 1024);
      expect(instance.memory.hostBytes).toBeLessThan(instance.memory.breakdown.configuredBytes);
      expect(instance.memory.crossCheck?.value).toBeGreaterThan(0);
      expect(instance.disk.imageBytes).toBeGreaterThan(instance.disk.sharedBytes);
      expect(instance.disk.crossCheck?.agrees).toBe(true);
      expect(instance.kernelRelease).toBe(results.host.kernel);
    }
    expect(results.memory.hostUsedAfterBytes).toBeGreaterThan(0);
    expect(results.memory.crossCheck.method).toContain("MemTotal − MemAvailable");
    expect(results.provisioning?.upWallMs).toBeGreaterThan(0);
    expect(Object.keys(results.provisioning?.readyAfterUpMs ?? {}).sort()).toEqual(["api", "db", "web"]);

    const file = writeResults(resultsDir, results);
    expect(readResults(file)).toEqual(results);
  });

  it("runs the overhead workloads on the host and inside every container, and the request path, into valid bench results", async () => {
    const results = await runBench(await deployedStack("docker"), { samples: 1, log: quiet });
    expect(benchResultsSchema.safeParse(results).success).toBe(true);
    expect(results.workloads.map((workload) => workload.workload)).toEqual(["cpu", "memory", "disk-random-4k", "disk-sequential-read", "disk-sequential-write"]);
    expect(results.sysbench.instances).toEqual({ db: results.sysbench.host, api: results.sysbench.host, web: results.sysbench.host });
    const rows = overheadRows(results);
    expect(rows.filter((row) => row.workload === "cpu").map((row) => row.app).sort()).toEqual(["api", "db", "web"]);
    expect(rows.filter((row) => row.workload.startsWith("disk")).map((row) => row.app)).toEqual(["db", "db", "db"]);
    // A container runs on the host's CPU: far from the share an emulated VM keeps.
    for (const row of rows.filter((candidate) => candidate.workload === "cpu")) expect(row.ratioToHost).toBeGreaterThan(0.5);
    expect(results.requestPath.samples[0].requests).toBeGreaterThan(0);
    expect(results.requestPath.samples[0].errors).toBe(0);
  });
});
