import { densityBlocks, densityBootChartId, densityMemoryChart, densityMemoryChartId, densityMemoryRows } from "../../../labs/lib/report/densitySection";
import { densityRule, densityVerdict, farMoreFactor } from "../../../labs/lib/report/densityVerdict";
import { evaluateClaims } from "../../../labs/lib/report/verdicts";
import { MiB, syntheticDensity, syntheticSteps } from "../../fixtures/density/syntheticDensity";

const runs = { docker: syntheticDensity("docker"), libvirt: syntheticDensity("libvirt") };

describe("the C12 rule", () => {
  it("says supported from five times as many containers per GiB, partly above one, contradicted at one or less", () => {
    expect(farMoreFactor).toBe(5);
    expect([5, 4.9, 1.01, 1, 0.5].map(densityVerdict)).toEqual(["supported", "partly supported", "partly supported", "contradicted", "contradicted"]);
  });

  it("compares containers per GiB with VMs per GiB and names the accelerator, the sizes and the host", () => {
    // 3 containers in 27 MiB (113.8 per GiB) against 2 VMs in 476 MiB (4.3 per GiB).
    const row = densityRule(runs);
    expect(row.verdict).toBe("supported");
    expect(row.figures).toEqual([
      "containers (native, tuned profile): 3 copies of db in 27.0 MiB of host memory → 113.8 per GiB; start→ready median 2.00 s (run 2026-12-02T13-05-46.668Z)",
      "VMs (TCG emulation, tuned profile): 2 copies of db in 476.0 MiB of host memory → 4.3 per GiB; start→ready median 12.4 s (run 2026-12-02T13-07-35.523Z)",
      "26.4× as many containers as VMs per GiB",
    ]);
    expect(row.condition).toBe(
      "VMs under TCG emulation with 256.0 MiB of RAM each, whose QEMU also holds its TCG translation cache; containers native with a 128.0 MiB limit each; per GiB extrapolated from 3 and 2 copies of Redis at rest; on Test CPU, 2 cores",
    );
    expect(row.rule).toContain("containers ≥ 5× VMs supported");
  });

  it("is not as clear when containers take nearly as much as VMs", () => {
    const heavy = syntheticDensity("docker", syntheticSteps([200 * MiB, 200 * MiB], [2000, 2000]));
    expect(densityRule({ ...runs, docker: heavy }).verdict).toBe("partly supported");
  });

  it("is not measured without both platforms' runs, and says which command is missing", () => {
    const row = densityRule({ docker: runs.docker });
    expect(row.verdict).toBe("not measured");
    expect(row.figures).toHaveLength(1);
    expect(row.rule).toContain("needs `npm run density -- libvirt`, each with its stack up");
    expect(densityRule(undefined).rule).toContain("needs `npm run density -- docker` and `npm run density -- libvirt`");
  });

  it("answers C12 in the ledger", () => {
    expect(evaluateClaims({ density: runs }).find((row) => row.claim.id === "C12")?.verdict).toBe("supported");
  });
});

describe("the density section", () => {
  it("shows a table row per platform and the two charts", () => {
    const blocks = densityBlocks(runs);
    expect(blocks[0]).toEqual({ kind: "heading", level: 2, text: "Density", id: "density" });
    const table = blocks.find((block) => block.kind === "table");
    expect(table?.kind === "table" && table.rows).toEqual([
      ["container", "native · tuned", "128.0 MiB", "3", "3 copies, the most asked for", "2.00 s (1.70 s–2.20 s)", "9.0 MiB", "27.0 MiB", "113.8", "19.5 GiB → 19.5 GiB"],
      ["VM", "TCG emulation · tuned", "256.0 MiB", "2", "2 copies, the most asked for", "12.4 s (9.40 s–15.5 s)", "238.0 MiB", "476.0 MiB", "4.3", "19.5 GiB → 19.1 GiB"],
    ]);
    const figures = blocks.flatMap((block) => (block.kind === "figure" ? [block] : []));
    expect(figures.map((figure) => figure.id)).toEqual([densityMemoryChartId, densityBootChartId]);
    expect(figures[1].svg).toContain(`<svg id="${densityBootChartId}"`);
    expect(figures[1].svg.match(/<circle /g)).toHaveLength(5);
    expect(figures.every((figure) => figure.caption.includes("docker (tuned): native · libvirt (tuned): TCG emulation · host: Test CPU, 2 cores"))).toBe(true);
  });

  it("draws each copy as a segment of its platform's bar, with the budget as a dashed line", () => {
    const rows = densityMemoryRows([runs.docker, runs.libvirt]);
    expect(rows.map((row) => [row.label, row.note])).toEqual([
      ["db copies · container", "native · 3 in 27.0 MiB · 113.8 per GiB"],
      ["db copies · VM", "TCG emulation · 2 in 476.0 MiB · 4.3 per GiB"],
    ]);
    const svg = densityMemoryChart(rows);
    expect(svg).toContain(`<svg id="${densityMemoryChartId}"`);
    expect(svg.match(/<title>db copies · [^:]+: copy \d/g)).toHaveLength(5);
    expect(svg.match(/stroke-dasharray="4 2"/g)).toHaveLength(2);
    expect(svg).toContain(">2 GiB</text>");
  });

  it("says how to get a platform's missing run, and is left out without any", () => {
    expect(densityBlocks({ libvirt: runs.libvirt }).find((block) => block.kind === "paragraph" && block.className === "notice")).toEqual({
      kind: "paragraph",
      className: "notice",
      text: "No density run of docker yet: `npm run density -- docker` (with the stack up).",
    });
    expect(densityBlocks(undefined)).toEqual([]);
  });
});
