import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { latestDensityRuns, parseDensityResults, readDensityResults, writeDensityResults } from "../../../labs/lib/density/densityResults";
import { renderDensitySummary } from "../../../labs/lib/density/densitySummary";
import { LabError } from "../../../model/labError";
import { MiB, syntheticDensity } from "../../fixtures/density/syntheticDensity";

describe("density results files", () => {
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-density-"));
  afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it("accepts a consistent run and names every inconsistency of another", () => {
    expect(parseDensityResults(syntheticDensity("docker")).problems).toEqual([]);
    const run = syntheticDensity("libvirt");
    const broken = { ...run, runId: "x", host: { ...run.host, accelerator: "native" }, steps: [{ ...run.steps[0], copies: 2 }, { ...run.steps[1], totalHostBytes: 1 }] };
    expect(parseDensityResults(broken).problems).toEqual([
      "runId: expected 2026-12-02T13-07-35.523Z",
      "kind: a vm cannot run under host.accelerator native",
      "steps[0].copies: expected 1, got 2",
      "steps[0].copiesHostBytes: expected one figure per copy (2), got 1",
      "steps[1].totalHostBytes: is 1, but the copies' figures sum to 499122176",
    ]);
    expect(parseDensityResults({ ...run, steps: [] }).problems).toEqual(["steps: Too small: expected array to have >=1 items"]);
  });

  it("writes results/density/<stack>/<run-id>.json once, and the report reads the newest run of each stack", () => {
    const older = syntheticDensity("docker");
    const newer = { ...older, startedAt: "2026-12-02T14:00:00.000Z", runId: "2026-12-02T14-00-00.000Z" };
    const file = writeDensityResults(resultsDir, older);
    expect(file).toBe(path.join(resultsDir, "density", "docker", "2026-12-02T13-05-46.668Z.json"));
    expect(() => writeDensityResults(resultsDir, older)).toThrow("already exists");
    writeDensityResults(resultsDir, newer);
    expect(readDensityResults(file)).toEqual(older);
    expect(latestDensityRuns(resultsDir)).toEqual({ docker: newer });
    expect(() => writeDensityResults(resultsDir, { ...older, steps: [] })).toThrow("refusing to write invalid density results");
  });

  it("turns an unreadable newest file into a LabError that says what to do", () => {
    const stackDir = path.join(resultsDir, "density", "libvirt");
    fs.mkdirSync(stackDir, { recursive: true });
    fs.writeFileSync(path.join(stackDir, "2026-12-02T15-00-00.000Z.json"), "{");
    expect(() => latestDensityRuns(resultsDir)).toThrow(LabError);
    expect(() => latestDensityRuns(resultsDir)).toThrow(/npm run density -- libvirt/);
  });
});

describe("the summary a density run prints", () => {
  it("has one row per step and ends with instances per GiB and why the run stopped", () => {
    const lines = renderDensitySummary(syntheticDensity("libvirt")).split("\n");
    expect(lines[0]).toMatch(/^instances\s+copy\s+start→ready\s+host memory \(new copy\)\s+all copies\s+MemAvailable$/);
    expect(lines[3]).toMatch(/^2\s+vmcl-test-density-2\s+9\.40 s\s+238\.0 MiB\s+476\.0 MiB\s+19\.1 GiB$/);
    expect(lines.slice(-2)).toEqual([
      "libvirt (TCG emulation, tuned profile): 2 copies of db in 476.0 MiB of host memory (PSS): 4.3 instances per GiB",
      "stopped: 2 copies, the most asked for",
    ]);
    expect(476 * MiB).toBe(syntheticDensity("libvirt").steps[1].totalHostBytes);
  });
});
