import { appTable, bootCell, withCrossCheck } from "../../../labs/lib/report/appTables";
import { claims } from "../../../labs/lib/report/claims";
import type { ReportBlock } from "../../../labs/lib/report/document";
import { formatBytes } from "../../../labs/lib/report/format";
import { floorBlocks } from "../../../labs/lib/report/floorTable";
import { idleRule } from "../../../labs/lib/measure/stats";
import { headerBlocks, idleText, missingStackNotice, slowestSampleText, trustNotices } from "../../../labs/lib/report/header";
import { describeCrossCheck, methodRows, probeCostText } from "../../../labs/lib/report/howMeasured";
import { ledgerBlocks, verdictClass } from "../../../labs/lib/report/ledger";
import { reportBlocks } from "../../../labs/lib/report/reportDocument";
import { measurementCaption, type ReportInput } from "../../../labs/lib/report/reportInput";
import type { LedgerRow } from "../../../labs/lib/report/verdicts";
import type { BootMeasurement } from "../../../labs/lib/measure/resultsSchema";
import { syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

const both: ReportInput = {
  docker: { file: "/r/docker/2026-11-26T09-00-00.000Z.json", results: syntheticDocker() },
  libvirt: { file: "/r/libvirt/2026-11-26T10-00-00.000Z.json", results: syntheticLibvirt() },
};
const dockerOnly: ReportInput = { docker: both.docker };
const options = { generatedAt: new Date("2026-11-27T08:00:00.000Z"), resultsDir: "/r", outputDir: "/r" };

/** A ledger in the shape evaluateClaims returns, with verdicts fixed here so the test does not depend on the rules. */
const ledger: LedgerRow[] = claims.map((claim, index) => ({
  claim,
  verdict: index === 0 ? "contradicted" : index === 1 ? "partly supported" : "not measured",
  figures: index === 0 ? ["VM web: 24.0 s (TCG emulation, AMD EPYC 7B13, 2 cores)", "container web: 1.06 s"] : [],
  condition: index === 0 ? "VMs under TCG emulation" : "",
  rule: "a rule",
}));

function table(blocks: readonly ReportBlock[], id: string): Extract<ReportBlock, { kind: "table" }> {
  const found = blocks.find((block) => block.kind === "table" && block.id === id);
  if (!found || found.kind !== "table") throw new Error(`no table ${id}`);
  return found;
}

describe("captions", () => {
  it("name each stack's accelerator and the host", () => {
    expect(measurementCaption(both)).toBe("docker (typical): native · libvirt (typical): TCG emulation · host: AMD EPYC 7B13, 2 cores");
    expect(measurementCaption(dockerOnly)).toBe("docker (typical): native · libvirt: no results · host: AMD EPYC 7B13, 2 cores");
  });

  it("name each stack's host when the runs come from different hosts", () => {
    const other = syntheticLibvirt();
    other.host.cpuModel = "Intel Xeon";
    other.host.cores = 8;
    expect(measurementCaption({ ...both, libvirt: { file: "x", results: other } })).toBe(
      "docker (typical): native · libvirt (typical): TCG emulation · hosts: docker (typical) on AMD EPYC 7B13, 2 cores; libvirt (typical) on Intel Xeon, 8 cores",
    );
  });
});

describe("header", () => {
  it("sets host facts, run and idleness of both stacks side by side", () => {
    const hostTable = table(headerBlocks(both, options), "host-and-runs");
    expect(hostTable.header).toEqual(["", "docker", "libvirt"]);
    expect(hostTable.rows.map((row) => row[0])).toEqual(["results file", "run id", "measured", "accelerator", "boot profile", "CPU", "cores", "RAM", "kernel", "Docker", "libvirt", "QEMU", "host judged idle"]);
    expect(hostTable.rows[0]).toEqual(["results file", "`docker/2026-11-26T09-00-00.000Z.json`", "`libvirt/2026-11-26T10-00-00.000Z.json`"]);
    expect(hostTable.rows[3]).toEqual(["accelerator", "native", "TCG emulation"]);
    expect(hostTable.rows[4]).toEqual(["boot profile", "typical", "typical"]);
    expect(hostTable.rows[7]).toEqual(["RAM", "24.0 GiB", "24.0 GiB"]);
    expect(hostTable.rows[12]).toEqual(["host judged idle", "yes (load 0.12, rule load1 < 0.5 × cores)", "yes (load 0.12, rule load1 < 0.5 × cores)"]);
  });

  it("says which stack has no results and how to get them", () => {
    const blocks = headerBlocks(dockerOnly, options);
    expect(table(blocks, "host-and-runs").rows[1]).toEqual(["run id", "2026-11-26T09-00-00.000Z", "no results"]);
    expect(blocks).toContainEqual({ kind: "paragraph", className: "notice", text: missingStackNotice("libvirt", "/r") });
    expect(missingStackNotice("libvirt", "/r")).toBe(
      "No libvirt results in `/r/libvirt`, so its column, rows and bars are missing: deploy it with `npm run up -- libvirt`, measure it with `npm run measure -- libvirt`, then run `npm run report` again.",
    );
    const notices = headerBlocks(both, options).filter((block) => block.kind === "paragraph" && block.className === "notice");
    expect(notices.filter((block) => block.kind === "paragraph" && block.text.startsWith("No "))).toEqual([]);
  });

  it("flags samples started on a busy host and instances whose samples spread more than 10 %", () => {
    const busy = structuredClone(both);
    const docker = busy.docker!.results;
    docker.instances[0].boot.samplesMs = [1000, 1010, 990];
    docker.instances[0].boot.hostLoad1m = [0.2, 1.5, 0.3];
    docker.instances[0].boot.probeCpuShare = [0.18, 0.2, 0.17];
    docker.instances[2].boot.probeCpuShare = [0.01, 0.02, 0.01];
    const notices = trustNotices({ docker: busy.docker });
    expect(notices).toContain("db container (docker): 1 of 3 boot samples started with the host busy (load1 < 0.5 × cores not met).");
    expect(notices).toContain("api container (docker): its boot samples spread 16 % (coefficient of variation; on an idle host they stay within 10 %). The slowest took 1.30 s, 250 ms over the median. The others spread 10 %.");
    expect(notices).toContain("db container (docker): the measuring process used 18.0 % of a core while it timed a boot (median), more than 5 %: its polling competes with the instance for the host's cores.");
    expect(notices.filter((notice) => notice.startsWith("db container"))).toHaveLength(2);
    expect(notices.filter((notice) => notice.startsWith("web container") && notice.includes("measuring process"))).toEqual([]);
    expect(notices).toContain("api container (docker): host memory 30.0 MiB and its cross-check 54.0 MiB (PSS of the cgroup's processes) disagree, because a second view.");
  });

  it("judges samples by other processes' CPU where the run recorded it, by the load only where it did not", () => {
    const busy = structuredClone(both);
    const [db, api, web] = busy.libvirt!.results.instances;
    db.boot.otherCpuCores = [0.41, 0.24, 0.32];
    db.boot.hostLoad1m = [3, 3, 3];
    api.boot.otherCpuCores = [0.02, 0.3, 0.05];
    web.boot.otherCpuCores = [0.1, 0.1, 0.1];
    web.boot.hostLoad1m = [3, 3, 3];
    const notices = trustNotices({ libvirt: busy.libvirt });
    expect(notices).toContain(`db VM (libvirt): 2 of 3 boot samples ran while other processes used up to 0.41 core on average (rule: ${idleRule.description}).`);
    expect(notices).toContain("api VM (libvirt): 1 of 3 boot samples ran while other processes used 0.30 core on average (rule: other processes < 0.25 core on average during the sample, beyond the 30 ms (3 clock ticks) by which the CPU counters can be off over it).");
    expect(notices.filter((notice) => notice.startsWith("web VM") && notice.includes("busy"))).toEqual([]);
    expect(notices.filter((notice) => notice.includes("load1"))).toEqual([]);
  });

  it("does not call a short sample busy for what the CPU counters' ticks cannot resolve over it", () => {
    const busy = structuredClone(both);
    const [db, api] = busy.docker!.results.instances;
    db.boot.samplesMs = [70, 70, 70];
    db.boot.otherCpuCores = [0.7, 0.6, 0.1];
    api.boot.samplesMs = [5_000, 5_000, 5_000];
    api.boot.otherCpuCores = [0.26, 0.1, 0.1];
    const notices = trustNotices({ docker: busy.docker });
    // 30 ms over a 70 ms sample is 0.43 core: 0.7 exceeds the limit beyond it, 0.6 does not; over 5 s it is 0.006 core.
    expect(notices.find((notice) => notice.startsWith("db container") && notice.includes("other processes"))).toMatch(/^db container \(docker\): 1 of 3 boot samples/);
    expect(notices.find((notice) => notice.startsWith("api container") && notice.includes("other processes"))).toMatch(/^api container \(docker\): 1 of 3 boot samples/);
  });

  it("names the boot profile of each run, typical for runs made before profiles were recorded", () => {
    const tuned = { file: "/r/libvirt/t.json", results: syntheticLibvirt("2026-11-26T09:30:00.000Z", "tuned") };
    const old = structuredClone(both.libvirt!);
    delete old.results.profile;
    const profileRow = (input: ReportInput) => table(headerBlocks(input, options), "host-and-runs").rows[4];
    expect(profileRow({ ...both, libvirt: tuned })).toEqual(["boot profile", "typical", "tuned"]);
    expect(profileRow({ ...both, libvirt: old })).toEqual(["boot profile", "typical", "typical"]);
  });

  it("warns when the host was busy", () => {
    const busy = syntheticDocker();
    busy.host.idle = { loadAverage1m: 6.05, judgedIdle: false };
    expect(idleText(busy)).toBe("no (load 6.05)");
    expect(headerBlocks({ docker: { file: "/r/d.json", results: busy } }, options)).toContainEqual({
      kind: "paragraph",
      className: "notice",
      text: "The host was not judged idle during the docker run: load 6.05 on 2 cores. Its timings may be longer than on a quiet host.",
    });
  });
});

describe("app tables", () => {
  it("write boot spread and cross-checks with their agreement", () => {
    expect(bootCell([900, 1000, 1100, 1300])).toBe("1.05 s (900 ms – 1.30 s, CV 16 % (over 10 %), n = 4)");
    expect(bootCell([1000, 1010, 990])).toBe("1.00 s (990 ms – 1.01 s, CV 1 %, n = 3)");
    expect(withCrossCheck("30.0 MiB", { method: "m", value: 54 * 1024 * 1024, agrees: false, toleranceFraction: 0.15 }, formatBytes)).toBe("30.0 MiB (cross-check 54.0 MiB ≠)");
    expect(withCrossCheck("1.05 s", undefined, formatBytes)).toBe("1.05 s");
  });

  it("put an app's container and VM side by side", () => {
    expect(appTable("api", both)).toEqual({
      kind: "table",
      id: "app-api",
      caption: "api: container vs VM · docker (typical): native · libvirt (typical): TCG emulation · host: AMD EPYC 7B13, 2 cores",
      header: ["figure", "container (docker · native · typical profile)", "VM (libvirt · TCG emulation · typical profile)"],
      rows: [
        ["boot to ready: median (min – max, CV, n)", "1.05 s (900 ms – 1.30 s, CV 16 % (over 10 %), n = 4)", "45.0 s (30.0 s – 60.0 s, CV 33 % (over 10 %), n = 3)"],
        ["other apps while sampled", "not recorded", "not recorded"],
        ["host memory", "30.0 MiB (cross-check 54.0 MiB ≠)", "300.0 MiB (cross-check 310.0 MiB ✓)"],
        ["memory configured (limit / RAM)", "128.0 MiB", "512.0 MiB"],
        ["disk: own bytes", "94.0 MiB (cross-check 94.0 MiB ✓)", "60.0 MiB (cross-check 60.0 MiB ✓)"],
        ["image (shared part)", "164.0 MiB (70.0 MiB shared)", "1.0 GiB (1.0 GiB shared)"],
      ],
    });
  });

  it("keep the missing stack's column, empty", () => {
    const dbTable = appTable("db", dockerOnly);
    expect(dbTable.kind === "table" && dbTable.header).toEqual(["figure", "container (docker · native · typical profile)", "libvirt: no results"]);
    expect(dbTable.kind === "table" && dbTable.rows[3]).toEqual(["memory configured (limit / RAM)", "128.0 MiB", "—"]);
  });
});

describe("claims ledger", () => {
  it("has one row per claim with its id, colour-coded verdict and figures, or what would answer it", () => {
    const ledgerTable = table(ledgerBlocks(ledger, "caption"), "claims-ledger");
    expect(ledgerTable.rowIds).toEqual(claims.map((claim) => `claim-${claim.id}`));
    expect(ledgerTable.header).toEqual(["claim", "what the articles say", "sources", "figures", "verdict", "holds when", "rule"]);
    expect(ledgerTable.rows[0]).toEqual([
      "C01",
      claims[0].claim,
      "003, 004",
      { items: ["VM web: 24.0 s (TCG emulation, AMD EPYC 7B13, 2 cores)", "container web: 1.06 s"] },
      { text: "contradicted", className: "verdict-contradicted" },
      "VMs under TCG emulation",
      "a rule",
    ]);
    expect(ledgerTable.rows[2][3]).toBe(`none yet (answered by: ${claims[2].answeredBy})`);
    expect(ledgerTable.rows[2][5]).toBe("—");
    expect(verdictClass("partly supported")).toBe("verdict-partly-supported");
    expect(verdictClass("not measured")).toBe("verdict-not-measured");
  });
});

describe("how measured", () => {
  it("lists each figure's method once per distinct method and cross-check", () => {
    expect(methodRows("docker", syntheticDocker()).map((row) => [row.figure, row.instances.join(", "), row.method])).toEqual([
      ["boot", "db", "docker start until the db ready check passed"],
      ["boot", "api", "docker start until the api ready check passed"],
      ["boot", "web", "docker start until the web ready check passed"],
      ["memory", "db, api, web", "cgroup working set + shim RSS"],
      ["disk", "db, api, web", "layer sizes of unshared layers + writable layer"],
      ["stack memory", "whole stack", "sum of the instances' host memory"],
      ["stack disk", "whole stack", "shared image bytes once + every instance's own bytes (storage folder /var/lib/docker)"],
    ]);
    expect(methodRows("docker", syntheticDocker())[3].crossCheck).toBe("PSS of the cgroup's processes (tolerance 15 %): a second view");
    expect(describeCrossCheck(undefined)).toBe("none");
  });

  it("says what the measuring cost, or that it was not recorded", () => {
    expect(probeCostText("docker", syntheticDocker())).toBe("docker: the measuring process used 0.50 CPU seconds and ended with a resident set of 160.0 MiB (the measuring process itself).");
    const unrecorded = syntheticDocker();
    delete unrecorded.probeCost;
    expect(probeCostText("docker", unrecorded)).toBe("docker: the measuring process's own cost was not recorded in this run.");
  });
});

describe("the whole report", () => {
  it("runs header, app tables, floors, where the boot time goes, confinement and isolation, the three charts, the ledger and the methods in that order", () => {
    const blocks = reportBlocks(both, ledger, options);
    const outline = blocks.flatMap((block) => (block.kind === "heading" ? [block.text] : block.kind === "figure" ? [`figure ${block.id}`] : []));
    expect(outline).toEqual([
      "What do VMs really cost compared with containers? Measured report",
      "Container vs VM, app by app",
      "Boot floors",
      "Where the boot time goes",
      "figure chart-waterfall-docker-typical",
      "figure chart-waterfall-libvirt-typical",
      "Confinement",
      "Isolation",
      "Charts",
      "figure chart-boot",
      "figure chart-memory",
      "figure chart-disk",
      "Overhead: the same workload on the host, in containers and in VMs",
      "Claims ledger",
      "How measured",
      "Cost of measuring",
    ]);
  });

  it("ends the caption of every table and chart, but the host table, with the accelerators, profiles and host of the runs it shows", () => {
    const blocks = reportBlocks(both, ledger, options);
    const captions = blocks.flatMap((block) => (block.kind === "figure" || block.kind === "table" ? [block.caption] : []));
    expect(captions[0]).toBe("Host and runs");
    expect(captions.slice(1)).toHaveLength(14);
    const waterfallCharts = blocks.flatMap((block) => (block.kind === "figure" && block.id.startsWith("chart-waterfall-") ? [block.caption] : []));
    expect(waterfallCharts.map((caption) => caption.slice(caption.lastIndexOf("Run ")))).toEqual([
      "Run 2026-11-26T09-00-00.000Z · docker (typical): native · host: AMD EPYC 7B13, 2 cores",
      "Run 2026-11-26T10-00-00.000Z · libvirt (typical): TCG emulation · host: AMD EPYC 7B13, 2 cores",
    ]);
    const others = captions.slice(1).filter((caption) => !waterfallCharts.includes(caption));
    for (const caption of others) expect(caption.endsWith(" docker (typical): native · libvirt (typical): TCG emulation · host: AMD EPYC 7B13, 2 cores")).toBe(true);
  });

  it("still renders with only docker measured", () => {
    const blocks = reportBlocks(dockerOnly, ledger, options);
    const disk = blocks.find((block) => block.kind === "figure" && block.id === "chart-disk");
    expect(disk?.kind === "figure" && disk.svg).toContain("docker · full copies");
    expect(disk?.kind === "figure" && disk.svg).not.toContain("libvirt");
  });
});

describe("boot floors", () => {
  it("are left out of a report whose runs measured none", () => {
    const withoutFloors = structuredClone(both);
    delete withoutFloors.docker!.results.floors;
    delete withoutFloors.libvirt!.results.floors;
    expect(floorBlocks(withoutFloors)).toEqual([]);
  });

  it("put each floor a run measured in one table, with its spread and method", () => {
    const blocks = floorBlocks(both);
    expect(blocks[0]).toEqual({ kind: "heading", level: 2, text: "Boot floors" });
    expect(table(blocks, "boot-floors").rows).toEqual([
      ["container engine floor, Docker CLI", "docker", "750 ms (740 ms – 760 ms, CV 1 %, n = 3)", "docker start --attach of a no-op container"],
      ["container engine floor, Engine API", "docker", "650 ms (640 ms – 660 ms, CV 2 %, n = 3)", "Engine API start + wait of a no-op container"],
      ["VM floor, kernel to a one-line init", "libvirt", "4.20 s (4.00 s – 4.40 s, CV 5 %, n = 3)", "the lab's kernel to a one-line init, seen on the serial console"],
    ]);
  });
});

describe("where the slowest boot sample lost its time", () => {
  const boot = (samplesMs: number[], engineStartCallMs: number[], appExecMs: number[]) =>
    ({ samplesMs, method: "m", phases: samplesMs.map((_, sample) => ({ engineStartCallMs: engineStartCallMs[sample], appExecMs: appExecMs[sample] })) }) as BootMeasurement;

  it("places a delay at the engine's start call when the sample was behind by half of it there", () => {
    expect(slowestSampleText(boot([73, 76, 72, 121, 78], [73, 74, 68, 119, 71], [65, 72, 67, 117, 69]))).toBe(
      "The slowest took 121 ms, 45 ms over the median; it was 46 ms behind already when the engine's start call returned. The others spread 4 %.",
    );
  });

  it("places it at the app's start when the engine was on time, and nowhere when no phase explains it", () => {
    expect(slowestSampleText(boot([73, 76, 72, 121, 78], [73, 74, 68, 75, 71], [65, 72, 67, 110, 69]))).toContain("; it was 41 ms behind already when the app's process started.");
    expect(slowestSampleText(boot([73, 76, 72, 121, 78], [73, 74, 68, 75, 71], [65, 72, 67, 70, 69]))).toBe("The slowest took 121 ms, 45 ms over the median. The others spread 4 %.");
    expect(slowestSampleText(boot([73, 121], [73, 119], [65, 117]))).toBeUndefined();
  });
});
