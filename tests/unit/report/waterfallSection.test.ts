import type { ReportBlock } from "../../../labs/lib/report/document";
import { reportRuns, type ReportInput } from "../../../labs/lib/report/reportInput";
import { waterfallChart, type WaterfallRow } from "../../../labs/lib/report/waterfallChart";
import { missingPhaseNotes, waterfallBlocks, waterfallChartId, waterfallRows } from "../../../labs/lib/report/waterfallSection";
import { syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

const docker = { file: "/r/docker/a.json", results: syntheticDocker() };
const typical = { file: "/r/libvirt/b.json", results: syntheticLibvirt() };
const tuned = { file: "/r/libvirt/c.json", results: syntheticLibvirt("2026-11-26T09:30:00.000Z", "tuned") };
const bothProfiles: ReportInput = { docker, libvirt: typical, vmProfiles: { typical, tuned } };

function figures(blocks: readonly ReportBlock[]): Extract<ReportBlock, { kind: "figure" }>[] {
  return blocks.flatMap((block) => (block.kind === "figure" ? [block] : []));
}

function sectionTable(blocks: readonly ReportBlock[]): Extract<ReportBlock, { kind: "table" }> {
  const found = blocks.find((block) => block.kind === "table");
  if (!found || found.kind !== "table") throw new Error("no table");
  return found;
}

/** Every element of one name in an SVG string, e.g. all <rect …>. */
function elements(svg: string, name: string): string[] {
  return svg.match(new RegExp(`<${name}\\b[^>]*>`, "g")) ?? [];
}

describe("the runs where the boot time goes", () => {
  it("are the docker run, then the libvirt run of each VM boot profile", () => {
    expect(reportRuns(bothProfiles).map((results) => results.runId)).toEqual(["2026-11-26T09-00-00.000Z", "2026-11-26T10-00-00.000Z", "2026-11-26T09-30-00.000Z"]);
    expect(reportRuns({ docker, libvirt: tuned }).map((results) => results.profile)).toEqual(["typical", "tuned"]);
    expect(reportRuns(bothProfiles).map(waterfallChartId)).toEqual(["chart-waterfall-docker-typical", "chart-waterfall-libvirt-typical", "chart-waterfall-libvirt-tuned"]);
  });
});

describe("waterfall rows", () => {
  it("give each instance its phases, total and engine call, then the run's floors", () => {
    const rows = waterfallRows(typical.results);
    expect(rows.map((row) => [row.label, row.note, row.totalMs, row.engineCallMs])).toEqual([
      ["db · VM", "app floor 3.00 s · 3 samples", 25_000, 800],
      ["api · VM", "app floor 3.00 s · 3 samples", 45_000, 800],
      ["web · VM", "app floor 3.00 s · 3 samples", 24_000, 800],
      ["VM floor, kernel to a one-line init", "no app: floor of every VM · 3 samples", 4200, undefined],
    ]);
    expect(rows[1].phases.map((phase) => [phase.label, phase.medianMs])).toEqual([
      ["VMM up", 1500],
      ["kernel", 3000],
      ["initramfs", 4500],
      ["init", 33_000],
      ["app", 3000],
    ]);
    expect(rows[3].phases.map((phase) => [phase.label, phase.medianMs])).toEqual([
      ["VMM up", 1600],
      ["kernel to init", 2600],
    ]);
    expect(waterfallRows(docker.results).map((row) => row.label)).toEqual(["db · container", "api · container", "web · container", "container engine floor, Docker CLI", "container engine floor, Engine API"]);
  });
});

describe("the section", () => {
  const blocks = waterfallBlocks(bothProfiles);

  it("opens with a heading to link to and says what a phase and the app floor are", () => {
    expect(blocks[0]).toEqual({ kind: "heading", level: 2, text: "Where the boot time goes", id: "where-the-boot-time-goes" });
    expect(blocks[1].kind === "paragraph" && blocks[1].text).toContain("is the app floor");
  });

  it("has one table row per instance: stack, profile, phases up to app exec, app floor and total", () => {
    const table = sectionTable(blocks);
    expect(table.id).toBe("boot-waterfall");
    expect(table.caption).toBe("Boot phases per instance, medians · docker (typical): native · libvirt (typical): TCG emulation · libvirt (tuned): TCG emulation · host: AMD EPYC 7B13, 2 cores");
    expect(table.header).toEqual(["stack", "profile", "instance", "accelerator", "engine start call returned", "phases up to app exec: median (n)", "app floor: app exec → ready, median (n)", "start → ready: median (n)"]);
    expect(table.rows).toHaveLength(9);
    expect(table.rows[0]).toEqual(["docker", "typical", "db · container", "native", "280 ms", { items: ["runtime 250 ms (n = 3)"] }, "850 ms (n = 3)", "1.10 s (n = 3)"]);
    expect(table.rows[4]).toEqual([
      "libvirt",
      "typical",
      "api · VM",
      "TCG emulation",
      "800 ms",
      { items: ["VMM up 1.50 s (n = 3)", "kernel 3.00 s (n = 3)", "initramfs 4.50 s (n = 3)", "init 33.0 s (n = 3)"] },
      "3.00 s (n = 3)",
      "45.0 s (n = 3)",
    ]);
    expect(table.rows[7]).toEqual([
      "libvirt",
      "tuned",
      "api · VM",
      "TCG emulation",
      "800 ms",
      { items: ["VMM up 1.50 s (n = 3)", "kernel + initramfs 3.50 s (n = 3)", "init 100 ms (n = 3)"] },
      "3.90 s (n = 3)",
      "9.00 s (n = 3)",
    ]);
  });

  it("says which marker a run's samples lack and which phases merged for it", () => {
    expect(blocks).toContainEqual({ kind: "list", items: ['libvirt (tuned), db, api, web: no sample recorded the kernel handing over to its initramfs, so "kernel + initramfs" shows as one phase.'] });
  });

  it("draws one chart per run, titled and captioned with its stack, profile and accelerator", () => {
    const charts = figures(blocks);
    expect(charts.map((chart) => [chart.id, chart.title])).toEqual([
      ["chart-waterfall-docker-typical", "Where the boot time goes: docker containers, typical profile, native"],
      ["chart-waterfall-libvirt-typical", "Where the boot time goes: libvirt VMs, typical profile, TCG emulation"],
      ["chart-waterfall-libvirt-tuned", "Where the boot time goes: libvirt VMs, tuned profile, TCG emulation"],
    ]);
    expect(charts[2].caption.endsWith("Run 2026-11-26T09-30-00.000Z · libvirt (tuned): TCG emulation · host: AMD EPYC 7B13, 2 cores")).toBe(true);
    expect(charts[1].caption).toContain("the VM floor");
    expect(charts[0].caption).toContain("container engine floors");
    expect(charts[2].svg).toContain('<svg id="chart-waterfall-libvirt-tuned"');
  });

  it("says what is missing for results made before phases were recorded, instead of a chart", () => {
    const old = structuredClone(typical);
    delete old.results.profile;
    for (const instance of old.results.instances) delete instance.boot.phases;
    const oldBlocks = waterfallBlocks({ docker, libvirt: old });
    expect(figures(oldBlocks).map((chart) => chart.id)).toEqual(["chart-waterfall-docker-typical"]);
    expect(sectionTable(oldBlocks).rows[3]).toEqual(["libvirt", "typical", "db · VM", "TCG emulation", "not recorded", "not recorded in this run", "not recorded", "25.0 s (n = 3)"]);
    expect(missingPhaseNotes(old.results)).toEqual([
      "libvirt (typical), run 2026-11-26T10-00-00.000Z: no boot phases were recorded (the run was measured before they were), so it has no waterfall; measure the stack again with `npm run measure -- libvirt`.",
    ]);
  });

  it("is left out when no stack has results", () => {
    expect(waterfallBlocks({})).toEqual([]);
  });
});

describe("the waterfall chart", () => {
  const rows: WaterfallRow[] = [
    {
      label: "api · VM",
      note: "app floor 3.00 s",
      phases: [
        { steps: ["vmm"], label: "VMM up", medianMs: 1500, samples: 3 },
        { steps: ["kernel", "initramfs"], label: "kernel + initramfs", medianMs: 3500, samples: 3 },
        { steps: ["app"], label: "app", medianMs: 3000, samples: 3 },
      ],
      totalMs: 8200,
      engineCallMs: 800,
    },
    { label: "VM floor", note: "no app", phases: [{ steps: ["vmm", "kernel"], label: "VMM up + kernel", medianMs: 4000, samples: 3 }], totalMs: 4000 },
  ];
  const svg = waterfallChart("chart-waterfall-test", "Where the boot time goes: test", rows);

  it("stacks each row's phase medians from 0 on a linear axis ending at the tick past the farthest row", () => {
    expect(elements(svg, "rect").filter((rect) => rect.includes('height="18"'))).toEqual([
      '<rect x="290" y="65" width="73.5" height="18" fill="#718096">',
      '<rect x="363.5" y="65" width="171.5" height="18" fill="#dd6b20">',
      '<rect x="535" y="65" width="147" height="18" fill="#38a169">',
      '<rect x="290" y="101" width="196" height="18" fill="#718096">',
    ]);
    expect([...svg.matchAll(/class="tick" text-anchor="middle">([^<]*)</g)].map((match) => match[1])).toEqual(["0", "2 s", "4 s", "6 s", "8 s", "10 s"]);
  });

  it("writes a phase's name and median inside its segment where it fits, its name alone or nothing where not", () => {
    expect(svg).toContain(">kernel + initramfs 3.50 s</text>");
    expect(svg).toContain(">VMM up</text>");
    expect(svg).toContain(">app 3.00 s</text>");
    expect(svg).toContain("<title>api · VM: kernel + initramfs 3.50 s (median of 3)</title>");
  });

  it("marks the engine call with a triangle above the bar and writes each row's median total after it", () => {
    expect(svg).toContain('<path d="M 324.2 58 L 334.2 58 L 329.2 65 Z" fill="#1a202c"><title>api · VM: the engine&#39;s start call returned after 800 ms (median)</title></path>');
    expect(svg).toContain('<text x="697.8" y="78" class="bar-total">8.20 s</text>');
    expect(svg).toContain(">engine start call returned</text>");
    expect(svg).toContain('<text x="492" y="114" class="bar-total">4.00 s</text>');
  });

  it("lists in its legend only the steps its rows use", () => {
    const legendLabels = [...svg.matchAll(/class="legend">([^<]*)</g)].map((match) => match[1]);
    expect(legendLabels).toEqual(["VMM up", "kernel", "app", "engine start call returned"]);
  });
});
