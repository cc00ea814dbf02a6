import * as pulumi from "@pulumi/pulumi";
import { consoleLogPaths, domainXslt, kernelCmdlineArgs, LibvirtApps, vmSeedSettings } from "../../../stacks/components/libvirtApps";
import { appAddresses } from "../../../stacks/components/appAddresses";
import { bridgeName, macAddress } from "../../../model/engineNames";

interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent?: string;
}

const recorded: RecordedResource[] = [];

/** The names of the resources each Domain was told to wait for (dependsOn), by the Domain's resource name. */
const mockDomainDependencies: Record<string, string[]> = {};

jest.mock("@pulumi/libvirt", () => {
  const actual = jest.requireActual("@pulumi/libvirt");
  class Domain extends actual.Domain {
    constructor(name: string, args: unknown, opts?: { dependsOn?: { __name?: string }[] }) {
      mockDomainDependencies[name] = (opts?.dependsOn ?? []).map((dependency) => dependency.__name ?? "?");
      super(name, args, opts);
    }
  }
  return { ...actual, Domain };
});

const knownTypes = new Set([
  "vm-container-lab:platform:LibvirtApps",
  "pulumi:providers:libvirt",
  "libvirt:index/network:Network",
  "libvirt:index/pool:Pool",
  "libvirt:index/volume:Volume",
  "libvirt:index/domain:Domain",
]);

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

const vmImage = {
  goldenPath: "/lab/images/abc/golden.qcow2",
  kernelPath: "/lab/images/abc/vmlinuz",
  initrdPath: "/lab/images/abc/initrd.img",
  kernelCmdline: "root=/dev/vda rw console=ttyS0",
};

const seedImages = { db: "/lab/libvirt/t/seeds/db.iso", api: "/lab/libvirt/t/seeds/api.iso", web: "/lab/libvirt/t/seeds/web.iso" };

describe("pure helpers of the libvirt component", () => {
  it("give the apps fixed addresses from .11", () => {
    expect(appAddresses("10.77.0.0/24")).toEqual({ db: "10.77.0.11", api: "10.77.0.12", web: "10.77.0.13" });
    expect(appAddresses("192.168.150.0/24").web).toBe("192.168.150.13");
    expect(() => appAddresses("10.77.0.0/16")).toThrow("is not a /24");
    expect(() => appAddresses("10.77.300.0/24")).toThrow("is not a /24");
  });

  it("name the bridge within Linux's 15 characters, the same way every time", () => {
    expect(bridgeName("vmcl-libvirt")).toBe("vmcl-libvirt-br");
    const long = bridgeName("vmcl-a-very-long-prefix");
    expect(long).toHaveLength(15);
    expect(long).toMatch(/^vmcl-a-v[0-9a-f]{4}-br$/);
    expect(bridgeName("vmcl-a-very-long-prefix")).toBe(long);
    expect(bridgeName("vmcl-a-very-long-prefiy")).not.toBe(long);
  });

  it("give every app a stable, distinct unicast MAC in QEMU's range", () => {
    const macs = (["db", "api", "web"] as const).map((app) => macAddress("vmcl-libvirt", app));
    expect(new Set(macs).size).toBe(3);
    for (const mac of macs) expect(mac).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    expect(macAddress("vmcl-libvirt", "db")).toBe(macs[0]);
    expect(macAddress("vmcl-other", "db")).not.toBe(macs[0]);
  });

  it("say what each seed must hold and where the console logs go", () => {
    expect(vmSeedSettings("vmcl-libvirt", "10.77.0.0/24").api).toEqual({
      app: "api",
      hostname: "vmcl-libvirt-api",
      address: "10.77.0.12/24",
      hosts: { db: "10.77.0.11", api: "10.77.0.12", web: "10.77.0.13" },
    });
    expect(consoleLogPaths("/lab/libvirt/t")).toEqual({ db: "/lab/libvirt/t/console/db.log", api: "/lab/libvirt/t/console/api.log", web: "/lab/libvirt/t/console/web.log" });
  });
});

describe("what the libvirt provider is given beyond its schema", () => {
  it("splits the kernel command line into key=value pairs and flags, as the provider reads it back", () => {
    expect(kernelCmdlineArgs("root=/dev/vda rw console=ttyS0 quiet")).toEqual([{ root: "/dev/vda", console: "ttyS0" }, { _: "rw" }, { _: "quiet" }]);
    expect(kernelCmdlineArgs("  ")).toEqual([{}]);
  });

  it("logs the serial console to a file, removes the balloon, marks the domain with the lab's labels and bounds the TCG cache only when asked", () => {
    const tcg = domainXslt({ consoleLogPath: "/lab/console/a&b.log", tcgTranslationCacheMiB: 64, labels: { "vm-container-lab.stack": "lib&virt" } });
    expect(tcg).toContain('<serial type="file"><source path="/lab/console/a&amp;b.log"/><target port="0"/></serial>');
    expect(tcg).toContain('<memballoon model="none"/>');
    expect(tcg).toContain('<features><acpi/><tcg><tb-cache unit="MiB">64</tb-cache></tcg></features>');
    expect(tcg).toContain('match="/domain/features|/domain/metadata|/domain/devices/graphics|/domain/devices/video|/domain/devices/memballoon|/domain/devices/console|/domain/devices/serial|/domain/devices/channel"');
    expect(tcg).toContain('<channel type="unix"><target type="virtio" name="org.qemu.guest_agent.0"/></channel>');
    expect(tcg).toContain('<metadata><vmcl:labels xmlns:vmcl="urn:vm-container-lab:metadata"><vmcl:label name="vm-container-lab.stack" value="lib&amp;virt"/></vmcl:labels></metadata>');
    expect(domainXslt({ consoleLogPath: "/x.log" })).toContain("<features><acpi/></features>");
  });
});

describe("the LibvirtApps resource graph", () => {
  let overlay: LibvirtApps;
  let fullCopy: LibvirtApps;

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          if (!knownTypes.has(args.type)) throw new Error(`unexpected resource ${args.type} ${args.name}`);
          recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
          const id = args.type === "libvirt:index/domain:Domain" ? `uuid-of-${args.inputs.name}` : args.type === "libvirt:index/volume:Volume" ? `/pools/${args.inputs.pool}/${args.inputs.name}` : `${args.name}-id`;
          return { id, state: args.inputs };
        },
        call: (args) => {
          throw new Error(`unexpected call to ${args.token}`);
        },
      },
      "vm-container-lab",
      "libvirt",
    );
    overlay = new LibvirtApps("vms", {
      namePrefix: "vmcl-libvirt",
      libvirtUri: "qemu:///system",
      domainType: "qemu",
      memoryMiB: { web: 256, api: 384, db: 320 },
      vcpus: 1,
      diskMode: "overlay",
      hostOnlySubnet: "10.77.0.0/24",
      tcgTranslationCacheMiB: 64,
      vmImage,
      stateDir: "/lab/libvirt/vmcl-libvirt",
      seedImages,
      labels: { "vm-container-lab": "true" },
    });
    fullCopy = new LibvirtApps("copies", {
      namePrefix: "vmcl-copies",
      libvirtUri: "qemu:///system",
      domainType: "kvm",
      memoryMiB: { web: 256, api: 256, db: 256 },
      vcpus: 2,
      diskMode: "full-copy",
      hostOnlySubnet: "10.78.5.0/24",
      tcgTranslationCacheMiB: 64,
      vmImage,
      stateDir: "/lab/libvirt/vmcl-copies",
      seedImages,
    });
    await outputValue(overlay.instances);
    await outputValue(fullCopy.instances);
  });

  const ofType = (type: string, prefix: string) =>
    recorded.filter((resource) => resource.type === `libvirt:index/${type.toLowerCase()}:${type}` && resource.name.startsWith(`${prefix}-`));
  const named = (name: string) => {
    const found = recorded.find((resource) => resource.name === name);
    if (!found) throw new Error(`no resource named ${name}`);
    return found;
  };

  it("makes one component, explicit provider, network and pool per stack, disks and seeds plus a base in overlay mode, and three domains", () => {
    expect(recorded.filter((resource) => resource.type === "vm-container-lab:platform:LibvirtApps").map((resource) => resource.name)).toEqual(["vms", "copies"]);
    expect(named("vms-hypervisor").inputs).toMatchObject({ uri: "qemu:///system" });
    expect(ofType("Network", "vms").map((resource) => resource.name)).toEqual(["vms-network"]);
    expect(ofType("Pool", "vms").map((resource) => resource.name)).toEqual(["vms-pool"]);
    expect(ofType("Volume", "vms").map((resource) => resource.name).sort()).toEqual(["vms-api-disk", "vms-api-seed", "vms-base", "vms-db-disk", "vms-db-seed", "vms-web-disk", "vms-web-seed"]);
    expect(ofType("Domain", "vms").map((resource) => resource.name).sort()).toEqual(["vms-api", "vms-db", "vms-web"]);
  });

  it("makes a host-only network: no forward (mode none), no DHCP, DNS switched off", () => {
    const network = named("vms-network").inputs;
    expect(network).toMatchObject({ name: "vmcl-libvirt-net", mode: "none", bridge: "vmcl-libvirt-br", addresses: ["10.77.0.0/24"], dhcp: { enabled: false }, autostart: false });
    expect((network.xml as { xslt: string }).xslt).toContain('<dns enable="no"/>');
  });

  it("puts the pool in the state folder", () => {
    expect(named("vms-pool").inputs).toMatchObject({ name: "vmcl-libvirt-pool", type: "dir", target: { path: "/lab/libvirt/vmcl-libvirt/pool" } });
  });

  it("copies the golden image once and gives each VM an overlay on that copy (overlay mode)", () => {
    expect(named("vms-base").inputs).toMatchObject({ pool: "vmcl-libvirt-pool", name: "vmcl-libvirt-base.qcow2", format: "qcow2", source: vmImage.goldenPath });
    for (const app of ["db", "api", "web"]) {
      const disk = named(`vms-${app}-disk`).inputs;
      expect(disk).toMatchObject({ pool: "vmcl-libvirt-pool", name: `vmcl-libvirt-${app}.qcow2`, format: "qcow2", baseVolumeId: "/pools/vmcl-libvirt-pool/vmcl-libvirt-base.qcow2" });
      expect(disk.source).toBeUndefined();
      expect(named(`vms-${app}-seed`).inputs).toMatchObject({ pool: "vmcl-libvirt-pool", source: seedImages[app as "db" | "api" | "web"] });
    }
  });

  it("gives each VM its own full copy of the golden image and no base (full-copy mode)", () => {
    expect(ofType("Volume", "copies").filter((resource) => resource.name.endsWith("-disk")).map((resource) => resource.name).sort()).toEqual(["copies-api-disk", "copies-db-disk", "copies-web-disk"]);
    expect(recorded.find((resource) => resource.name === "copies-base")).toBeUndefined();
    for (const app of ["db", "api", "web"]) {
      const disk = named(`copies-${app}-disk`).inputs;
      expect(disk).toMatchObject({ pool: "vmcl-copies-pool", name: `vmcl-copies-${app}.qcow2`, format: "qcow2", source: vmImage.goldenPath });
      expect(disk.baseVolumeId).toBeUndefined();
    }
  });

  it("boots each VM under TCG with a bounded translation cache, its disk, its seed and its NIC", () => {
    const db = named("vms-db").inputs;
    expect(db).toMatchObject({
      name: "vmcl-libvirt-db",
      type: "qemu",
      memory: 320,
      vcpu: 1,
      kernel: vmImage.kernelPath,
      initrd: vmImage.initrdPath,
      cmdlines: [{ root: "/dev/vda", console: "ttyS0" }, { _: "rw" }],
      disks: [{ volumeId: "/pools/vmcl-libvirt-pool/vmcl-libvirt-db.qcow2" }, { volumeId: "/pools/vmcl-libvirt-pool/vmcl-libvirt-db-seed.iso" }],
      networkInterfaces: [{ networkId: "vms-network-id", mac: macAddress("vmcl-libvirt", "db") }],
      autostart: false,
      running: true,
    });
    expect((db.xml as { xslt: string }).xslt).toBe(
      domainXslt({ consoleLogPath: "/lab/libvirt/vmcl-libvirt/console/db.log", tcgTranslationCacheMiB: 64, labels: { "vm-container-lab": "true", "vm-container-lab.app": "db" } }),
    );
  });

  it("leaves the TCG cache out of kvm domains", () => {
    const web = named("copies-web").inputs;
    expect(web).toMatchObject({ type: "kvm", vcpu: 2, networkInterfaces: [{ networkId: "copies-network-id", mac: macAddress("vmcl-copies", "web") }] });
    expect((web.xml as { xslt: string }).xslt).not.toContain("tb-cache");
  });

  it("creates the domains in the catalog's order: db, then api, then web", () => {
    expect(mockDomainDependencies).toMatchObject({ "vms-db": [], "vms-api": ["vms-db"], "vms-web": ["vms-api"] });
    expect(mockDomainDependencies).toMatchObject({ "copies-db": [], "copies-api": ["copies-db"], "copies-web": ["copies-api"] });
  });

  it("exports the shared deployment shape, console logs, network and pool", async () => {
    const instances = await outputValue(overlay.instances);
    expect(instances).toEqual([
      { app: "db", kind: "vm", name: "vmcl-libvirt-db", instanceId: "uuid-of-vmcl-libvirt-db", endpoint: { host: "10.77.0.11", port: 6379, via: "vmcl-libvirt-br" }, memoryLimitBytes: 320 * 1024 * 1024 },
      { app: "api", kind: "vm", name: "vmcl-libvirt-api", instanceId: "uuid-of-vmcl-libvirt-api", endpoint: { host: "10.77.0.12", port: 3000, via: "vmcl-libvirt-br" }, memoryLimitBytes: 384 * 1024 * 1024 },
      { app: "web", kind: "vm", name: "vmcl-libvirt-web", instanceId: "uuid-of-vmcl-libvirt-web", endpoint: { host: "10.77.0.13", port: 80, via: "vmcl-libvirt-br" }, memoryLimitBytes: 256 * 1024 * 1024 },
    ]);
    expect((await outputValue(fullCopy.instances)).map((instance) => instance.endpoint.host)).toEqual(["10.78.5.11", "10.78.5.12", "10.78.5.13"]);
    expect(overlay.consoleLogs.web).toBe("/lab/libvirt/vmcl-libvirt/console/web.log");
    expect(await outputValue(overlay.networkName)).toBe("vmcl-libvirt-net");
    expect(await outputValue(overlay.poolName)).toBe("vmcl-libvirt-pool");
  });
});
