import type { MeasurementResults } from "../../../labs/lib/measure/resultsSchema";
import { confinementBlocks } from "../../../labs/lib/report/confinementTable";
import type { ReportBlock } from "../../../labs/lib/report/document";
import { isolationRule } from "../../../labs/lib/report/isolationVerdict";
import { renderMarkdown } from "../../../labs/lib/report/markdown";
import type { ReportInput } from "../../../labs/lib/report/reportInput";
import { syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

const both: ReportInput = {
  docker: { file: "/r/docker/a.json", results: syntheticDocker() },
  libvirt: { file: "/r/libvirt/b.json", results: syntheticLibvirt() },
};

function isolationTable(blocks: readonly ReportBlock[]): Extract<ReportBlock, { kind: "table" }> {
  const table = blocks.find((block) => block.kind === "table" && block.id === "isolation");
  if (!table || table.kind !== "table") throw new Error("no isolation table");
  return table;
}

/** The same run with every instance's isolation facts changed by `change`. */
function withIsolation(results: MeasurementResults, change: (isolation: NonNullable<NonNullable<MeasurementResults["instances"][number]["confinement"]>["isolation"]>) => void): MeasurementResults {
  for (const instance of results.instances) {
    if (instance.confinement?.isolation) change(instance.confinement.isolation);
  }
  return results;
}

describe("the isolation table", () => {
  it("follows the confinement table, one row per instance", () => {
    const blocks = confinementBlocks(both);
    expect(blocks.map((block) => (block.kind === "heading" ? block.text : block.kind))).toEqual(["Confinement", "paragraph", "table", "Isolation", "paragraph", "table"]);
    const table = isolationTable(blocks);
    expect(table.header).toEqual(["instance", "uid_map of its host process", "host's process table", "the app", "CPU model seen inside", "PCI devices seen inside"]);
    expect(table.rows[0]).toEqual([
      "db · container (docker)",
      "identity: no user namespace, uid 0 inside is uid 0 on the host",
      { items: ["redis-server 1000 (pid 1 inside)"] },
      "redis-server as pid 1 inside: in the host's process table",
      "AMD EPYC 7B13 (the host's)",
      "the host's own 2 devices",
    ]);
    expect(table.rows[1]).toEqual([
      "db · VM (libvirt)",
      "identity: no user namespace, for QEMU as libvirt-qemu (uid 64055); the guest's uids are its own kernel's",
      { items: ["qemu-system-x86 2000"] },
      "redis-server as pid 113 inside: not in the host's process table",
      "QEMU Virtual CPU version 2.5+ (not the host's)",
      "3, all QEMU models: i440FX host bridge, virtio block ×2",
    ]);
  });

  it("names a user namespace, devices QEMU has no model of, and runs made before isolation was recorded", () => {
    const remappedContainers = withIsolation(syntheticDocker(), (isolation) => {
      isolation.uidMap = [{ inside: 0, outside: 165_536, count: 65_536 }];
      isolation.identityUidMap = false;
    });
    expect(isolationTable(confinementBlocks({ docker: { file: "/r/docker/c.json", results: remappedContainers } })).rows[0][1]).toBe("0 → 165536 (65536 ids): a user namespace");
    const remapped = withIsolation(syntheticLibvirt(), (isolation) => {
      isolation.uidMap = [{ inside: 0, outside: 165_536, count: 65_536 }];
      isolation.identityUidMap = false;
      isolation.pciDevices.push({ address: "0000:00:07.0", vendor: "0x10de", device: "0x2330" });
    });
    const row = isolationTable(confinementBlocks({ libvirt: { file: "/r/libvirt/c.json", results: remapped } })).rows[0];
    expect(row[1]).toBe("0 → 165536 (65536 ids): a user namespace, for QEMU as libvirt-qemu (uid 64055); the guest's uids are its own kernel's");
    expect(row[5]).toBe("4, 3 of them QEMU models: i440FX host bridge, virtio block ×2, 0x10de:0x2330");
    const older = syntheticDocker();
    for (const instance of older.instances) delete instance.confinement?.isolation;
    expect(isolationTable(confinementBlocks({ docker: { file: "/r/docker/old.json", results: older } })).rows[0]).toEqual(["db · container (docker)", "not recorded in this run", "—", "—", "—", "—"]);
  });

  it("renders in Markdown, processes one a line", () => {
    const markdown = renderMarkdown(confinementBlocks(both), "report.html");
    expect(markdown).toContain("## Isolation\n\n");
    expect(markdown).toContain("| web · VM (libvirt) | identity: no user namespace, for QEMU as libvirt-qemu (uid 64055); the guest's uids are its own kernel's | qemu-system-x86 2002 | nginx as pid 113 inside: not in the host's process table |");
  });
});

describe("the rule for C13", () => {
  it("supports root = host root for containers and separation for VMs, but not by hardware under TCG", () => {
    const c13 = isolationRule({ docker: syntheticDocker(), libvirt: syntheticLibvirt() });
    expect(c13.verdict).toBe("partly supported");
    expect(c13.rule).toBe(
      "container root is host root (the main process's uid_map is the identity: no user namespace): holds; a VM's root is separated from the host (the host sees only QEMU; the guest sees only QEMU's devices): holds; by hardware isolation (the VMs ran under KVM): does not hold",
    );
    expect(c13.condition).toBe(
      "VMs under TCG emulation: separated by emulation under TCG; by hardware virtualization under KVM, which this host's VMs did not run under; containers native; on AMD EPYC 7B13, 2 cores",
    );
    expect(c13.figures[0]).toBe("containers: running as root, the host's uid 0: web (capabilities CAP_CHOWN, CAP_SETGID, CAP_SETUID); as other users: db redis (uid 100), api nobody (uid 65534)");
    expect(c13.figures[1]).toBe(
      "container db: uid_map identity: no user namespace, uid 0 inside is uid 0 on the host; host's process table redis-server 1000 (pid 1 inside); redis-server as pid 1 inside: in the host's process table; CPU AMD EPYC 7B13 (the host's); PCI the host's own 2 devices",
    );
    expect(c13.figures).toContain(
      "VM web: uid_map identity: no user namespace, for QEMU as libvirt-qemu (uid 64055); the guest's uids are its own kernel's; host's process table qemu-system-x86 2002; nginx as pid 113 inside: not in the host's process table; CPU QEMU Virtual CPU version 2.5+ (not the host's); PCI 3, all QEMU models: i440FX host bridge, virtio block ×2",
    );
  });

  it("supports the whole claim under KVM and says so", () => {
    const underKvm = syntheticLibvirt();
    underKvm.host.accelerator = "kvm";
    const c13 = isolationRule({ docker: syntheticDocker(), libvirt: underKvm });
    expect(c13.verdict).toBe("supported");
    expect(c13.condition).toMatch(/^VMs under KVM: separated by hardware virtualization; /);
  });

  it("does not hold a part whose facts say otherwise", () => {
    const remapped = withIsolation(syntheticDocker(), (isolation) => {
      isolation.identityUidMap = false;
    });
    const leaky = withIsolation(syntheticLibvirt(), (isolation) => {
      isolation.pciDevicesAreHost = true;
    });
    const c13 = isolationRule({ docker: remapped, libvirt: leaky });
    expect(c13.verdict).toBe("contradicted");
    const seen = withIsolation(syntheticLibvirt(), (isolation) => {
      isolation.appSeenByHost = true;
    });
    expect(isolationRule({ libvirt: seen }).rule).toContain("the guest sees only QEMU's devices): does not hold");
  });

  it("is not measured without isolation facts, and says what would measure them", () => {
    const older = syntheticDocker();
    for (const instance of older.instances) delete instance.confinement?.isolation;
    const c13 = isolationRule({ docker: older });
    expect(c13.verdict).toBe("not measured");
    expect(c13.figures).toEqual([]);
    expect(c13.rule).toContain("needs `npm run measure -- docker` and `npm run measure -- libvirt` with its stack up");
    expect(isolationRule({ docker: syntheticDocker() }).verdict).toBe("partly supported");
  });
});
