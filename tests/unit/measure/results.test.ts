import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatCsv, latestResults, makeCrossCheck, readResults, toCsvRows, writeResults } from "../../../labs/lib/measure/results";
import { parseResults, resultsJsonSchema, runIdFor, schemaVersion, type MeasurementResults } from "../../../labs/lib/measure/resultsSchema";
import { fixture } from "./fixture";

/** A complete results object: hand-written, describing a docker stack of the three apps. */
const example = (): MeasurementResults => JSON.parse(fixture("results-docker-example.hand-written.json"));

/** The example with one change applied to its plain-JSON form. */
function changed(change: (results: any) => void): unknown {
  const results = example() as any;
  change(results);
  return results;
}

const validateResults = (value: unknown) => parseResults(value).problems;

describe("the results schema", () => {
  it("accepts the example", () => {
    expect(schemaVersion).toBe(2);
    expect(validateResults(example())).toEqual([]);
  });

  it("names each missing mandatory field by its path", () => {
    expect(validateResults(changed((r) => delete r.instances[0].boot.samplesMs))).toEqual(["instances[0].boot.samplesMs: Invalid input: expected array, received undefined"]);
    expect(validateResults(changed((r) => delete r.host.idle.judgedIdle))).toEqual(["host.idle.judgedIdle: Invalid input: expected boolean, received undefined"]);
    expect(validateResults(changed((r) => delete r.instances[2].disk.allocatedBytes))).toEqual(["instances[2].disk.allocatedBytes: Invalid input: expected number, received undefined"]);
    expect(validateResults(changed((r) => delete r.disk.crossCheck))).toEqual(["disk.crossCheck: Invalid input: expected object, received undefined"]);
    expect(validateResults(changed((r) => (r.instances = [])))).toEqual([expect.stringMatching(/^instances: Too small: expected array to have >=1 item/)]);
    expect(validateResults(null)).toEqual(["results: Invalid input: expected object, received null"]);
  });

  it("names fields of the wrong type or outside their values", () => {
    expect(validateResults(changed((r) => (r.instances[0].memory.hostBytes = "3MiB")))).toEqual(["instances[0].memory.hostBytes: Invalid input: expected number, received string"]);
    expect(validateResults(changed((r) => (r.instances[0].memory.hostBytes = 1.5)))).toEqual(["instances[0].memory.hostBytes: Invalid input: expected int, received number"]);
    expect(validateResults(changed((r) => (r.instances[0].kind = "lxc")))).toEqual(['instances[0].kind: Invalid option: expected one of "vm"|"container"']);
    expect(validateResults(changed((r) => (r.instances[0].app = "cache")))).toEqual([expect.stringMatching(/^instances\[0\]\.app: Invalid option: expected one of /)]);
    expect(validateResults(changed((r) => (r.instances[0].boot.samplesMs[1] = -1)))).toEqual(["instances[0].boot.samplesMs[1]: Too small: expected number to be >=0"]);
    expect(validateResults(changed((r) => (r.instances[1].memory.method = "  ")))).toEqual(["instances[1].memory.method: expected a non-empty string"]);
    expect(validateResults(changed((r) => (r.host.dockerVersion = 20)))).toEqual(["host.dockerVersion: Invalid input: expected string, received number"]);
    expect(validateResults(changed((r) => (r.host.libvirtVersion = null)))).toEqual([]);
  });

  it("takes confinement as optional, so runs made before it was recorded still load, and checks it where present", () => {
    const confinement = {
      process: "nginx",
      user: "root (uid 0)",
      uid: 0,
      capabilities: ["CAP_CHOWN", "CAP_SETGID", "CAP_SETUID"],
      noNewPrivileges: true,
      seccomp: "filter: Docker's default profile",
      readOnlyRootFs: true,
      pidsLimit: 32,
      kernel: "host",
      accelerator: "native",
      method: "/proc/PID/status and docker inspect",
    };
    expect(example().instances.some((instance) => "confinement" in instance)).toBe(false);
    expect(validateResults(changed((r) => (r.instances[0].confinement = confinement)))).toEqual([]);
    expect(validateResults(changed((r) => (r.instances[0].confinement = { ...confinement, pidsLimit: null, capabilities: [] })))).toEqual([]);
    expect(validateResults(changed((r) => (r.instances[0].confinement = { ...confinement, capabilities: "ALL", kernel: "guest", uid: -1 })))).toEqual([
      "instances[0].confinement.uid: Too small: expected number to be >=0",
      "instances[0].confinement.capabilities: Invalid input: expected array, received string",
      'instances[0].confinement.kernel: Invalid option: expected one of "host"|"own"',
    ]);
  });

  it("reads version 1 files, whose instances called their kind platform, and refuses any other version", () => {
    const version1 = changed((r) => {
      r.schemaVersion = 1;
      for (const instance of r.instances) {
        instance.platform = instance.kind;
        delete instance.kind;
      }
    });
    expect(parseResults(version1).results?.instances.map((instance) => instance.kind)).toEqual(["container", "container", "container"]);
    expect(parseResults(version1).results?.schemaVersion).toBe(2);
    expect(validateResults(changed((r) => (r.schemaVersion = 3)))).toEqual(["schemaVersion: Invalid input: expected 2"]);
  });

  it("requires the accelerator to fit the instance kind: containers run native, VMs under kvm or tcg", () => {
    expect(validateResults(changed((r) => (r.host.accelerator = "tcg")))).toHaveLength(3);
    expect(validateResults(changed((r) => (r.host.accelerator = "tcg")))[0]).toBe("instances[0].kind: a container cannot run under host.accelerator tcg (expected native)");
    expect(validateResults(changed((r) => (r.host.accelerator = "qemu")))).toEqual(['host.accelerator: Invalid option: expected one of "native"|"kvm"|"tcg"']);
  });

  it("requires the run id to be startedAt made filesystem-safe, and a stack name that is a safe folder name", () => {
    expect(validateResults(changed((r) => (r.runId = "latest")))).toEqual(["runId: expected 2026-11-25T14-02-07.512Z (startedAt made filesystem-safe)"]);
    expect(validateResults(changed((r) => (r.stack = "../docker")))).toEqual(["stack: expected a stack name (letters, digits, . _ -)"]);
    expect(validateResults(changed((r) => (r.startedAt = "yesterday")))).toEqual(["startedAt: Invalid ISO datetime"]);
  });

  it("requires one phase object per boot sample, with known phases only", () => {
    expect(validateResults(changed((r) => r.instances[0].boot.phases.pop()))).toEqual(["instances[0].boot.phases: expected one object per sample (5), got 4"]);
    expect(validateResults(changed((r) => (r.instances[0].boot.phases[0].t2 = 5)))).toEqual(['instances[0].boot.phases[0]: Unrecognized key: "t2"']);
  });

  it("requires one figure per boot sample in each per-sample list, and loads runs recorded without the newer ones", () => {
    expect(validateResults(changed((r) => (r.instances[0].boot.otherCpuCores = [0.1, 0.2])))).toEqual(["instances[0].boot.otherCpuCores: expected one value per sample (5), got 2"]);
    expect(validateResults(changed((r) => (r.instances[0].boot.readyResolutionMs = [5])))).toEqual(["instances[0].boot.readyResolutionMs: expected one value per sample (5), got 1"]);
    expect(validateResults(changed((r) => (r.instances[0].boot.otherCpuCores = [0.1, 0.2, 0, 0.3, -0.1])))).toEqual(["instances[0].boot.otherCpuCores[4]: Too small: expected number to be >=0"]);
    expect(example().instances[0].boot.otherCpuCores).toBeUndefined();
  });

  it("requires a cross-check's verdict to match its numbers", () => {
    expect(validateResults(changed((r) => (r.memory.crossCheck.agrees = true)))).toEqual(["memory.crossCheck.agrees: is true, but 69003968 against 50003968 within 0.2 gives false"]);
    expect(validateResults(changed((r) => (r.instances[1].boot.crossCheck.value = 100)))).toEqual(["instances[1].boot.crossCheck.agrees: is true, but 100 against 695.4 within 0.25 gives false"]);
  });

  it("is published as the JSON Schema in labs/lib/measure/results.schema.json, generated from the same declaration", () => {
    const published = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../labs/lib/measure/results.schema.json"), "utf8"));
    expect(published).toEqual(resultsJsonSchema());
    expect(published.properties.instances.items.required).toEqual(expect.arrayContaining(["app", "kind", "boot", "memory", "disk"]));
  });
});

describe("makeCrossCheck", () => {
  it("decides agreement from the figures", () => {
    expect(makeCrossCheck(100, { method: "docker stats", value: 95, toleranceFraction: 0.1 })).toEqual({ method: "docker stats", value: 95, toleranceFraction: 0.1, agrees: true });
    expect(makeCrossCheck(100, { method: "du", value: 80, toleranceFraction: 0.1, note: "du counts metadata" }).agrees).toBe(false);
  });
});

describe("results files", () => {
  let resultsDir: string;
  beforeEach(() => {
    resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "measure-results-"));
  });
  afterEach(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it("makes run ids without colons that sort like time", () => {
    expect(runIdFor(new Date("2026-11-25T13:21:12.345Z"))).toBe("2026-11-25T13-21-12.345Z");
    expect(runIdFor("2026-11-25T14:02:07.512Z")).toBe("2026-11-25T14-02-07.512Z");
    expect(runIdFor("2026-11-25T09:00:00.000Z") < runIdFor("2026-11-25T10:00:00.000Z")).toBe(true);
    expect(() => runIdFor("yesterday")).toThrow("not a date");
  });

  it("writes results/<stack>/<run-id>.json and reads them back unchanged", () => {
    const file = writeResults(resultsDir, example());
    expect(file).toBe(path.join(resultsDir, "docker", "2026-11-25T14-02-07.512Z.json"));
    expect(fs.readdirSync(path.join(resultsDir, "docker"))).toEqual(["2026-11-25T14-02-07.512Z.json"]);
    expect(readResults(file)).toEqual(example());
  });

  it("never overwrites a run and never writes invalid results", () => {
    writeResults(resultsDir, example());
    expect(() => writeResults(resultsDir, example())).toThrow("already exists");
    const invalid = changed((r) => (r.instances[0].memory.hostBytes = -1)) as MeasurementResults;
    invalid.runId = runIdFor("2026-11-26T00:00:00.000Z");
    expect(() => writeResults(resultsDir, invalid)).toThrow("refusing to write invalid results");
    expect(fs.readdirSync(path.join(resultsDir, "docker"))).toHaveLength(1);
  });

  it("finds the newest run of a stack, or none", () => {
    expect(latestResults(resultsDir, "docker")).toBeUndefined();
    const later = example();
    later.startedAt = "2026-11-26T08:00:00.000Z";
    later.finishedAt = "2026-11-26T08:03:00.000Z";
    later.runId = runIdFor(later.startedAt);
    writeResults(resultsDir, later);
    writeResults(resultsDir, example());
    const latest = latestResults(resultsDir, "docker");
    expect(latest?.file).toBe(path.join(resultsDir, "docker", "2026-11-26T08-00-00.000Z.json"));
    expect(latest?.results.startedAt).toBe("2026-11-26T08:00:00.000Z");
    expect(latestResults(resultsDir, "libvirt")).toBeUndefined();
  });

  it("names the file and the problems of an invalid results file", () => {
    const file = path.join(resultsDir, "bad.json");
    fs.writeFileSync(file, JSON.stringify(changed((r) => delete r.host.accelerator)));
    expect(() => readResults(file)).toThrow(`${file} is not a valid results file:\n  host.accelerator: Invalid option: expected one of "native"|"kvm"|"tcg"`);
    fs.writeFileSync(file, "{");
    expect(() => readResults(file)).toThrow(`${file}: not a readable JSON results file`);
  });
});

describe("CSV", () => {
  it("gives one row per instance per metric, summarized, each naming its run and profile", () => {
    const rows = toCsvRows(example());
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({
      stack: "docker",
      profile: "typical",
      run: example().runId,
      app: "db",
      kind: "container",
      metric: "bootToReady",
      unit: "ms",
      median: 405.7,
      min: 398.1,
      max: 420,
      samples: 5,
      method: "docker start, then the catalog ready check polled every 10 ms from the host",
      accelerator: "native",
    });
    expect(rows.filter((row) => row.app === "api").map((row) => [row.metric, row.unit, row.median, row.samples])).toEqual([
      ["bootToReady", "ms", 695.4, 5],
      ["hostMemory", "bytes", 41943040, 1],
      ["diskAllocated", "bytes", 98004096, 1],
    ]);
  });

  it("renders a header and quotes only fields that need it", () => {
    const lines = formatCsv(toCsvRows(example())).split("\n");
    const run = example().runId;
    expect(lines[0]).toBe("stack,profile,run,app,kind,metric,unit,median,min,max,samples,method,accelerator");
    expect(lines[1]).toBe(`docker,typical,${run},db,container,bootToReady,ms,405.7,398.1,420,5,"docker start, then the catalog ready check polled every 10 ms from the host",native`);
    expect(lines[2]).toBe(`docker,typical,${run},db,container,hostMemory,bytes,3342336,3342336,3342336,1,cgroup v1 working set (usage_in_bytes - total_inactive_file),native`);
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe("");
  });
});
