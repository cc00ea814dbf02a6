import * as fs from "node:fs";
import * as path from "node:path";
import { floorDomainXml, floorKernelCmdline, floorMarker, guestUptimeMsFrom } from "../../../labs/lib/measure/vmFloor";

const stackXml = fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "measure", "vm", "dumpxml-api.xml"), "utf8");
const floor = { name: "vmcl-scratch-floor", initrdPath: "/lab/.lab/cache/vm-floor/floor-initramfs.cpio", consoleLogPath: "/lab/.lab/libvirt/vmcl-scratch/console/floor.log" };

describe("the VM floor's transient domain", () => {
  const xml = floorDomainXml(stackXml, floor);

  it("keeps the stack domain's accelerator, machine, CPU, memory, vCPUs, TCG cache and kernel", () => {
    for (const kept of ["<domain type='qemu'", "machine='pc-i440fx-7.2'", "<model fallback='forbid'>qemu64</model>", "<memory unit='KiB'>393216</memory>", "<vcpu placement='static'>1</vcpu>", "<tb-cache unit='KiB'>65536</tb-cache>", "<kernel>/work/main/.lab/images/b9a7ec8436e0/vmlinuz</kernel>", "<memballoon model='none'/>"]) {
      expect(xml).toContain(kept);
    }
  });

  it("gets its own name, no UUID, the floor's initramfs and a quiet command line", () => {
    expect(xml).toContain("<name>vmcl-scratch-floor</name>");
    expect(xml).not.toContain("<uuid>");
    expect(xml).toContain(`<initrd>${floor.initrdPath}</initrd>`);
    expect(xml).toContain(`<cmdline>${floorKernelCmdline}</cmdline>`);
  });

  it("has no disks and no NIC, writes its own console file, and ends instead of rebooting", () => {
    expect(xml).not.toMatch(/<disk\b|<interface\b/);
    expect(xml.match(/<source path='([^']*)'\/>/g)).toEqual([`<source path='${floor.consoleLogPath}'/>`, `<source path='${floor.consoleLogPath}'/>`]);
    expect(xml).toContain("<on_reboot>destroy</on_reboot>");
  });

  it("refuses a domain that does not boot a kernel directly", () => {
    expect(() => floorDomainXml(stackXml.replace(/<initrd>[^<]*<\/initrd>/, ""), floor)).toThrow(/boots no kernel directly/);
  });
});

describe("the floor init's line", () => {
  it("carries the guest's uptime", () => {
    expect(guestUptimeMsFrom(`[    0.000000] Linux version 6.1\n${floorMarker} 2.91\r\n`)).toBeCloseTo(2910);
    expect(guestUptimeMsFrom("Kernel panic")).toBeUndefined();
  });
});
