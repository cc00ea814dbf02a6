import { checkDomainInputs, consoleLogFiles, diffDomain, diskBus, domainXml, isUnicastMac, isVirshNotFound, type DomainInputs } from "../../../stacks/providers/libvirt";
import { unknownValue } from "../../../stacks/providers/properties";

const uri = "qemu:///system";

const base: Partial<DomainInputs> = {
  uri,
  name: "lab-db",
  domainType: "qemu",
  memoryMiB: 256,
  vcpus: 1,
  kernelPath: "/srv/images/vmlinuz",
  initrdPath: "/srv/images/initrd.img",
  kernelCmdline: "root=/dev/vda console=ttyS0",
  disks: [
    { path: "/srv/pool/lab-db.qcow2", target: "vda", format: "qcow2" },
    { path: "/srv/seeds/db.iso", target: "vdb", format: "raw", readonly: true },
  ] as DomainInputs["disks"],
  interfaces: [{ network: "lab-net", macAddress: "52:54:00:AB:cd:01" }],
  consoleLogPath: "/srv/console/db.log",
  tcgTranslationCacheMiB: 64,
  metadata: { "vm-container-lab.app": "db", "vm-container-lab": "true" },
};

function checked(overrides: Partial<DomainInputs> = {}): DomainInputs {
  const { inputs, failures } = checkDomainInputs({ ...base, ...overrides });
  expect(failures).toEqual([]);
  return inputs;
}

function failures(overrides: Partial<DomainInputs>): string[] {
  return checkDomainInputs({ ...base, ...overrides }).failures.map((failure) => `${failure.property}: ${failure.reason}`);
}

describe("libvirt domain XML", () => {
  it("boots the kernel directly, with disks in order, a virtio NIC, ttyS0 in a file, no balloon and a bounded TCG cache", () => {
    expect(domainXml(checked())).toBe(`<domain type="qemu">
  <name>lab-db</name>
  <metadata>
    <lab:labels xmlns:lab="https://vm-container-lab.invalid/ns">
      <lab:label name="vm-container-lab">true</lab:label>
      <lab:label name="vm-container-lab.app">db</lab:label>
    </lab:labels>
  </metadata>
  <memory unit="MiB">256</memory>
  <currentMemory unit="MiB">256</currentMemory>
  <vcpu>1</vcpu>
  <os>
    <type arch="x86_64" machine="pc">hvm</type>
    <kernel>/srv/images/vmlinuz</kernel>
    <initrd>/srv/images/initrd.img</initrd>
    <cmdline>root=/dev/vda console=ttyS0</cmdline>
  </os>
  <features>
    <acpi/>
    <tcg>
      <tb-cache unit="MiB">64</tb-cache>
    </tcg>
  </features>
  <clock offset="utc"/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type="file" device="disk">
      <driver name="qemu" type="qcow2"/>
      <source file="/srv/pool/lab-db.qcow2"/>
      <target dev="vda" bus="virtio"/>
    </disk>
    <disk type="file" device="disk">
      <driver name="qemu" type="raw"/>
      <source file="/srv/seeds/db.iso"/>
      <target dev="vdb" bus="virtio"/>
      <readonly/>
    </disk>
    <interface type="network">
      <mac address="52:54:00:ab:cd:01"/>
      <source network="lab-net"/>
      <model type="virtio"/>
    </interface>
    <serial type="file">
      <source path="/srv/console/db.log"/>
      <target port="0"/>
    </serial>
    <console type="file">
      <source path="/srv/console/db.log"/>
      <target type="serial" port="0"/>
    </console>
    <controller type="usb" model="none"/>
    <memballoon model="none"/>
  </devices>
</domain>
`);
  });

  it("writes the TCG cache only for a qemu domain that asks for one", () => {
    expect(domainXml(checked({ domainType: "qemu", tcgTranslationCacheMiB: undefined }))).not.toContain("<tcg>");
    const kvm = domainXml(checked({ domainType: "kvm", tcgTranslationCacheMiB: undefined }));
    expect(kvm).toContain(`<domain type="kvm">`);
    expect(kvm).not.toContain("<tcg>");
    expect(kvm).toContain("  <features>\n    <acpi/>\n  </features>\n");
  });

  it("leaves out metadata, initrd, disks and NICs that are not given", () => {
    const xml = domainXml(checked({ metadata: undefined, initrdPath: undefined, kernelCmdline: undefined, disks: [], interfaces: [] }));
    expect(xml).not.toContain("<metadata>");
    expect(xml).not.toContain("<initrd>");
    expect(xml).toContain("    <cmdline></cmdline>\n");
    expect(xml).not.toContain("<disk");
    expect(xml).not.toContain("<interface");
  });

  it("makes a cdrom read-only on the SATA bus, and keeps the disks' order", () => {
    const xml = domainXml(checked({ disks: [
      { path: "/srv/seed.iso", target: "sda", format: "raw", device: "cdrom" },
      { path: "/srv/root.qcow2", target: "vda", format: "qcow2" },
    ] as DomainInputs["disks"] }));
    expect(xml).toContain(`    <disk type="file" device="cdrom">
      <driver name="qemu" type="raw"/>
      <source file="/srv/seed.iso"/>
      <target dev="sda" bus="sata"/>
      <readonly/>
    </disk>
    <disk type="file" device="disk">
      <driver name="qemu" type="qcow2"/>
      <source file="/srv/root.qcow2"/>
      <target dev="vda" bus="virtio"/>
    </disk>
`);
    expect(["vda", "sdb", "hdc"].map(diskBus)).toEqual(["virtio", "sata", "ide"]);
  });

  it("escapes names, paths, the command line and labels", () => {
    const xml = domainXml(checked({
      kernelCmdline: `init=/bin/sh -c "a<b && c>d" x='y'`,
      consoleLogPath: "/srv/a&b/console.log",
      metadata: { "k&<": `v"'>` },
      disks: [{ path: "/srv/a&b/root.qcow2", target: "vda", format: "qcow2" }] as DomainInputs["disks"],
    }));
    expect(xml).toContain("<cmdline>init=/bin/sh -c &quot;a&lt;b &amp;&amp; c&gt;d&quot; x=&apos;y&apos;</cmdline>");
    expect(xml).toContain(`<source path="/srv/a&amp;b/console.log"/>`);
    expect(xml).toContain(`<source file="/srv/a&amp;b/root.qcow2"/>`);
    expect(xml).toContain(`<lab:label name="k&amp;&lt;">v&quot;&apos;&gt;</lab:label>`);
  });

  it("never gives the namespace a real host", () => {
    expect(domainXml(checked())).toContain(`xmlns:lab="https://vm-container-lab.invalid/ns"`);
  });
});

describe("libvirt domain inputs", () => {
  it("fill in the disk defaults and lower-case MAC addresses", () => {
    const inputs = checked();
    expect(inputs.disks[0]).toEqual({ path: "/srv/pool/lab-db.qcow2", target: "vda", format: "qcow2", readonly: false, device: "disk" });
    expect(inputs.interfaces[0].macAddress).toBe("52:54:00:ab:cd:01");
  });

  it("reject what libvirt would not take", () => {
    expect(failures({ domainType: "xen" as "kvm", memoryMiB: 8, vcpus: 0 })).toEqual([
      "domainType: must be kvm or qemu",
      "memoryMiB: must be a whole number of MiB from 16",
      "vcpus: must be a whole number from 1 to 64",
    ]);
    expect(failures({ kernelPath: "vmlinuz", consoleLogPath: "/srv/console/" })).toEqual([
      "kernelPath: must be a normalized absolute file path",
      "consoleLogPath: must be a normalized absolute file path",
    ]);
    expect(failures({ domainType: "kvm" })).toEqual(["tcgTranslationCacheMiB: only applies to domainType qemu (TCG): a kvm domain has no translation cache"]);
    expect(failures({ disks: [
      { path: "/a.iso", target: "vdb", format: "raw", device: "cdrom" },
      { path: "/b.qcow2", target: "vdb", format: "qcow2" },
      { path: "b.qcow2", target: "xda", format: "qcow2" },
    ] as DomainInputs["disks"] })).toEqual([
      "disks[0].target: a cdrom cannot be a virtio disk: use an sdX or hdX target",
      "disks[1].target: vdb is used by an earlier disk",
      "disks[2].path: must be a normalized absolute file path",
      "disks[2].target: must be a device name such as vda, sdb or hdc",
    ]);
    expect(failures({ interfaces: [{ network: "lab net", macAddress: "53:54:00:00:00:01" }] })).toEqual([
      "interfaces[0].network: must be the name of a libvirt network",
      "interfaces[0].macAddress: must be a unicast MAC address such as 52:54:00:12:34:56",
    ]);
    expect(["52:54:00:00:00:01", "53:54:00:00:00:01", "52:54:00:00:00"].map(isUnicastMac)).toEqual([true, false, false]);
  });

  it("pass values that are not known yet (preview)", () => {
    expect(failures({ disks: [{ path: unknownValue, target: "vda", format: "qcow2" }] as DomainInputs["disks"], interfaces: [{ network: unknownValue, macAddress: "52:54:00:00:00:01" }] })).toEqual([]);
    expect(failures({ disks: unknownValue as unknown as DomainInputs["disks"] })).toEqual([]);
  });
});

describe("libvirt domain lifecycle helpers", () => {
  it("treat virsh's bare 'failed to get domain' as gone", () => {
    expect(isVirshNotFound("error: failed to get domain 'lab-db'\n")).toBe(true);
    expect(isVirshNotFound("error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory")).toBe(false);
  });

  it("remove the console log and the copies virtlogd rotated", () => {
    expect(consoleLogFiles("/srv/console/db.log").slice(0, 3)).toEqual(["/srv/console/db.log", "/srv/console/db.log.0", "/srv/console/db.log.1"]);
  });

  it("see no change on a second run and replace, old one first, on any change", () => {
    const inputs = checked();
    const olds = { ...inputs, domainUuid: "u", createdDirectory: "/srv/console", __provider: "code" };
    expect(diffDomain(olds, { ...checked(), __provider: "code" } as DomainInputs)).toEqual({ changes: false, replaces: [], stables: ["domainUuid", "createdDirectory"], deleteBeforeReplace: false });
    expect(diffDomain(olds, { ...inputs, memoryMiB: 512 })).toEqual({ changes: true, replaces: ["memoryMiB"], stables: [], deleteBeforeReplace: true });
    expect(diffDomain(olds, checked({ disks: [{ path: "/srv/pool/lab-db.qcow2", target: "vda", format: "qcow2" }] as DomainInputs["disks"] })).replaces).toEqual(["disks"]);
  });
});
