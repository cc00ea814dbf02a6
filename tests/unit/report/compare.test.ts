import type { MeasurementResults } from "../../../labs/lib/measure/resultsSchema";
import { changeBetween, compareFloors, comparePhases, compareRuns, comparisonBlocks, comparisonCells, comparisonTables, emptyTableNote, runLabel } from "../../../labs/lib/report/compare";
import type { ReportBlock } from "../../../labs/lib/report/document";
import { MiB, syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

/** A libvirt run as runs made before boot profiles, phases and floors were recorded look. */
function oldLibvirt(): MeasurementResults {
  const { profile: _profile, floors: _floors, ...results } = syntheticLibvirt();
  return { ...results, instances: results.instances.map((instance) => ({ ...instance, boot: { samplesMs: instance.boot.samplesMs, method: instance.boot.method } })) };
}

/** Each comparison as "figure: A | B". */
function sideBySide(comparisons: ReturnType<typeof comparePhases>): string[] {
  return comparisons.map((comparison) => {
    const [figure, a, b] = comparisonCells(comparison);
    return `${figure}: ${a} | ${b}`;
  });
}

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

describe("comparePhases", () => {
  it("sets each instance's engine call and phase medians of a typical run beside a tuned run's, a phase only one run has as —", () => {
    const db = sideBySide(comparePhases(syntheticLibvirt(), syntheticLibvirt("2026-11-26T11:00:00.000Z", "tuned"))).filter((line) => line.startsWith("db"));
    expect(db).toEqual([
      "db: engine start call returned: 800 ms | 800 ms",
      "db: VMM up: 1.50 s | 1.50 s",
      "db: kernel: 3.00 s | —",
      "db: kernel + initramfs: — | 3.50 s",
      "db: initramfs: 4.50 s | —",
      "db: init: 13.0 s | 100 ms",
      "db: app: 3.00 s | 2.40 s",
    ]);
  });

  it("puts a container's phases among a VM's in boot order", () => {
    const api = comparePhases(syntheticDocker(), syntheticLibvirt("2026-11-26T11:00:00.000Z", "tuned")).filter((comparison) => comparison.figure.startsWith("api"));
    expect(sideBySide(api)).toEqual([
      "api: engine start call returned: 280 ms | 800 ms",
      "api: VMM up: — | 1.50 s",
      "api: runtime: 250 ms | —",
      "api: kernel + initramfs: — | 3.50 s",
      "api: init: — | 100 ms",
      "api: app: 800 ms | 3.90 s",
    ]);
    expect(api[5].change).toEqual({ absolute: 3100, fraction: 3100 / 800 });
  });

  it("shows — for a run without phases, and nothing when neither run has them", () => {
    expect(sideBySide(comparePhases(oldLibvirt(), syntheticLibvirt())).slice(0, 3)).toEqual(["db: engine start call returned: — | 800 ms", "db: VMM up: — | 1.50 s", "db: kernel: — | 3.00 s"]);
    expect(comparePhases(oldLibvirt(), oldLibvirt())).toEqual([]);
  });
});

describe("compareFloors", () => {
  it("compares each floor's median and the VM floor's parts by the guest's clock", () => {
    expect(sideBySide(compareFloors(syntheticDocker(), syntheticLibvirt()))).toEqual([
      "container engine floor, Docker CLI: 750 ms | —",
      "container engine floor, Engine API: 650 ms | —",
      "VM floor, kernel to a one-line init: — | 4.20 s",
      "VM floor, kernel to a one-line init: VMM up: — | 1.60 s",
      "VM floor, kernel to a one-line init: kernel to init: — | 2.60 s",
    ]);
  });

  it("has no parts for a VM floor without the guest's clock, and no rows for runs without floors", () => {
    const wholeFloor = syntheticLibvirt();
    wholeFloor.floors = { vmKernel: { samplesMs: [5000], method: "m", guestUptimeMs: [] } };
    expect(sideBySide(compareFloors(syntheticLibvirt(), wholeFloor))).toEqual([
      "VM floor, kernel to a one-line init: 4.20 s | 5.00 s",
      "VM floor, kernel to a one-line init: VMM up: 1.60 s | —",
      "VM floor, kernel to a one-line init: kernel to init: 2.60 s | —",
    ]);
    expect(compareFloors(oldLibvirt(), oldLibvirt())).toEqual([]);
  });
});

describe("comparisonTables", () => {
  it("are the headline figures, the boot phases and the floors, an empty one replaced by its note", () => {
    const tables = comparisonTables(oldLibvirt(), oldLibvirt());
    expect(tables.map((table) => [table.id, table.rowsAre, table.figures.length])).toEqual([
      ["changes", "figure", 11],
      ["boot-phases", "instance: boot phase", 0],
      ["boot-floors", "floor", 0],
    ]);
    expect(tables.map(emptyTableNote)).toEqual([
      undefined,
      "Neither run recorded boot phases (both were measured before phases were), so where their boot time went cannot be compared.",
      "Neither run measured boot floors.",
    ]);
  });
});

describe("runLabel", () => {
  it("names stack, run and boot profile, a run without a profile as typical", () => {
    expect(runLabel(syntheticLibvirt("2026-11-26T11:00:00.000Z", "tuned"))).toBe("libvirt/2026-11-26T11-00-00.000Z (tuned)");
    expect(runLabel(oldLibvirt())).toBe("libvirt/2026-11-26T10-00-00.000Z (typical)");
  });
});

describe("comparisonBlocks", () => {
  const generatedAt = new Date("2026-11-27T00:00:00.000Z");
  const tables = (blocks: readonly ReportBlock[]) => blocks.flatMap((block) => (block.kind === "table" ? [block] : []));

  it("names both runs with profile, start, accelerator and host, and tables every change, phase and floor", () => {
    const a = { file: "/r/docker/2026-11-26T09-00-00.000Z.json", results: syntheticDocker() };
    const b = { file: "/r/libvirt/2026-11-26T10-00-00.000Z.json", results: syntheticLibvirt("2026-11-26T10:00:00.000Z", "tuned") };
    const blocks = comparisonBlocks(a, b, { generatedAt, outputDir: "/r" });
    expect(blocks[0]).toEqual({ kind: "heading", level: 1, text: "Comparison: docker/2026-11-26T09-00-00.000Z (typical) vs libvirt/2026-11-26T10-00-00.000Z (tuned)" });
    const [runs, changes, phases, floors] = tables(blocks);
    expect(runs.header).toEqual(["run", "results file", "stack (instances)", "boot profile", "started", "accelerator", "host", "host judged idle"]);
    expect(runs.rows[1]).toEqual([
      "B",
      "`libvirt/2026-11-26T10-00-00.000Z.json`",
      "libvirt (VM)",
      "tuned",
      "2026-11-26T10:00:00.000Z",
      "TCG emulation",
      "AMD EPYC 7B13, 2 cores, kernel 6.1.0-test-amd64",
      "yes (load 0.12, rule load1 < 0.5 × cores)",
    ]);
    const runsCaption = "A = docker/2026-11-26T09-00-00.000Z (typical): native on AMD EPYC 7B13, 2 cores · B = libvirt/2026-11-26T10-00-00.000Z (tuned): TCG emulation on AMD EPYC 7B13, 2 cores";
    expect(changes.caption).toBe(`Change of every figure · ${runsCaption}`);
    expect(changes.rows).toHaveLength(11);
    expect(phases.caption.endsWith(runsCaption)).toBe(true);
    expect(phases.header).toEqual(["instance: boot phase", "A", "B", "change B − A", "change %"]);
    expect(phases.rows[0]).toEqual(["db: engine start call returned", "280 ms", "800 ms", "+520 ms", "+185.7 %"]);
    expect(floors.rows.map((row) => row[0])).toEqual([
      "container engine floor, Docker CLI",
      "container engine floor, Engine API",
      "VM floor, kernel to a one-line init",
      "VM floor, kernel to a one-line init: VMM up",
      "VM floor, kernel to a one-line init: kernel to init",
    ]);
  });

  it("says in a paragraph what old runs cannot be compared on", () => {
    const old = { file: "/r/libvirt/old.json", results: oldLibvirt() };
    const blocks = comparisonBlocks(old, old, { generatedAt, outputDir: "/r" });
    expect(tables(blocks).map((table) => table.id)).toEqual(["compared-runs", "changes"]);
    expect(blocks.slice(-2)).toEqual([
      { kind: "paragraph", text: "Neither run recorded boot phases (both were measured before phases were), so where their boot time went cannot be compared." },
      { kind: "paragraph", text: "Neither run measured boot floors." },
    ]);
    expect(tables(blocks)[0].rows[0][3]).toBe("typical");
  });
});
