import type { BootProfile } from "../../../model/bootProfile";
import type { ExecutionMode } from "../../../model/deployment";
import { schemaVersion, type InstanceResult, type MeasurementResults } from "../../../labs/lib/measure/resultsSchema";
import { combineParts, evaluateClaims, type LedgerInput, type LedgerRow } from "../../../labs/lib/report/verdicts";

const MB = 1_000_000;
const MiB = 1024 * 1024;

interface InstanceFigures {
  bootMs: number[];
  hostBytes: number;
  configuredBytes: number;
  imageBytes: number;
  sharedBytes: number;
  allocatedBytes: number;
  kernelRelease?: string;
}

function instance(app: "web" | "api" | "db", kind: "vm" | "container", figures: InstanceFigures): InstanceResult {
  return {
    app,
    kind,
    name: `${kind}-${app}`,
    instanceId: `${kind}-${app}-id`,
    boot: { samplesMs: figures.bootMs, method: "synthetic" },
    memory: { hostBytes: figures.hostBytes, method: "synthetic", breakdown: { configuredBytes: figures.configuredBytes } },
    disk: {
      allocatedBytes: figures.allocatedBytes,
      method: "synthetic",
      imageBytes: figures.imageBytes,
      sharedBytes: figures.sharedBytes,
      uniqueBytes: figures.imageBytes - figures.sharedBytes,
      writableBytes: figures.allocatedBytes,
      fullCopyEquivalentBytes: figures.imageBytes + figures.allocatedBytes,
    },
    kernelRelease: figures.kernelRelease,
  };
}

function results(stack: "docker" | "libvirt", accelerator: ExecutionMode, instances: InstanceResult[], provisioning?: { upWallMs: number; readyMs: number }): MeasurementResults {
  const shared = Math.max(...instances.map((entry) => entry.disk.sharedBytes));
  const total = shared + instances.reduce((sum, entry) => sum + entry.disk.allocatedBytes, 0);
  return {
    schemaVersion,
    runId: "2026-11-25T14-00-00.000Z",
    stack,
    startedAt: "2026-11-25T14:00:00.000Z",
    finishedAt: "2026-11-25T14:05:00.000Z",
    host: { accelerator, cpuModel: "Test CPU", cores: 2, memTotalBytes: 24e9, kernel: "6.18.0-host", dockerVersion: "20.10", libvirtVersion: "9.0.0", qemuVersion: "7.2", idle: { loadAverage1m: 0.1, judgedIdle: true } },
    instances,
    memory: { totalBytes: 1, method: "synthetic", hostUsedBeforeBytes: 0, hostUsedAfterBytes: 1, crossCheck: { method: "synthetic", value: 1, agrees: true, toleranceFraction: 0.15 } },
    disk: { totalBytes: total, method: "synthetic", sharedBytes: shared, storageDir: "/x", storageBeforeBytes: 0, storageAfterBytes: total, crossCheck: { method: "synthetic", value: total, agrees: true, toleranceFraction: 0.15 } },
    provisioning: provisioning && { upWallMs: provisioning.upWallMs, perResourceMs: {}, readyAfterUpMs: { web: provisioning.readyMs }, method: "synthetic", recordedAt: "2026-11-25T13:00:00.000Z" },
  };
}

const apps = ["db", "api", "web"] as const;

/** Figures like this lab's TCG host: VMs ready in ~25 s, overlays on a 360 MB golden disk, QEMU PSS ~ 40 % of RAM. */
function vmStack(accelerator: ExecutionMode, bootMs: number, options: { overlays?: boolean; hostShare?: number } = {}): MeasurementResults {
  const overlays = options.overlays ?? true;
  return results(
    "libvirt",
    accelerator,
    apps.map((app) =>
      instance(app, "vm", {
        bootMs: [bootMs, bootMs * 1.1, bootMs * 0.9],
        hostBytes: Math.round((options.hostShare ?? 0.4) * 256 * MiB),
        configuredBytes: 256 * MiB,
        imageBytes: 360 * MB,
        sharedBytes: overlays ? 360 * MB : 0,
        allocatedBytes: overlays ? 20 * MB : 380 * MB,
        kernelRelease: "6.1.0-50-cloud-amd64",
      }),
    ),
    { upWallMs: 40_000, readyMs: 30_000 },
  );
}

function containerStack(bootMs: number): MeasurementResults {
  return results(
    "docker",
    "native",
    apps.map((app) => instance(app, "container", { bootMs: [bootMs, bootMs], hostBytes: 16 * MiB, configuredBytes: 128 * MiB, imageBytes: 88 * MB, sharedBytes: 74 * MB, allocatedBytes: 14 * MB, kernelRelease: "6.18.0-host" })),
    { upWallMs: 10_000, readyMs: 20 },
  );
}

function withProfile(results: MeasurementResults, profile: BootProfile): MeasurementResults {
  return { ...results, profile };
}

function row(input: LedgerInput, id: string): LedgerRow {
  const found = evaluateClaims(input).find((entry) => entry.claim.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

describe("combining the parts of a claim", () => {
  it("supports only when every part is measured and holds", () => {
    expect(combineParts([{ statement: "a", holds: true }, { statement: "b", holds: true }])).toBe("supported");
    expect(combineParts([{ statement: "a", holds: true }, { statement: "b", holds: undefined }])).toBe("partly supported");
    expect(combineParts([{ statement: "a", holds: true }, { statement: "b", holds: false }])).toBe("partly supported");
    expect(combineParts([{ statement: "a", holds: false }, { statement: "b", holds: false }])).toBe("contradicted");
    expect(combineParts([{ statement: "a", holds: undefined }])).toBe("not measured");
  });
});

describe("the claims ledger", () => {
  const lab = { docker: containerStack(1_050), libvirt: vmStack("tcg", 25_000) };

  it("has one row per claim, in order, each with a verdict", () => {
    expect(evaluateClaims(lab).map((entry) => entry.claim.id)).toEqual(["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C11", "C12", "C13", "C14"]);
  });

  it("contradicts 'minutes vs 50 ms' with 25 s VMs and 1 s containers, and names TCG in the figures and condition", () => {
    const c01 = row(lab, "C01");
    expect(c01.verdict).toBe("contradicted");
    expect(c01.figures.some((figure) => figure.includes("TCG emulation"))).toBe(true);
    expect(c01.condition).toContain("VMs under TCG emulation");
  });

  it("splits 'about 2 minutes vs about 2 seconds': containers hold, 25 s VMs do not", () => {
    expect(row(lab, "C02").verdict).toBe("partly supported");
    expect(row({ ...lab, libvirt: vmStack("tcg", 100_000) }, "C02").verdict).toBe("supported");
  });

  it("gives the same VM boot figures a different story under KVM and under TCG", () => {
    const underTcg = row({ ...lab, libvirt: vmStack("tcg", 90_000) }, "C01");
    const underKvm = row({ ...lab, libvirt: vmStack("kvm", 3_000) }, "C01");
    expect(underTcg.verdict).toBe("partly supported");
    expect(underKvm.verdict).toBe("contradicted");
    expect(underKvm.condition).toContain("VMs under KVM");
    expect(row({ ...lab, libvirt: vmStack("kvm", 3_000) }, "C11").condition).toContain("KVM was available");
    const c11 = row(lab, "C11");
    expect(c11.verdict).toBe("partly supported");
    expect(c11.rule).toContain("VMs need VT-x/AMD-V: does not hold");
    expect(c11.figures[0]).toContain("×24");
  });

  it("judges the VM boot claims once per VM boot profile, and says what they would need under KVM", () => {
    const profiles = { ...lab, vmProfiles: { typical: withProfile(vmStack("tcg", 25_000), "typical"), tuned: withProfile(vmStack("tcg", 8_000), "tuned") } };
    const c01 = row(profiles, "C01");
    expect(c01.verdict).toBe("contradicted");
    expect(c01.figures[0]).toMatch(/^VM typical under TCG emulation: slowest app's median start→ready 25\.0 s \(db 25\.0 s \(22\.5 s–27\.5 s\), /);
    expect(c01.figures[1]).toMatch(/^VM tuned under TCG emulation: slowest app's median start→ready 8\.00 s /);
    expect(c01.figures[2]).toMatch(/^containers typical, native: slowest app's median start→ready 1\.05 s /);
    expect(c01.rule).toBe(
      "slowest app's median start→ready per platform and VM boot profile; VMs (typical profile, TCG emulation) boot in minutes (≥ 60 s): does not hold; VMs (tuned profile, TCG emulation) boot in minutes (≥ 60 s): does not hold; containers start in about 50 ms (25–100 ms): does not hold",
    );
    expect(c01.condition).toBe(
      "VMs under TCG emulation (typical and tuned profiles); containers native (typical profile); on Test CPU, 2 cores. Under KVM the VM part would need the slowest app's median start→ready at 60 s or more; KVM was not available on this host, so its VMs ran under TCG emulation.",
    );
    expect(row(profiles, "C02").condition).toContain("Under KVM the VM part would need the slowest app's median start→ready at 60–240 s");
  });

  it("supports the VM part only for the profiles whose VMs take that long", () => {
    const slowTypical = { ...lab, vmProfiles: { typical: withProfile(vmStack("tcg", 90_000), "typical"), tuned: withProfile(vmStack("tcg", 8_000), "tuned") } };
    const c02 = row(slowTypical, "C02");
    expect(c02.verdict).toBe("partly supported");
    expect(c02.rule).toContain("VMs (typical profile, TCG emulation) boot in about 2 minutes (60–240 s): holds; VMs (tuned profile, TCG emulation) boot in about 2 minutes (60–240 s): does not hold");
  });

  it("takes the libvirt run alone, under its own profile, without runs per profile", () => {
    const tunedOnly = { ...lab, libvirt: withProfile(vmStack("tcg", 8_000), "tuned") };
    expect(row(tunedOnly, "C01").condition).toMatch(/^VMs under TCG emulation \(tuned profile\); containers native \(typical profile\);/);
    const underKvm = row({ ...lab, libvirt: vmStack("kvm", 3_000) }, "C01");
    expect(underKvm.condition).toContain("VMs under KVM (typical profile)");
    expect(underKvm.condition).toContain("Under KVM, as measured here, the VM part needs the slowest app's median start→ready at 60 s or more.");
    expect(row({ docker: lab.docker }, "C01").rule).toContain("VMs boot in minutes (≥ 60 s): not measured");
  });

  it("judges provisioning from the recorded pulumi up and ready waits", () => {
    const c03 = row(lab, "C03");
    expect(c03.verdict).toBe("supported");
    expect(c03.figures[0]).toContain("pulumi up 40.0 s + until every app ready = 70.0 s");
    const withoutProvisioning = { docker: { ...lab.docker, provisioning: undefined }, libvirt: { ...lab.libvirt, provisioning: undefined } };
    expect(row(withoutProvisioning, "C03").verdict).toBe("not measured");
  });

  it("splits the disk claims between full copies and copy-on-write overlays", () => {
    const overlays = row(lab, "C04");
    expect(overlays.verdict).toBe("partly supported");
    expect(overlays.rule).toBe("each VM needs about 700.0 MB (half to double): holds; three VMs need about 2.10 GB as deployed (copy-on-write overlays): does not hold");
    expect(overlays.condition).toContain("copy-on-write overlays");
    expect(overlays.figures).toContain("three VMs as deployed (overlays on one shared golden image): 420.0 MB");
    expect(row(lab, "C05").verdict).toBe("contradicted");
    const fullCopies = { ...lab, libvirt: vmStack("tcg", 25_000, { overlays: false }) };
    expect(row(fullCopies, "C04").verdict).toBe("supported");
    expect(row(fullCopies, "C05").verdict).toBe("partly supported");
  });

  it("weighs VM memory against configured RAM", () => {
    expect(row(lab, "C07").verdict).toBe("contradicted");
    expect(row({ ...lab, libvirt: vmStack("tcg", 25_000, { hostShare: 0.95 }) }, "C07").verdict).toBe("supported");
    expect(row({ ...lab, libvirt: vmStack("tcg", 25_000, { hostShare: 0.7 }) }, "C07").verdict).toBe("partly supported");
    expect(row(lab, "C08").verdict).toBe("supported");
  });

  it("checks image sizes per platform", () => {
    const c06 = row(lab, "C06");
    expect(c06.verdict).toBe("partly supported");
    expect(c06.rule).toContain("VM images are several GB (≥ 2 GB allocated): does not hold");
    expect(c06.rule).toContain("container images are at most tens of MB (< 100 MB): holds");
  });

  it("compares each instance's kernel with the host's", () => {
    expect(row(lab, "C14").verdict).toBe("supported");
    const leaky = { ...lab, libvirt: results("libvirt", "tcg", [instance("web", "vm", { bootMs: [1], hostBytes: 1, configuredBytes: 1, imageBytes: 1, sharedBytes: 0, allocatedBytes: 1, kernelRelease: "6.18.0-host" })]) };
    expect(row(leaky, "C14").verdict).toBe("partly supported");
  });

  it("says what would measure the claims the lab has no figures for", () => {
    for (const id of ["C09", "C10"]) {
      expect(row(lab, id).verdict).toBe("not measured");
      expect(row(lab, id).rule).toContain("npm run bench -- all");
    }
    expect(row(lab, "C12").verdict).toBe("not measured");
    expect(row(lab, "C12").rule).toContain("npm run density -- docker");
    expect(row(lab, "C13").verdict).toBe("not measured");
    expect(row(lab, "C13").rule).toContain("needs `npm run measure -- docker` and `npm run measure -- libvirt`");
  });

  it("marks VM claims not measured, with the command to fix it, when only the docker stack was measured", () => {
    const dockerOnly = { docker: lab.docker };
    expect(row(dockerOnly, "C04").verdict).toBe("not measured");
    expect(row(dockerOnly, "C04").rule).toContain("npm run measure -- libvirt");
    expect(row(dockerOnly, "C01").verdict).toBe("contradicted");
    expect(row(dockerOnly, "C02").verdict).toBe("partly supported");
  });
});
