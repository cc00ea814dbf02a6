import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeResults } from "../../../labs/lib/measure/results";
import { claims } from "../../../labs/lib/report/claims";
import { comparisonSummary, generateComparison, generateReport, reportSummary, verdictCounts } from "../../../labs/lib/report/writeReport";
import type { LedgerRow } from "../../../labs/lib/report/verdicts";
import { syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

describe("writing reports", () => {
  let resultsDir: string;
  let outputDir: string;
  const generatedAt = new Date("2026-11-27T08:00:00.000Z");

  beforeEach(() => {
    resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "report-write-"));
    outputDir = path.join(resultsDir, "out");
    writeResults(resultsDir, syntheticDocker());
  });
  afterEach(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it("writes report.md, report.html and report.csv into the output folder and summarizes them", () => {
    writeResults(resultsDir, syntheticLibvirt());
    const written = generateReport({ resultsDir, outputDir, generatedAt });
    expect(written.markdownFile).toBe(path.join(outputDir, "report.md"));
    expect(written.htmlFile).toBe(path.join(outputDir, "report.html"));
    expect(written.ledger.map((row) => row.claim.id)).toEqual(claims.map((claim) => claim.id));
    const markdown = fs.readFileSync(written.markdownFile, "utf8");
    expect(markdown).toContain("Generated 2026-11-27T08:00:00.000Z");
    expect(markdown).toContain("| results file | `../docker/2026-11-26T09-00-00.000Z.json` | `../libvirt/2026-11-26T10-00-00.000Z.json` |");
    const html = fs.readFileSync(written.htmlFile, "utf8");
    for (const id of ["chart-boot", "chart-memory", "chart-disk"]) expect(html).toContain(`<svg id="${id}"`);
    const summary = reportSummary(written).split("\n");
    expect(summary.slice(0, 8)).toEqual([
      "app  platform   stack    accelerator    boot median  boot CV  host memory  disk own",
      "---  ---------  -------  -------------  -----------  -------  -----------  --------",
      "db   container  docker   native         1.10 s       9 %      16.0 MiB     14.0 MiB",
      "db   VM         libvirt  TCG emulation  25.0 s       20 %     256.0 MiB    40.0 MiB",
      "api  container  docker   native         1.05 s       16 %     30.0 MiB     94.0 MiB",
      "api  VM         libvirt  TCG emulation  45.0 s       33 %     300.0 MiB    60.0 MiB",
      "web  container  docker   native         1.06 s       1 %      15.0 MiB     14.0 MiB",
      "web  VM         libvirt  TCG emulation  24.0 s       8 %      200.0 MiB    30.0 MiB",
    ]);
    expect(summary).toContain("note: api VM (libvirt): its boot samples spread 33 % (coefficient of variation; on an idle host they stay within 10 %). The slowest took 60.0 s, 15.0 s over the median; it was 15.0 s behind already when the app's process started. The others spread 28 %.");
    expect(summary).toContain("floor (docker): a no-op container takes 750 ms through the CLI, 650 ms through the Engine API");
    expect(summary).toContain("floor (libvirt): the lab's kernel takes 4.20 s to a one-line init");
    expect(summary.slice(-3)).toEqual([`report: ${written.markdownFile}`, `        ${written.htmlFile}`, `        ${written.csvFile}`]);
    const csv = fs.readFileSync(written.csvFile, "utf8").split("\n");
    expect(written.csvFile).toBe(path.join(outputDir, "report.csv"));
    expect(csv[0]).toBe("stack,profile,run,app,kind,metric,unit,median,min,max,samples,method,accelerator");
    expect(csv).toContain("docker,typical,2026-11-26T09-00-00.000Z,,container,engineFloorApi,ms,650,640,660,3,Engine API start + wait of a no-op container,native");
    expect(csv).toContain('libvirt,typical,2026-11-26T10-00-00.000Z,,vm,vmKernelFloor,ms,4200,4000,4400,3,"the lab\'s kernel to a one-line init, seen on the serial console",tcg');
  });

  it("judges the VM boot claims with the latest libvirt run of each profile, the report's other figures with the latest libvirt run", () => {
    writeResults(resultsDir, syntheticLibvirt("2026-11-26T09:30:00.000Z", "tuned"));
    writeResults(resultsDir, syntheticLibvirt());
    const written = generateReport({ resultsDir, outputDir, generatedAt });
    expect(written.input.libvirt?.results.profile).toBe("typical");
    expect(written.ledger[0].figures.map((figure) => figure.slice(0, figure.indexOf(":")))).toEqual(["VM typical under TCG emulation", "VM tuned under TCG emulation", "containers typical, native"]);
    const html = fs.readFileSync(written.htmlFile, "utf8");
    for (const id of ["chart-waterfall-docker-typical", "chart-waterfall-libvirt-typical", "chart-waterfall-libvirt-tuned"]) expect(html).toContain(`<svg id="${id}"`);
  });

  it("tells on the terminal which stack has no results and how to get them", () => {
    const summary = reportSummary(generateReport({ resultsDir, outputDir, generatedAt }));
    expect(summary).toContain("libvirt: no results yet; get them with `npm run up -- libvirt` and `npm run measure -- libvirt`");
    expect(fs.readFileSync(path.join(outputDir, "report.html"), "utf8")).toContain("No libvirt results in");
  });

  it("writes compare-A-vs-B.md and .html and prints the runs and the tables of changes", () => {
    writeResults(resultsDir, syntheticDocker("2026-11-26T12:00:00.000Z"));
    const written = generateComparison({ resultsDir, outputDir, generatedAt }, ["2026-11-26T09-00-00.000Z", "docker/2026-11-26T12-00-00.000Z"]);
    expect(written.markdownFile).toBe(path.join(outputDir, "compare-2026-11-26T09-00-00.000Z-vs-2026-11-26T12-00-00.000Z.md"));
    expect(fs.existsSync(written.htmlFile)).toBe(true);
    const lines = comparisonSummary(written).split("\n");
    expect(lines.slice(0, 2)).toEqual(["A = docker/2026-11-26T09-00-00.000Z (typical): native on AMD EPYC 7B13, 2 cores", "B = docker/2026-11-26T12-00-00.000Z (typical): native on AMD EPYC 7B13, 2 cores"]);
    expect(lines[3]).toBe("figure                    A          B          change B − A  change %");
    expect(lines[5]).toBe("db: boot median           1.10 s     1.10 s     0 ms          0.0 %");
    expect(lines).toContain("instance: boot phase             A       B       change B − A  change %");
    expect(lines).toContain("db: runtime                      250 ms  250 ms  0 ms          0.0 %");
    expect(lines).toContain("container engine floor, Engine API  650 ms  650 ms  0 ms          0.0 %");
    expect(lines).toContain("stack: disk total         192.0 MiB  192.0 MiB  0 B           0.0 %");
    expect(fs.readFileSync(written.markdownFile, "utf8")).toContain("| db: host memory | 16.0 MiB | 16.0 MiB | 0 B | 0.0 % |");
    expect(lines.slice(-2)).toEqual([`comparison: ${written.markdownFile}`, `            ${written.htmlFile}`]);
  });

  it("refuses an unknown run, listing the ones there are", () => {
    expect(() => generateComparison({ resultsDir, outputDir }, ["nope", "2026-11-26T09-00-00.000Z"])).toThrow("docker/2026-11-26T09-00-00.000Z");
    expect(fs.existsSync(outputDir)).toBe(false);
  });

  it("counts verdicts in the order first met", () => {
    const row = (verdict: LedgerRow["verdict"]): LedgerRow => ({ claim: claims[0], verdict, figures: [], condition: "", rule: "" });
    expect(verdictCounts([row("not measured"), row("supported"), row("not measured")])).toBe("2 not measured, 1 supported");
  });
});
