import * as fs from "node:fs";
import { $ } from "zx";
import { labStack, labWorkspace } from "../../labs/lib/automation";
import { overheadRows } from "../../labs/lib/bench/benchSummary";
import { runBench } from "../../labs/lib/bench/runBench";
import { libvirtUri } from "../../labs/lib/daemons";
import { ensureImages } from "../../labs/lib/images";
import { libvirtDnsmasqDir } from "../../labs/lib/hostPrerequisites";
import { repoRoot } from "../../labs/lib/labEnv";
import { measureStack } from "../../labs/lib/measure/measureStack";
import { parseResults } from "../../labs/lib/measure/resultsSchema";
import { deployedStack } from "../../labs/lib/measure/runMeasurement";
import { deployAndWait, destroyStack } from "../../labs/lib/stackLifecycle";
import { libvirtMetadataNamespace } from "../../model/engineNames";
import { getJson } from "./httpJson";
import { everythingLeftOf, settingsOf } from "./labCommand";

const quiet = () => undefined;

describe("the libvirt stack", () => {
  jest.setTimeout(1_200_000);

  beforeAll(async () => {
    await ensureImages(quiet);
    await destroyStack("libvirt", quiet, quiet);
  });

  afterAll(async () => {
    await destroyStack("libvirt", quiet, quiet);
  });

  it("boots web → api → db as VMs on a host without libvirt's dnsmasq folder, is stable on a second up, can be measured, and leaves nothing after down", async () => {
    // A fresh Debian host has no /var/lib/libvirt/dnsmasq until a DHCP network ran; libvirt needs it to start a VM.
    fs.rmSync(libvirtDnsmasqDir, { recursive: true, force: true });
    const settings = await settingsOf("libvirt");
    const deployed = await deployAndWait("libvirt", quiet, quiet);
    expect(fs.existsSync(libvirtDnsmasqDir)).toBe(true);
    expect(deployed.instances.map((instance) => `${instance.app}:${instance.kind}`).sort()).toEqual(["api:vm", "db:vm", "web:vm"]);

    const first = await getJson<{ visits: number }>(`${deployed.webUrl}api/visits`);
    const second = await getJson<{ visits: number }>(`${deployed.webUrl}api/visits`);
    expect(second.visits).toBe(first.visits + 1);

    const stack = await labStack(repoRoot, "libvirt");
    expect(["kvm", "tcg"]).toContain((await stack.outputs()).executionMode.value);
    const secondUp = await stack.up();
    expect(Object.keys(secondUp.summary.resourceChanges ?? {})).toEqual(["same"]);
    const networkXml = (await $({ quiet: true })`virsh -c ${libvirtUri} net-dumpxml vmcl-libvirt-net`).stdout;
    expect(networkXml).not.toContain("<forward");
    const metadata = (await $({ quiet: true })`virsh -c ${libvirtUri} metadata vmcl-libvirt-db ${libvirtMetadataNamespace}`).stdout;
    expect(metadata).toContain('name="vm-container-lab.stack" value="libvirt"');
    expect(await everythingLeftOf("libvirt", settings)).not.toEqual([]);

    const measured = await measureStack(await deployedStack("libvirt"), { samples: 1, log: quiet });
    expect(parseResults(measured).problems).toEqual([]);
    for (const instance of measured.instances) {
      expect(instance.kind).toBe("vm");
      expect(instance.boot.phases?.[0]?.firstConsoleLineMs).toBeGreaterThan(0);
      expect(instance.boot.phases?.[0]?.systemdUserspaceMs).toBeGreaterThan(0);
      expect(instance.disk.sharedBytes).toBeGreaterThan(0);
      expect(instance.disk.crossCheck?.agrees).toBe(true);
      // Read inside the VM through the QEMU guest agent (`uname -r`).
      expect(instance.kernelRelease).toMatch(/^\d+\.\d+/);
      expect(instance.kernelRelease).not.toBe(measured.host.kernel);
    }

    const bench = await runBench(await deployedStack("libvirt"), { samples: 1, log: quiet });
    expect(bench.host.accelerator).toBe(measured.host.accelerator);
    expect(Object.keys(bench.sysbench.instances).sort()).toEqual(["api", "db", "web"]);
    expect(overheadRows(bench).filter((row) => row.kind === "vm")).toHaveLength(3 + 3 + 3);

    // The state forgets the running VMs, as after a killed run: down must still find them by their marker and remove them.
    await (await labWorkspace(repoRoot)).removeStack("libvirt", { force: true, preserveConfig: true });
    await destroyStack("libvirt", quiet, quiet);
    expect(await everythingLeftOf("libvirt", settings)).toEqual([]);
  });
});
