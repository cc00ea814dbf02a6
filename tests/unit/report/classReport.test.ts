import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { AppName } from "../../../model/catalog/apps";
import { LabError } from "../../../model/labError";
import { parseArguments } from "../../../labs/lib/arguments";
import { writeResults } from "../../../labs/lib/measure/results";
import type { MeasurementResults } from "../../../labs/lib/measure/resultsSchema";
import { classGroups } from "../../../labs/lib/report/classFigures";
import { classSummary, generateClassReport } from "../../../labs/lib/report/classReport";
import { classInputFor } from "../../../labs/lib/report/classRuns";
import { comparisonSummary, generateComparison } from "../../../labs/lib/report/writeReport";
import { MiB, syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

/** The same results as a participant's stack measured them: `alice-docker`. */
function participantRun(name: string, results: MeasurementResults): MeasurementResults {
  return { ...results, stack: `${name}-${results.stack}` };
}

/** Results whose instances boot in the given samples instead. */
function withBoots(results: MeasurementResults, samplesMs: Partial<Record<AppName, number[]>>): MeasurementResults {
  return { ...results, instances: results.instances.map((instance) => (samplesMs[instance.app] ? { ...instance, boot: { ...instance.boot, samplesMs: samplesMs[instance.app]!, phases: undefined } } : instance)) };
}

/** bob measured while other work ran: the run not judged idle, and every api boot sample busy. */
function busyRun(results: MeasurementResults): MeasurementResults {
  const slow = withBoots(results, { api: [90_000, 100_000, 110_000] });
  return {
    ...slow,
    host: { ...slow.host, idle: { loadAverage1m: 1.8, busyCores: 1.3, judgedIdle: false, rule: "all processes < 0.5 core on average over 3 s before the first figure" } },
    instances: slow.instances.map((instance) => (instance.app === "api" ? { ...instance, boot: { ...instance.boot, otherCpuCores: [0.9, 0.8, 0.7] } } : instance)),
  };
}

/** carol's VMs ran under KVM, about seven times as fast as the class's TCG. */
function kvmRun(results: MeasurementResults): MeasurementResults {
  const fast = withBoots(results, { db: [3000, 3500, 4000], api: [5000, 6000, 7000], web: [3000, 3200, 3400] });
  return { ...fast, host: { ...fast.host, accelerator: "kvm" } };
}

describe("the class report", () => {
  let root: string;
  let resultsDir: string;
  const generatedAt = new Date("2026-12-02T16:00:00.000Z");
  const participant = (name: string) => path.join(resultsDir, "participants", name);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "class-report-"));
    resultsDir = path.join(root, "results");
    writeResults(resultsDir, syntheticDocker());
    writeResults(resultsDir, syntheticLibvirt());
    writeResults(participant("alice"), participantRun("alice", syntheticDocker("2026-12-01T09:00:00.000Z")));
    writeResults(participant("alice"), participantRun("alice", syntheticLibvirt("2026-12-01T10:00:00.000Z")));
    // alice's older run is not the one compared.
    writeResults(participant("alice"), participantRun("alice", kvmRun(syntheticLibvirt("2026-11-30T10:00:00.000Z"))));
    writeResults(participant("bob"), participantRun("bob", syntheticDocker("2026-12-01T09:30:00.000Z")));
    writeResults(participant("bob"), participantRun("bob", busyRun(syntheticLibvirt("2026-12-01T10:30:00.000Z"))));
    // carol measured on her own machine and copied its results/ here: her stack is called libvirt.
    writeResults(participant("carol"), kvmRun(syntheticLibvirt("2026-12-01T11:00:00.000Z")));
    fs.mkdirSync(path.join(participant("dave"), "bench"), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("reads the latest run of each platform of every participant, the lab's own as the instructor's", () => {
    const input = classInputFor(resultsDir);
    expect(input.members.map((member) => [member.name, member.runs.map((run) => `${run.results.stack}/${run.results.runId}`)])).toEqual([
      ["instructor", ["docker/2026-11-26T09-00-00.000Z", "libvirt/2026-11-26T10-00-00.000Z"]],
      ["alice", ["alice-docker/2026-12-01T09-00-00.000Z", "alice-libvirt/2026-12-01T10-00-00.000Z"]],
      ["bob", ["bob-docker/2026-12-01T09-30-00.000Z", "bob-libvirt/2026-12-01T10-30-00.000Z"]],
      ["carol", ["libvirt/2026-12-01T11-00-00.000Z"]],
    ]);
    expect(input.notices).toEqual([`dave: no measurement runs in ${participant("dave")} (docker/ or libvirt/) yet, so they are not in the tables.`]);
  });

  it("puts every participant's figures per app and platform beside the class's spread, flagging who is over 50 % off", () => {
    const groups = classGroups(classInputFor(resultsDir).members);
    expect(groups.map((group) => `${group.app} ${group.kind}: ${group.entries.map((entry) => entry.member).join(" ")}`)).toEqual([
      "db container: instructor alice bob",
      "db vm: instructor alice bob carol",
      "api container: instructor alice bob",
      "api vm: instructor alice bob carol",
      "web container: instructor alice bob",
      "web vm: instructor alice bob carol",
    ]);
    const apiVm = groups[3];
    expect(apiVm.spread.boot).toEqual({ median: 45_000, min: 6000, max: 100_000 });
    expect(apiVm.spread.memory).toEqual({ median: 300 * MiB, min: 300 * MiB, max: 300 * MiB });
    const [instructor, , bob, carol] = apiVm.entries;
    expect(instructor).toMatchObject({ offClass: { boot: 0, memory: 0, disk: 0 }, busy: [], odd: [], reasons: [] });
    expect(bob.offClass.boot).toBeCloseTo(55 / 45);
    expect(bob).toMatchObject({ busy: ["run not judged idle", "3 of 3 boot samples busy"], odd: ["boot"], reasons: ["busy host (run not judged idle, 3 of 3 boot samples busy)"] });
    expect(carol.offClass.boot).toBeCloseTo(-39 / 45);
    expect(carol).toMatchObject({ busy: [], odd: ["boot"], reasons: ["other accelerator (KVM; most of the class: TCG emulation)"] });
    // bob's db VM booted as fast as everyone's: his busy run shows, but he is not flagged there.
    expect(groups[1].entries[2]).toMatchObject({ member: "bob", busy: ["run not judged idle"], odd: [] });
    expect(groups.filter((group) => group.kind === "container").flatMap((group) => group.entries).every((entry) => entry.odd.length === 0)).toBe(true);
  });

  it("writes class.md, class.html and class.csv with the runs, the spread, the flags and every participant's row", () => {
    const written = generateClassReport({ resultsDir, outputDir: resultsDir, generatedAt });
    expect([written.markdownFile, written.htmlFile, written.csvFile]).toEqual(["class.md", "class.html", "class.csv"].map((name) => path.join(resultsDir, name)));
    const markdown = fs.readFileSync(written.markdownFile, "utf8").split("\n");
    expect(markdown[0]).toBe("# Class report: every participant's figures side by side");
    expect(markdown).toContain("| bob | bob-libvirt | 2026-12-01T10-30-00.000Z | `participants/bob/libvirt/2026-12-01T10-30-00.000Z.json` | TCG emulation | typical | AMD EPYC 7B13, 2 cores | no (1.30 core busy, load 1.80, rule all processes < 0.5 core on average over 3 s before the first figure) |");
    expect(markdown).toContain("| api | VM | 4 | 45.0 s (6.00 s – 100 s) | 300.0 MiB (300.0 MiB – 300.0 MiB) | 60.0 MiB (60.0 MiB – 60.0 MiB) | bob (boot median +122.2 %); carol (boot median −86.7 %) |");
    expect(markdown).toContain("| db | container | 3 | 1.10 s (1.10 s – 1.10 s) | 16.0 MiB (16.0 MiB – 16.0 MiB) | 14.0 MiB (14.0 MiB – 14.0 MiB) | none |");
    expect(markdown).toContain(
      "| bob | 100 s (90.0 s – 110 s, CV 10 %, n = 3) | +122.2 % | 300.0 MiB | 0.0 % | 60.0 MiB | 0.0 % | TCG emulation | typical | run not judged idle, 3 of 3 boot samples busy | 2026-12-01T10-30-00.000Z | boot median +122.2 %: likely busy host (run not judged idle, 3 of 3 boot samples busy) |",
    );
    expect(markdown).toContain("carol, api VM: boot median 6.00 s is −86.7 % off the class median 45.0 s; likely other accelerator (KVM; most of the class: TCG emulation).");
    expect(markdown).toContain(`dave: no measurement runs in ${participant("dave")} (docker/ or libvirt/) yet, so they are not in the tables.`);
    const html = fs.readFileSync(written.htmlFile, "utf8");
    expect(html).toContain('<h3 id="class-api-vm">api VM</h3>');
    expect(html).toContain('<td class="disagrees">boot median −86.7 %: likely other accelerator (KVM; most of the class: TCG emulation)</td>');
    const csv = fs.readFileSync(written.csvFile, "utf8").split("\n");
    expect(csv[0]).toBe(
      "participant,stack,run,profile,accelerator,host,app,kind,bootMedianMs,bootMinMs,bootMaxMs,bootCv,bootSamples,hostMemoryBytes,diskOwnBytes,busy,classBootMedianMs,bootOffClass,classHostMemoryBytes,hostMemoryOffClass,classDiskOwnBytes,diskOwnOffClass,flagged,likelyReasons",
    );
    expect(csv).toContain(`bob,bob-libvirt,2026-12-01T10-30-00.000Z,typical,tcg,"AMD EPYC 7B13, 2 cores",api,vm,100000,90000,110000,0.1,3,${300 * MiB},${60 * MiB},run not judged idle; 3 of 3 boot samples busy,45000,1.2222,${300 * MiB},0,${60 * MiB},0,boot,"busy host (run not judged idle, 3 of 3 boot samples busy)"`);
    expect(csv).toHaveLength(1 + 3 * 3 + 3 * 4 + 1);
  });

  it("summarizes the class on the terminal: members, spread, notices, flags, files", () => {
    const lines = classSummary(generateClassReport({ resultsDir, outputDir: resultsDir, generatedAt })).split("\n");
    expect(lines[0]).toBe("class: instructor, alice, bob, carol");
    expect(lines[2]).toMatch(/^app +platform +participants +boot median: class median \(min – max\)/);
    expect(lines).toContain("flagged: bob, api VM: boot median 100 s is +122.2 % off the class median 45.0 s; likely busy host (run not judged idle, 3 of 3 boot samples busy).");
    expect(lines.filter((line) => line.startsWith("flagged: carol"))).toHaveLength(3);
    expect(lines.slice(-3)).toEqual([`class report: ${path.join(resultsDir, "class.md")}`, `              ${path.join(resultsDir, "class.html")}`, `              ${path.join(resultsDir, "class.csv")}`]);
  });

  it("says when the results name no likely reason, and names another profile or host where they differ", () => {
    const fullCopy = (results: MeasurementResults) => ({ ...results, instances: results.instances.map((instance) => ({ ...instance, disk: { ...instance.disk, allocatedBytes: 1024 * MiB } })) });
    const otherHost = (results: MeasurementResults) => ({ ...results, profile: "tuned" as const, host: { ...results.host, cpuModel: "Intel Xeon", cores: 8 } });
    const run = (results: MeasurementResults) => ({ file: "", results });
    const groups = classGroups([
      { name: "alice", folder: "", runs: [run(syntheticLibvirt())] },
      { name: "bob", folder: "", runs: [run(syntheticLibvirt())] },
      { name: "erin", folder: "", runs: [run(fullCopy(syntheticLibvirt()))] },
      { name: "finn", folder: "", runs: [run(otherHost(withBoots(syntheticLibvirt(), { db: [90_000] })))] },
    ]);
    const [erin, finn] = groups[0].entries.slice(2);
    expect(erin).toMatchObject({ odd: ["disk"], reasons: [] });
    expect(finn).toMatchObject({ odd: ["boot"], reasons: ["other profile (tuned; most of the class: typical)", "other host (Intel Xeon, 8 cores; most of the class: AMD EPYC 7B13, 2 cores)"] });
  });

  it("leaves out a participant's unreadable run with a notice and reports the others", () => {
    fs.writeFileSync(path.join(participant("alice"), "docker", "2026-12-02T00-00-00.000Z.json"), "{ not json");
    const input = classInputFor(resultsDir);
    expect(input.members.find((member) => member.name === "alice")?.runs.map((run) => run.results.stack)).toEqual(["alice-libvirt"]);
    expect(input.notices[0]).toMatch(/^alice's latest docker run is left out: .*2026-12-02T00-00-00\.000Z\.json: not a readable JSON results file/);
  });

  it("names the lab's own results apart from a participant who chose the name instructor", () => {
    writeResults(participant("instructor"), participantRun("instructor", syntheticDocker("2026-12-01T12:00:00.000Z")));
    expect(classInputFor(resultsDir).members.map((member) => member.name)).toEqual(["instructor (results/)", "alice", "bob", "carol", "instructor"]);
  });

  it("refuses without participants' results, naming the folder, how participants measure and how to collect their results", () => {
    fs.rmSync(path.join(resultsDir, "participants"), { recursive: true });
    const attempt = () => generateClassReport({ resultsDir, outputDir: resultsDir });
    expect(attempt).toThrow(LabError);
    expect(attempt).toThrow(`No participants' results in ${path.join(resultsDir, "participants")}, so there is no class to compare`);
    expect(attempt).toThrow("`npm run lab -- --as NAME`");
    expect(attempt).toThrow(`copying that machine's results/ folder to ${path.join(resultsDir, "participants", "NAME")}/`);
    fs.mkdirSync(path.join(participant("dave"), "bench"), { recursive: true });
    expect(attempt).toThrow(`No participants' results in ${path.join(resultsDir, "participants")} (dave has a folder there, without docker/ or libvirt/ measurement runs)`);
    expect(fs.existsSync(path.join(resultsDir, "class.md"))).toBe(false);
  });

  it("--compare takes runs in participants' folders by path", () => {
    const alice = path.join("results", "participants", "alice", "docker", "2026-12-01T09-00-00.000Z.json");
    const bob = path.join("results", "participants", "bob", "docker", "2026-12-01T09-30-00.000Z.json");
    const written = generateComparison({ resultsDir, outputDir: resultsDir, baseDir: root, generatedAt }, [alice, bob]);
    expect(written.markdownFile).toBe(path.join(resultsDir, "compare-2026-12-01T09-00-00.000Z-vs-2026-12-01T09-30-00.000Z.md"));
    expect(comparisonSummary(written).split("\n").slice(0, 2)).toEqual([
      "A = alice-docker/2026-12-01T09-00-00.000Z (typical): native on AMD EPYC 7B13, 2 cores",
      "B = bob-docker/2026-12-01T09-30-00.000Z (typical): native on AMD EPYC 7B13, 2 cores",
    ]);
    expect(fs.readFileSync(written.markdownFile, "utf8")).toContain("`participants/alice/docker/2026-12-01T09-00-00.000Z.json`");
  });
});

describe("npm run report -- --class", () => {
  it("takes no runs and neither --compare nor --as", () => {
    expect(parseArguments("report", ["--class"])).toEqual({ values: { compare: false, class: true }, positionals: [] });
    expect(() => parseArguments("report", ["--class", "a"])).toThrow("--class takes no runs, got 1: a.\nFix: call it as `npm run report -- --class`.");
    expect(() => parseArguments("report", ["--class", "--compare"])).toThrow("--class and --compare cannot be given together.\nFix: call it as `npm run report -- --class` without --compare, or leave out --class.");
    expect(() => parseArguments("report", ["--compare", "a", "b", "--class"])).toThrow("--class and --compare cannot be given together.");
    expect(() => parseArguments("report", ["--class", "--as", "alice"])).toThrow("--class and --as cannot be given together.");
  });
});
