import { bootChart, bootRows, sampleOffset, type BootRow } from "../../../labs/lib/report/bootChart";
import { diskChart, diskRowsOfStack, type DiskRow } from "../../../labs/lib/report/diskChart";
import { memoryChart, memoryRows, memorySegments, type MemoryRow } from "../../../labs/lib/report/memoryChart";
import { chartHeight, rowCenter, rowLayout } from "../../../labs/lib/report/rowChart";
import { MiB, syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

const located = { docker: { file: "docker/a.json", results: syntheticDocker() }, libvirt: { file: "libvirt/b.json", results: syntheticLibvirt() } };

/** Every element of one name in an SVG string, e.g. all <circle …>. */
function elements(svg: string, name: string): string[] {
  return svg.match(new RegExp(`<${name}\\b[^>]*>`, "g")) ?? [];
}

/** The x axis's ticks of a chart: [x, label, y] each. */
function axisTicks(svg: string): string[][] {
  return [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" class="tick" text-anchor="middle">([^<]*)<\/text>/g)].map((match) => [match[1], match[3], match[2]]);
}

describe("row layout", () => {
  it("puts rows 36 px apart below the top, and the axis 44 px of room below the last", () => {
    const layout = rowLayout(2, 36);
    expect(rowCenter(layout, 0)).toBe(54);
    expect(rowCenter(layout, 1)).toBe(90);
    expect(chartHeight(layout)).toBe(152);
  });
});

describe("boot chart", () => {
  const rows: BootRow[] = [
    { label: "web · container", note: "native", kind: "container", samplesMs: [1000, 2000] },
    { label: "web · VM", note: "TCG emulation", kind: "vm", samplesMs: [10_000] },
  ];
  const svg = bootChart(rows);

  it("draws every sample as a dot on the log axis, alternate samples offset so equal ones stay visible", () => {
    expect([0, 1, 2, 3].map(sampleOffset)).toEqual([-6, 0, 6, -6]);
    expect(elements(svg, "circle")).toEqual([
      '<circle cx="290" cy="48" r="4" fill="#2b6cb0" fill-opacity="0.7">',
      '<circle cx="452.6" cy="54" r="4" fill="#2b6cb0" fill-opacity="0.7">',
      '<circle cx="830" cy="84" r="4" fill="#dd6b20" fill-opacity="0.7">',
    ]);
    expect(svg).toContain("<title>web · container: sample 2, 2.00 s</title>");
  });

  it("marks each median with a tick across its row (median of 1 s and 2 s: 1.5 s)", () => {
    expect(svg).toContain('<line x1="385.1" y1="42" x2="385.1" y2="66" stroke="#1a202c" stroke-width="3"><title>web · container: median 1.50 s</title></line>');
    expect(svg).toContain('<line x1="830" y1="78" x2="830" y2="102" stroke="#1a202c" stroke-width="3">');
  });

  it("labels the 1-2-5 ticks of the log axis under it", () => {
    expect(axisTicks(svg)).toEqual([
      ["290", "1 s", "124"],
      ["452.6", "2 s", "124"],
      ["667.4", "5 s", "124"],
      ["830", "10 s", "124"],
    ]);
    expect(svg).toContain('<svg id="chart-boot" class="chart" viewBox="0 0 860 152" width="860" height="152"');
    expect(svg).toContain("(log scale)");
  });

  it("makes one row per instance, app by app, naming platform, accelerator and median", () => {
    expect(bootRows(located).map((row) => `${row.label} | ${row.note}`)).toEqual([
      "db · container | native · median 1.10 s (n = 3)",
      "db · VM | TCG emulation · median 25.0 s (n = 3)",
      "api · container | native · median 1.05 s (n = 4)",
      "api · VM | TCG emulation · median 45.0 s (n = 3)",
      "web · container | native · median 1.06 s (n = 3)",
      "web · VM | TCG emulation · median 24.0 s (n = 3)",
    ]);
    expect(bootRows({ docker: located.docker })).toHaveLength(3);
  });
});

describe("memory chart", () => {
  it("splits a container into anonymous, page cache, shim and the rest of its host figure", () => {
    const api = syntheticDocker().instances.find((instance) => instance.app === "api")!;
    expect(memorySegments(api)).toEqual([
      { kind: "anon", bytes: 15 * MiB },
      { kind: "file", bytes: 1 * MiB },
      { kind: "shim", bytes: 12 * MiB },
      { kind: "other", bytes: 2 * MiB },
    ]);
    const db = syntheticDocker().instances.find((instance) => instance.app === "db")!;
    expect(memorySegments(db).map((segment) => segment.kind)).toEqual(["anon", "file", "shim"]);
  });

  it("splits a VM's PSS into anonymous and file-backed memory and never counts a shim for it", () => {
    const vm = syntheticLibvirt().instances.find((instance) => instance.app === "db")!;
    vm.memory.breakdown.shimRssBytes = 5 * MiB;
    expect(memorySegments(vm)).toEqual([
      { kind: "anon", bytes: 200 * MiB },
      { kind: "file", bytes: 40 * MiB },
      { kind: "other", bytes: 16 * MiB },
    ]);
  });

  it("gives VMs their configured RAM as an outline, containers none", () => {
    const rows = memoryRows(located);
    expect(rows.map((row) => [row.label, row.note, row.configuredBytes])).toEqual([
      ["db · container", "native · 16.0 MiB", undefined],
      ["db · VM", "TCG emulation · 256.0 MiB of 512.0 MiB", 512 * MiB],
      ["api · container", "native · 30.0 MiB", undefined],
      ["api · VM", "TCG emulation · 300.0 MiB of 512.0 MiB", 512 * MiB],
      ["web · container", "native · 15.0 MiB", undefined],
      ["web · VM", "TCG emulation · 200.0 MiB of 512.0 MiB", 512 * MiB],
    ]);
  });

  it("stacks the parts left to right on a byte axis and outlines the configured RAM (1 MiB = 5.4 px here)", () => {
    const rows: MemoryRow[] = [
      { label: "c", note: "native", segments: [{ kind: "anon", bytes: 4 * MiB }, { kind: "file", bytes: 2 * MiB }, { kind: "shim", bytes: 8 * MiB }, { kind: "other", bytes: 2 * MiB }] },
      { label: "v", note: "TCG", segments: [{ kind: "anon", bytes: 60 * MiB }, { kind: "file", bytes: 20 * MiB }], configuredBytes: 100 * MiB },
    ];
    const bars = elements(memoryChart(rows), "rect").filter((element) => !element.includes('width="12"') && !element.includes('fill="#f7fafc"'));
    expect(bars).toEqual([
      '<rect x="290" y="65" width="21.6" height="18" fill="#2b6cb0">',
      '<rect x="311.6" y="65" width="10.8" height="18" fill="#90cdf4">',
      '<rect x="322.4" y="65" width="43.2" height="18" fill="#805ad5">',
      '<rect x="365.6" y="65" width="10.8" height="18" fill="#a0aec0">',
      '<rect x="290" y="101" width="324" height="18" fill="#2b6cb0">',
      '<rect x="614" y="101" width="108" height="18" fill="#90cdf4">',
      '<rect x="290" y="97" width="540" height="26" fill="none" stroke="#dd6b20" stroke-width="2" stroke-dasharray="5 3">',
    ]);
    expect(axisTicks(memoryChart(rows))).toEqual([
      ["290", "0", "144"],
      ["398", "20 MiB", "144"],
      ["506", "40 MiB", "144"],
      ["614", "60 MiB", "144"],
      ["722", "80 MiB", "144"],
      ["830", "100 MiB", "144"],
    ]);
  });
});

describe("disk chart", () => {
  it("gives each stack a copy-on-write bar (shared once + own bytes) and a full-copies bar", () => {
    const rows = diskRowsOfStack("libvirt", syntheticLibvirt());
    expect(rows).toEqual([
      {
        label: "libvirt · copy-on-write",
        note: "TCG emulation · 1.1 GiB",
        segments: [{ part: "shared", bytes: 1024 * MiB }, { part: "db", bytes: 40 * MiB }, { part: "api", bytes: 60 * MiB }, { part: "web", bytes: 30 * MiB }],
      },
      {
        label: "libvirt · full copies",
        note: "TCG emulation · 3.1 GiB",
        segments: [{ part: "db", bytes: 1064 * MiB }, { part: "api", bytes: 1084 * MiB }, { part: "web", bytes: 1054 * MiB }],
      },
    ]);
  });

  it("stacks the parts on a byte axis reaching the longest bar", () => {
    const rows: DiskRow[] = [
      { label: "s · copy-on-write", note: "", segments: [{ part: "shared", bytes: 50 * MiB }, { part: "web", bytes: 10 * MiB }] },
      { label: "s · full copies", note: "", segments: [{ part: "web", bytes: 100 * MiB }] },
    ];
    const svg = diskChart(rows);
    const bars = elements(svg, "rect").filter((element) => element.includes('height="18"'));
    expect(bars).toEqual([
      '<rect x="290" y="65" width="270" height="18" fill="#718096">',
      '<rect x="560" y="65" width="54" height="18" fill="#38a169">',
      '<rect x="290" y="101" width="540" height="18" fill="#38a169">',
    ]);
    expect(svg).toContain('<svg id="chart-disk"');
    expect(svg).toContain("<title>s · copy-on-write: shared image part, stored once 50.0 MiB</title>");
  });
});
