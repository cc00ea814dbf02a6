import { changeBetween, compareRuns, comparisonBlocks, comparisonCells } from "../../../labs/lib/report/compare";
import { MiB, syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

describe("changeBetween", () => {
  it("gives B − A and its fraction of A", () => {
    expect(changeBetween(1000, 1500)).toEqual({ absolute: 500, fraction: 0.5 });
    expect(changeBetween(200, 150)).toEqual({ absolute: -50, fraction: -0.25 });
    expect(changeBetween(7, 7)).toEqual({ absolute: 0, fraction: 0 });
  });

  it("has no fraction when A is 0 and B is not, and 0 when both are", () => {
    expect(changeBetween(0, 5)).toEqual({ absolute: 5, fraction: undefined });
    expect(changeBetween(0, 0)).toEqual({ absolute: 0, fraction: 0 });
  });
});

describe("compareRuns", () => {
  it("compares boot median, host memory and own disk per app, then the stack totals", () => {
    const comparisons = compareRuns(syntheticDocker(), syntheticLibvirt());
    expect(comparisons.map((comparison) => comparison.figure)).toEqual([
      "db: boot median",
      "db: host memory",
      "db: disk own bytes",
      "api: boot median",
      "api: host memory",
      "api: disk own bytes",
      "web: boot median",
      "web: host memory",
      "web: disk own bytes",
      "stack: host memory total",
      "stack: disk total",
    ]);
    expect(comparisons[0]).toEqual({ figure: "db: boot median", unit: "ms", before: 1100, after: 25_000, change: { absolute: 23_900, fraction: 23_900 / 1100 } });
    expect(comparisons[4]).toEqual({ figure: "api: host memory", unit: "bytes", before: 30 * MiB, after: 300 * MiB, change: { absolute: 270 * MiB, fraction: 9 } });
    expect(comparisons[10]).toEqual({ figure: "stack: disk total", unit: "bytes", before: 192 * MiB, after: 1154 * MiB, change: { absolute: 962 * MiB, fraction: 962 / 192 } });
  });

  it("leaves the change out for an app only one run has", () => {
    const withoutWeb = syntheticDocker();
    withoutWeb.instances = withoutWeb.instances.filter((instance) => instance.app !== "web");
    const web = compareRuns(withoutWeb, syntheticDocker()).filter((comparison) => comparison.figure.startsWith("web"));
    expect(web[1]).toEqual({ figure: "web: host memory", unit: "bytes", before: undefined, after: 15 * MiB, change: undefined });
    expect(comparisonCells(web[1])).toEqual(["web: host memory", "—", "15.0 MiB", "n/a", "n/a"]);
  });

  it("formats each comparison as figure, A, B, change and percent", () => {
    const [boot, memory] = compareRuns(syntheticDocker(), syntheticLibvirt());
    expect(comparisonCells(boot)).toEqual(["db: boot median", "1.10 s", "25.0 s", "+23.9 s", "+2172.7 %"]);
    expect(comparisonCells(memory)).toEqual(["db: host memory", "16.0 MiB", "256.0 MiB", "+240.0 MiB", "+1500.0 %"]);
    const [faster] = compareRuns(syntheticLibvirt(), syntheticDocker());
    expect(comparisonCells(faster)).toEqual(["db: boot median", "25.0 s", "1.10 s", "−23.9 s", "−95.6 %"]);
  });
});

describe("comparisonBlocks", () => {
  it("names both runs with accelerator and host, and tables every change", () => {
    const a = { file: "/r/docker/2026-11-26T09-00-00.000Z.json", results: syntheticDocker() };
    const b = { file: "/r/libvirt/2026-11-26T10-00-00.000Z.json", results: syntheticLibvirt() };
    const blocks = comparisonBlocks(a, b, { generatedAt: new Date("2026-11-27T00:00:00.000Z"), outputDir: "/r" });
    expect(blocks[0]).toEqual({ kind: "heading", level: 1, text: "Comparison: docker/2026-11-26T09-00-00.000Z vs libvirt/2026-11-26T10-00-00.000Z" });
    const runs = blocks[2] as { rows: string[][] };
    expect(runs.rows[1]).toEqual(["B", "`libvirt/2026-11-26T10-00-00.000Z.json`", "libvirt (VM)", "TCG emulation", "AMD EPYC 7B13, 2 cores, kernel 6.1.0-test-amd64", "yes (load 0.12, rule load1 < 0.5 × cores)"]);
    const changes = blocks[3] as { caption: string; rows: string[][] };
    expect(changes.caption).toBe(
      "Change of every figure · A = docker/2026-11-26T09-00-00.000Z: native on AMD EPYC 7B13, 2 cores · B = libvirt/2026-11-26T10-00-00.000Z: TCG emulation on AMD EPYC 7B13, 2 cores",
    );
    expect(changes.rows).toHaveLength(11);
  });
});
