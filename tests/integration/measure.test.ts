import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureImages } from "../../labs/lib/images";
import { measureStack } from "../../labs/lib/measure/measureStack";
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
      expect(instance.boot.samplesMs).toHaveLength(2);
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
});
