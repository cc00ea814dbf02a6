import { benchBlocks, overheadBars, overheadChart } from "../../../labs/lib/report/benchSection";
import { overheadRule, resourcesLeftRule } from "../../../labs/lib/report/overheadVerdicts";
import { benchRun } from "../bench/fixture";

describe("claims C09 and C10, judged from the overhead benchmarks", () => {
  const docker = benchRun("docker", { cpu: 1.01, memory: 0.99, disk: 0.95 });

  it("are not measured without a bench run", () => {
    expect(resourcesLeftRule({}).verdict).toBe("not measured");
    expect(overheadRule({}).rule).toContain("npm run bench -- all");
  });

  it("C09: supported when containers keep nearly all and VMs about 90 % of the host's CPU rate", () => {
    expect(resourcesLeftRule({ docker, libvirt: benchRun("libvirt", { cpu: 0.9, memory: 0.9, disk: 0.8 }) }).verdict).toBe("supported");
  });

  it("C09: partly supported under emulation, where a VM keeps far less than 90 %, and says what KVM gave elsewhere", () => {
    const row = resourcesLeftRule({ docker, libvirt: benchRun("libvirt", { cpu: 0.12, memory: 0.16, disk: 0.2 }) });
    expect(row.verdict).toBe("partly supported");
    expect(row.figures[1]).toBe("VMs keep 12.0 %");
    expect(row.condition).toContain("VMs under TCG emulation (tuned profile)");
    expect(row.condition).toContain("Felter et al.");
  });

  it("C10: storage and I/O must be where VMs lose most", () => {
    expect(overheadRule({ docker, libvirt: benchRun("libvirt", { cpu: 0.85, memory: 0.8, disk: 0.5 }) }).verdict).toBe("supported");
    const emulated = overheadRule({ docker, libvirt: benchRun("libvirt", { cpu: 0.12, memory: 0.16, disk: 0.2 }) });
    expect(emulated.verdict).toBe("partly supported");
    expect(emulated.rule).toContain("VMs lose most in storage and I/O (disk ratio below CPU and memory ratio): does not hold");
  });

  it("C10: contradicted when neither platform loses anything", () => {
    expect(overheadRule({ docker: benchRun("docker", { cpu: 0.5, memory: 0.5, disk: 0.5 }), libvirt: benchRun("libvirt", { cpu: 1, memory: 1, disk: 1 }) }).verdict).toBe("contradicted");
  });
});

describe("the overhead section", () => {
  const runs = { docker: benchRun("docker", { cpu: 1, memory: 0.98, disk: 0.96 }), libvirt: benchRun("libvirt", { cpu: 0.12, memory: 0.16, disk: 0.2 }) };

  it("says how to measure when there is no bench run", () => {
    expect(benchBlocks({})[1]).toEqual({ kind: "paragraph", text: "No overhead benchmarks yet: run `npm run bench -- all` with both stacks up." });
  });

  it("has a row per workload and instance, the request path of each stack and a chart", () => {
    const blocks = benchBlocks(runs);
    const overhead = blocks.find((block) => block.kind === "table" && block.id === "overhead");
    expect(overhead?.kind === "table" && overhead.rows).toHaveLength(14);
    expect(overhead?.kind === "table" && overhead.rows[7]).toEqual(["cpu", "db · VM (libvirt, tuned)", "TCG emulation", "4000 events/s", "480 events/s (CV 0 %)", "12.0 %"]);
    const requestPath = blocks.find((block) => block.kind === "table" && block.id === "request-path");
    expect(requestPath?.kind === "table" && requestPath.rows.map((row) => row[0])).toEqual(["docker (tuned)", "libvirt (tuned)"]);
    expect(blocks.some((block) => block.kind === "figure" && block.id === "chart-overhead")).toBe(true);
  });

  it("draws one bar per workload and platform, with the host's rate as a dashed line", () => {
    const bars = overheadBars(runs);
    expect(bars.map((bar) => bar.label)).toEqual(["cpu · container", "cpu · VM", "memory · container", "memory · VM", "disk-random-4k · container", "disk-random-4k · VM"]);
    const svg = overheadChart(bars);
    expect(svg).toContain('id="chart-overhead"');
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect((svg.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(6);
  });
});
