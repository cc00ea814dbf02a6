import { formatCsv, type CsvRow } from "../../../labs/lib/measure/results";
import { reportCsvRows } from "../../../labs/lib/report/reportCsv";
import { syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

const docker = { file: "/r/docker/a.json", results: syntheticDocker() };
const typical = { file: "/r/libvirt/b.json", results: syntheticLibvirt() };
const tuned = { file: "/r/libvirt/c.json", results: syntheticLibvirt("2026-11-26T09:30:00.000Z", "tuned") };

describe("report.csv rows", () => {
  it("hold every run the report shows, each instance's figures then each floor, every row with its run and profile", () => {
    const rows = reportCsvRows({ docker, libvirt: typical, vmProfiles: { typical, tuned } });
    expect(rows.map((row) => `${row.stack} ${row.profile} ${row.run} ${row.app || "-"} ${row.metric}`).filter((line) => !/hostMemory|diskAllocated/.test(line))).toEqual([
      "docker typical 2026-11-26T09-00-00.000Z db bootToReady",
      "docker typical 2026-11-26T09-00-00.000Z api bootToReady",
      "docker typical 2026-11-26T09-00-00.000Z web bootToReady",
      "docker typical 2026-11-26T09-00-00.000Z - engineFloorCli",
      "docker typical 2026-11-26T09-00-00.000Z - engineFloorApi",
      "libvirt typical 2026-11-26T10-00-00.000Z db bootToReady",
      "libvirt typical 2026-11-26T10-00-00.000Z api bootToReady",
      "libvirt typical 2026-11-26T10-00-00.000Z web bootToReady",
      "libvirt typical 2026-11-26T10-00-00.000Z - vmKernelFloor",
      "libvirt tuned 2026-11-26T09-30-00.000Z db bootToReady",
      "libvirt tuned 2026-11-26T09-30-00.000Z api bootToReady",
      "libvirt tuned 2026-11-26T09-30-00.000Z web bootToReady",
      "libvirt tuned 2026-11-26T09-30-00.000Z - vmKernelFloor",
    ]);
    expect(rows).toHaveLength(9 + 2 + 9 + 1 + 9 + 1);
  });

  it("summarize a floor's samples in ms with its method, the kind it is the floor of and the run's accelerator", () => {
    const floor = reportCsvRows({ libvirt: tuned }).find((row) => row.metric === "vmKernelFloor");
    expect(floor).toEqual({
      stack: "libvirt",
      profile: "tuned",
      run: "2026-11-26T09-30-00.000Z",
      app: "",
      kind: "vm",
      metric: "vmKernelFloor",
      unit: "ms",
      median: 4200,
      min: 4000,
      max: 4400,
      samples: 3,
      method: "the lab's kernel to a one-line init, seen on the serial console",
      accelerator: "tcg",
    });
  });

  it("name a run without a profile typical and have no floor rows for a run without floors", () => {
    const { profile: _profile, floors: _floors, ...old } = syntheticDocker();
    const rows = reportCsvRows({ docker: { file: "/r/docker/old.json", results: old } });
    expect(new Set(rows.map((row) => row.profile))).toEqual(new Set(["typical"]));
    expect(rows.map((row) => row.metric)).not.toContain("engineFloorCli");
  });
});

describe("report.csv text", () => {
  it("has a header line and quotes only the fields that need it", () => {
    const row: CsvRow = { stack: "docker", profile: "typical", run: "r1", app: "", kind: "container", metric: "engineFloorCli", unit: "ms", median: 750, min: 740, max: 760, samples: 3, method: 'docker start, "attached"', accelerator: "native" };
    expect(formatCsv([row])).toBe('stack,profile,run,app,kind,metric,unit,median,min,max,samples,method,accelerator\ndocker,typical,r1,,container,engineFloorCli,ms,750,740,760,3,"docker start, ""attached""",native\n');
  });
});
