import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LabError } from "../../../model/labError";
import { writeResults } from "../../../labs/lib/measure/results";
import { latestRunPerProfile, listRuns, readRun, reportInputFor, resolveRun } from "../../../labs/lib/report/runs";
import { syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

describe("finding runs", () => {
  let resultsDir: string;
  let dockerFile: string;
  let laterDockerFile: string;
  let libvirtFile: string;

  beforeEach(() => {
    resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "report-runs-"));
    dockerFile = writeResults(resultsDir, syntheticDocker());
    laterDockerFile = writeResults(resultsDir, syntheticDocker("2026-11-26T11:00:00.000Z"));
    libvirtFile = writeResults(resultsDir, syntheticLibvirt());
    fs.writeFileSync(path.join(resultsDir, "report.md"), "not a run\n");
  });
  afterEach(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it("lists every results file by stack, oldest first", () => {
    expect(listRuns(resultsDir)).toEqual([
      { stack: "docker", runId: "2026-11-26T09-00-00.000Z", file: dockerFile },
      { stack: "docker", runId: "2026-11-26T11-00-00.000Z", file: laterDockerFile },
      { stack: "libvirt", runId: "2026-11-26T10-00-00.000Z", file: libvirtFile },
    ]);
    expect(listRuns(path.join(resultsDir, "nowhere"))).toEqual([]);
  });

  it("resolves a run by id, by stack/id, by id.json and by path (relative to the base folder)", () => {
    expect(resolveRun(resultsDir, "2026-11-26T10-00-00.000Z").file).toBe(libvirtFile);
    expect(resolveRun(resultsDir, "docker/2026-11-26T09-00-00.000Z").file).toBe(dockerFile);
    expect(resolveRun(resultsDir, "2026-11-26T09-00-00.000Z.json").results.stack).toBe("docker");
    expect(resolveRun(resultsDir, libvirtFile).results.runId).toBe("2026-11-26T10-00-00.000Z");
    expect(resolveRun(resultsDir, path.join("docker", "2026-11-26T11-00-00.000Z.json"), resultsDir).file).toBe(laterDockerFile);
  });

  it("refuses an unknown run with a LabError listing the run ids there are", () => {
    const attempt = () => resolveRun(resultsDir, "yesterday");
    expect(attempt).toThrow(LabError);
    expect(attempt).toThrow(`No run "yesterday": neither a results file nor a run id under ${resultsDir}.`);
    expect(attempt).toThrow("docker/2026-11-26T09-00-00.000Z, docker/2026-11-26T11-00-00.000Z, libvirt/2026-11-26T10-00-00.000Z");
  });

  it("asks for stack/id when a run id exists in two stacks", () => {
    const twin = syntheticLibvirt("2026-11-26T09:00:00.000Z");
    writeResults(resultsDir, twin);
    expect(() => resolveRun(resultsDir, "2026-11-26T09-00-00.000Z")).toThrow("exists in several stacks: docker/2026-11-26T09-00-00.000Z, libvirt/2026-11-26T09-00-00.000Z");
  });

  it("turns an invalid results file into a LabError saying how to measure again", () => {
    const broken = path.join(resultsDir, "docker", "2026-11-27T00-00-00.000Z.json");
    fs.writeFileSync(broken, JSON.stringify({ ...syntheticDocker(), schemaVersion: 3 }));
    expect(() => resolveRun(resultsDir, broken)).toThrow("npm run measure -- docker");
    expect(() => reportInputFor(resultsDir, [])).toThrow(LabError);
  });

  it("takes the latest run of each stack by default, and given runs in place of their stack's latest", () => {
    expect(reportInputFor(resultsDir, [])).toEqual({
      docker: { file: laterDockerFile, results: expect.objectContaining({ runId: "2026-11-26T11-00-00.000Z" }) },
      libvirt: { file: libvirtFile, results: expect.objectContaining({ stack: "libvirt" }) },
      vmProfiles: { typical: { file: libvirtFile, results: expect.objectContaining({ profile: "typical" }) } },
    });
    const chosen = reportInputFor(resultsDir, ["2026-11-26T09-00-00.000Z"]);
    expect(chosen.docker?.file).toBe(dockerFile);
    expect(chosen.libvirt?.file).toBe(libvirtFile);
  });

  it("finds the latest libvirt run of each VM boot profile, the chosen run standing for its own", () => {
    const tunedFile = writeResults(resultsDir, syntheticLibvirt("2026-11-26T08:00:00.000Z", "tuned"));
    writeResults(resultsDir, syntheticLibvirt("2026-11-26T07:00:00.000Z", "tuned"));
    const laterTypicalFile = writeResults(resultsDir, syntheticLibvirt("2026-11-26T12:00:00.000Z"));
    const input = reportInputFor(resultsDir, []);
    expect(input.libvirt?.file).toBe(laterTypicalFile);
    expect(input.vmProfiles?.typical?.file).toBe(laterTypicalFile);
    expect(input.vmProfiles?.tuned?.file).toBe(tunedFile);
    const chosen = reportInputFor(resultsDir, ["libvirt/2026-11-26T10-00-00.000Z"]);
    expect(chosen.vmProfiles?.typical?.file).toBe(libvirtFile);
    expect(chosen.vmProfiles?.tuned?.file).toBe(tunedFile);
    expect(latestRunPerProfile(resultsDir, readRun(tunedFile)).typical?.file).toBe(laterTypicalFile);
  });

  it("counts a libvirt run made before profiles were recorded as typical", () => {
    const old = syntheticLibvirt("2026-11-26T12:00:00.000Z");
    delete old.profile;
    const oldFile = writeResults(resultsDir, old);
    expect(latestRunPerProfile(resultsDir, readRun(oldFile))).toEqual({ typical: expect.objectContaining({ file: oldFile }) });
  });

  it("refuses two runs of one stack, pointing at --compare", () => {
    expect(() => reportInputFor(resultsDir, ["2026-11-26T09-00-00.000Z", "2026-11-26T11-00-00.000Z"])).toThrow("npm run report -- --compare RUN_A RUN_B");
  });

  it("leaves a stack without results out, and refuses when no stack has any", () => {
    fs.rmSync(path.join(resultsDir, "libvirt"), { recursive: true });
    expect(Object.keys(reportInputFor(resultsDir, []))).toEqual(["docker"]);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "report-empty-"));
    try {
      expect(() => reportInputFor(empty, [])).toThrow(`No measurement results in ${empty}, so there is nothing to report.`);
      expect(() => resolveRun(empty, "x")).toThrow("there are no runs in");
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it("says how to measure again with the owner's command: the lab's stack, or a participant's with --as", () => {
    const damaged = (folder: string) => {
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, "2026-11-26T10-00-00.000Z.json");
      fs.writeFileSync(file, "{ not json");
      return file;
    };
    const remedyOf = (file: string) => {
      try {
        readRun(file);
      } catch (error) {
        return (error as LabError).remedy;
      }
      throw new Error("expected the run to be refused");
    };
    expect(remedyOf(damaged(path.join(resultsDir, "libvirt")))).toMatch(/`npm run measure -- libvirt`/);
    expect(remedyOf(damaged(path.join(resultsDir, "participants", "alice", "docker")))).toMatch(/`npm run measure -- docker --as alice`/);
  });
});
