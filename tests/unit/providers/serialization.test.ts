import * as pulumi from "@pulumi/pulumi";
import { localCommandProvider } from "../../../stacks/providers/command";
import { domainProvider, networkProvider as libvirtNetworkProvider, poolProvider, volumeProvider } from "../../../stacks/providers/libvirt";

/** Serializes a provider the way pulumi.dynamic.Resource does and loads it back, as Pulumi's provider host does. */
async function roundTrip(provider: pulumi.dynamic.ResourceProvider): Promise<{ text: string; loaded: pulumi.dynamic.ResourceProvider }> {
  const { text } = await pulumi.runtime.serializeFunction(() => provider);
  const module = { exports: {} as { handler: () => pulumi.dynamic.ResourceProvider } };
  new Function("exports", "require", "module", text)(module.exports, require, module);
  return { text, loaded: module.exports.handler() };
}

const nodeBuiltins = new Set(["child_process", "crypto", "fs", "os", "path", "path/posix"]);

describe("the serialized providers", () => {
  jest.setTimeout(60_000);

  it.each([
    ["LocalCommand", localCommandProvider, { create: "true" }],
    ["libvirt Network", libvirtNetworkProvider, { uri: "qemu:///system", name: "lab-net", bridge: "labbr0" }],
    ["libvirt Pool", poolProvider, { uri: "qemu:///system", name: "lab-pool", path: "/srv/lab-pool" }],
    ["libvirt Volume", volumeProvider, { uri: "qemu:///system", pool: "lab-pool", name: "web.qcow2", format: "qcow2", backingPath: "/srv/base.qcow2" }],
    [
      "libvirt Domain",
      domainProvider,
      {
        uri: "qemu:///system",
        name: "lab-web",
        domainType: "qemu",
        memoryMiB: 256,
        vcpus: 1,
        kernelPath: "/srv/vmlinuz",
        disks: [{ path: "/srv/web.qcow2", target: "vda", format: "qcow2" }],
        interfaces: [{ network: "lab-net", macAddress: "52:54:00:00:00:01" }],
        consoleLogPath: "/srv/console/web.log",
        tcgTranslationCacheMiB: 64,
      },
    ],
  ])("%s needs only Node built-ins and still checks its inputs", async (_kind, provider, inputs) => {
    const { text, loaded } = await roundTrip(provider as pulumi.dynamic.ResourceProvider);
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(required.filter((name) => !nodeBuiltins.has(name))).toEqual([]);
    expect(text).not.toContain("@pulumi");
    const checked = await loaded.check!({}, inputs);
    expect(checked.failures).toEqual([]);
    expect(await loaded.diff!("id", { ...checked.inputs, __provider: "code" }, { ...checked.inputs, __provider: "code" })).toMatchObject({ changes: false, replaces: [] });
  });
});
