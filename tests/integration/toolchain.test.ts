import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { $ } from "zx";
import { labStack } from "../../labs/lib/automation";
import { libvirtUri } from "../../labs/lib/daemons";
import { dockerPlugin, installedPlugins, libvirtPlugin } from "../../labs/lib/toolchain";

const workDir = path.join(__dirname, "toolchain-proof");
const runId = `${process.pid}`;
const resourceName = `lab-proof-${runId}`;
const bridge = `labproof${runId.slice(-5)}`;
const markerFile = path.join(os.tmpdir(), `lab-proof-${runId}.marker`);

async function dockerNetworkExists(): Promise<boolean> {
  return (await $({ nothrow: true, quiet: true })`docker network inspect ${resourceName}`).ok;
}

async function libvirtNetworkExists(): Promise<boolean> {
  return (await $({ nothrow: true, quiet: true })`virsh -c ${libvirtUri} net-info ${resourceName}`).ok;
}

describe("the pinned Pulumi toolchain with the lab's providers", () => {
  it("has the docker and libvirt resource plugins installed at the versions their SDKs ask for", async () => {
    const plugins = await installedPlugins();
    expect(plugins).toContainEqual({ name: "docker", kind: "resource", version: dockerPlugin.version });
    expect(plugins).toContainEqual({ name: "libvirt", kind: "resource", version: libvirtPlugin.version });
    expect(require("@pulumi/docker/package.json").version).toBe(dockerPlugin.version);
    expect(require("@pulumi/libvirt/package.json").pulumi).toEqual({ resource: true, name: "libvirt", version: libvirtPlugin.version });
  });

  jest.setTimeout(300_000);
  let stack: Stack;

  beforeAll(async () => {
    stack = await labStack(workDir, `proof-${runId}`);
    await stack.setAllConfig({
      resourceName: { value: resourceName },
      markerFile: { value: markerFile },
      libvirtUri: { value: libvirtUri },
      bridge: { value: bridge },
      dockerHost: { value: "unix:///var/run/docker.sock" },
    });
  });

  afterAll(async () => {
    await stack.destroy();
    await stack.workspace.removeStack(stack.name);
    fs.rmSync(path.join(workDir, `Pulumi.${stack.name}.yaml`), { force: true });
  });

  it("creates one resource of each provider, changes nothing on a second up, and destroys them all", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.commandStdout.value).toBe("proof");
    expect(await dockerNetworkExists()).toBe(true);
    const masquerade = await $({ nothrow: true, quiet: true })`docker network inspect --format ${'{{index .Options "com.docker.network.bridge.enable_ip_masquerade"}}'} ${resourceName}`;
    expect(masquerade.stdout.trim()).toBe("false");
    expect(fs.readFileSync(markerFile, "utf8")).toBe("created\n");
    expect(await libvirtNetworkExists()).toBe(true);
    const networkXml = await $({ nothrow: true, quiet: true })`virsh -c ${libvirtUri} net-dumpxml ${resourceName}`;
    expect(networkXml.stdout).not.toContain("<forward");

    const secondUp = await stack.up();
    expect(secondUp.summary.resourceChanges).toEqual({ same: 6 });

    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(await dockerNetworkExists()).toBe(false);
    expect(fs.existsSync(markerFile)).toBe(false);
    expect(await libvirtNetworkExists()).toBe(false);
  });
});
