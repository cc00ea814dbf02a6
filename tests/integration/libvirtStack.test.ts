import * as fs from "node:fs";
import * as path from "node:path";
import { labStack } from "../../labs/lib/automation";
import { libvirtUri } from "../../labs/lib/daemons";
import { execChecked } from "../../labs/lib/exec";
import { ensureImages } from "../../labs/lib/images";
import { labPaths, repoRoot } from "../../labs/lib/labEnv";
import { measureStack } from "../../labs/lib/measure/measureStack";
import { validateResults } from "../../labs/lib/measure/results";
import { deployedStack } from "../../labs/lib/measure/runMeasurement";
import { deployAndWait, destroyStack } from "../../labs/lib/stackLifecycle";
import { getJson } from "./httpJson";

const quiet = () => undefined;
const namePrefix = "vmcl-libvirt";
const stateDir = path.join(labPaths.state, "libvirt", namePrefix);

async function virshNames(listing: string[]): Promise<string[]> {
  return (await execChecked("virsh", ["-c", libvirtUri, ...listing, "--name"])).split("\n").filter((name) => name.startsWith(namePrefix));
}

/** What libvirt and the file system hold of the stack, not what Pulumi's state says. */
async function leftovers(): Promise<string[]> {
  const files = fs.existsSync(stateDir) ? fs.readdirSync(stateDir, { recursive: true }).map(String).filter((entry) => fs.statSync(path.join(stateDir, entry)).isFile()) : [];
  return [
    ...(await virshNames(["list", "--all"])).map((name) => `domain ${name}`),
    ...(await virshNames(["net-list", "--all"])).map((name) => `network ${name}`),
    ...(await virshNames(["pool-list", "--all"])).map((name) => `pool ${name}`),
    ...files.map((file) => `file ${path.join(stateDir, file)}`),
    ...(fs.existsSync(stateDir) ? [`folder ${stateDir}`] : []),
  ];
}

describe("the libvirt stack", () => {
  jest.setTimeout(1_200_000);

  beforeAll(async () => {
    await ensureImages(quiet);
    await destroyStack("libvirt", quiet, quiet);
  });

  afterAll(async () => {
    await destroyStack("libvirt", quiet, quiet);
  });

  it("boots web → api → db as VMs, is stable on a second up, can be measured, and leaves nothing after down", async () => {
    const deployed = await deployAndWait("libvirt", quiet, quiet);
    expect(deployed.instances.map((instance) => `${instance.app}:${instance.kind}`).sort()).toEqual(["api:vm", "db:vm", "web:vm"]);

    const first = await getJson<{ visits: number }>(`${deployed.webUrl}api/visits`);
    const second = await getJson<{ visits: number }>(`${deployed.webUrl}api/visits`);
    expect(second.visits).toBe(first.visits + 1);

    const stack = await labStack(repoRoot, "libvirt");
    expect(["kvm", "tcg"]).toContain((await stack.outputs()).executionMode.value);
    const secondUp = await stack.up();
    expect(Object.keys(secondUp.summary.resourceChanges ?? {})).toEqual(["same"]);
    const networkXml = await execChecked("virsh", ["-c", libvirtUri, "net-dumpxml", `${namePrefix}-net`]);
    expect(networkXml).not.toContain("<forward");
    expect(await leftovers()).not.toEqual([]);

    const measured = await measureStack(await deployedStack("libvirt"), { samples: 1, log: quiet });
    expect(validateResults(measured)).toEqual([]);
    for (const instance of measured.instances) {
      expect(instance.platform).toBe("vm");
      expect(instance.boot.phases?.[0]?.firstConsoleLineMs).toBeGreaterThan(0);
      expect(instance.boot.phases?.[0]?.systemdUserspaceMs).toBeGreaterThan(0);
      expect(instance.disk.sharedBytes).toBeGreaterThan(0);
      expect(instance.disk.crossCheck?.agrees).toBe(true);
      expect(instance.kernelRelease).toMatch(/^\d+\.\d+/);
      expect(instance.kernelRelease).not.toBe(measured.host.kernel);
    }

    await destroyStack("libvirt", quiet, quiet);
    expect(await leftovers()).toEqual([]);
  });
});
