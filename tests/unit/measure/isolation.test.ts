import { apps } from "../../../model/catalog/apps";
import {
  appComm,
  instanceProcesses,
  isIdentityMap,
  isolationOf,
  parseInsideView,
  parseUidMap,
  pidInsideOf,
  qemuPciModel,
  samePciDevices,
  uidMapText,
} from "../../../labs/lib/measure/isolation";
import { parsePsTable } from "../../../labs/lib/measure/procParsers";
import { fixture } from "./fixture";

describe("uid maps", () => {
  it("reads a container's map as the identity: no user namespace, uid 0 inside is uid 0 on the host", () => {
    const map = parseUidMap(fixture("proc-pid-uid_map-container-db.txt"));
    expect(map).toEqual([{ inside: 0, outside: 0, count: 4_294_967_295 }]);
    expect(isIdentityMap(map)).toBe(true);
    expect(uidMapText(map)).toBe("0 → 0 (4294967295 ids)");
  });

  it("tells a user namespace's map apart: root inside is an unprivileged id on the host", () => {
    const remapped = parseUidMap(fixture("proc-pid-uid_map-userns-remap.hand-written-from-user_namespaces-man.txt"));
    expect(remapped).toEqual([{ inside: 0, outside: 165_536, count: 65_536 }]);
    expect(isIdentityMap(remapped)).toBe(false);
    expect(isIdentityMap(parseUidMap("0 0 1000\n"))).toBe(false);
    expect(isIdentityMap(parseUidMap("0 0 1000\n1000 1000 4294966295\n"))).toBe(true);
  });

  it("refuses what is not a map", () => {
    expect(() => parseUidMap("")).toThrow("no mapping");
    expect(() => parseUidMap("0 0\n")).toThrow("not a mapping line");
  });
});

describe("the host's view of an instance's processes", () => {
  const processes = parsePsTable(fixture("ps-eo-pid-ppid-comm-args-stacks.txt"));

  it("names each app's processes as the kernel does, from the catalog's command", () => {
    expect(appComm(apps.db.command)).toBe("redis-server");
    expect(appComm(apps.api.command)).toBe("node");
    expect(appComm(apps.web.command)).toBe("nginx");
    expect(appComm(["/usr/local/bin/a-very-long-program-name"])).toBe("a-very-long-pro");
    expect(() => appComm([])).toThrow("no process name");
  });

  it("finds a container's main process and its children, and nothing but QEMU for a VM", () => {
    expect(instanceProcesses(processes, 10758).map(({ pid, comm }) => ({ pid, comm }))).toEqual([
      { pid: 10758, comm: "nginx" },
      { pid: 10772, comm: "nginx" },
    ]);
    expect(instanceProcesses(processes, 24873).map(({ pid, comm }) => ({ pid, comm }))).toEqual([{ pid: 24873, comm: "qemu-system-x86" }]);
    expect(() => instanceProcesses(processes, 1)).toThrow("pid 1 is not in the host's process table");
  });

  it("reads the pid a process has inside its own pid namespace", () => {
    expect(pidInsideOf(fixture("proc-pid-status-web-hardened.txt"))).toBe(1);
    expect(pidInsideOf(fixture("proc-pid-status-libvirt-qemu.txt"))).toBeUndefined();
    expect(() => pidInsideOf("Name:\tx\n")).toThrow("no NSpid line");
  });
});

describe("what a root shell lists of the machine it runs on", () => {
  it("reads a VM's emulated devices, the guest's processes and QEMU's CPU model", () => {
    const view = parseInsideView(fixture("inside-view-vm-db.txt"));
    expect(view.cpuModel).toBe("QEMU Virtual CPU version 2.5+");
    expect(view.pciDevices).toHaveLength(10);
    expect(view.pciDevices[0]).toEqual({ address: "0000:00:00.0", vendor: "0x8086", device: "0x1237" });
    expect(view.pciDevices.map(qemuPciModel)).toEqual([
      "i440FX host bridge",
      "PIIX3 ISA bridge",
      "PIIX3 IDE",
      "PIIX3 USB (UHCI)",
      "PIIX4 ACPI",
      "virtio net",
      "virtio console",
      "virtio block",
      "virtio block",
      "virtio entropy",
    ]);
    expect(view.processes[0]).toEqual({ pid: 1, comm: "lab-init" });
    expect(view.processes.filter((process) => process.comm === "redis-server")).toEqual([{ pid: 113, comm: "redis-server" }]);
  });

  it("sees the host's own devices and CPU from a container", () => {
    const container = parseInsideView(fixture("inside-view-container-web.txt"));
    const host = parseInsideView(fixture("host-view-pci-cpu.txt"));
    expect(container.cpuModel).toBe(host.cpuModel);
    expect(samePciDevices(container.pciDevices, host.pciDevices)).toBe(true);
    expect(samePciDevices(parseInsideView(fixture("inside-view-vm-db.txt")).pciDevices, host.pciDevices)).toBe(false);
    expect(container.processes).toEqual([{ pid: 1, comm: "nginx" }, { pid: 7, comm: "nginx" }, { pid: 14, comm: "sh" }]);
    expect(qemuPciModel({ vendor: "0x8086", device: "0x0d57" })).toBeUndefined();
  });

  it("leaves out devices half listed and shows no CPU model where cpuinfo has none", () => {
    const view = parseInsideView("/sys/bus/pci/devices/0000:00:01.0/vendor:0x1AF4\n/sys/bus/pci/devices/0000:00:02.0/vendor:0x1af4\n/sys/bus/pci/devices/0000:00:01.0/device:0x1041\n");
    expect(view).toEqual({ pciDevices: [{ address: "0000:00:01.0", vendor: "0x1af4", device: "0x1041" }], processes: [] });
  });
});

describe("the isolation facts of an instance", () => {
  const processes = parsePsTable(fixture("ps-eo-pid-ppid-comm-args-stacks.txt"));
  const hostView = fixture("host-view-pci-cpu.txt");

  it("shows a container's app on the host, under its host pids, on the host's CPU and devices", () => {
    const [master, worker] = instanceProcesses(processes, 10758);
    const isolation = isolationOf({
      uidMap: fixture("proc-pid-uid_map-container-db.txt"),
      hostProcesses: [
        { process: master, status: fixture("proc-pid-status-web-hardened.txt") },
        { process: worker, status: "NSpid:\t10772\t7\n" },
      ],
      appCommand: apps.web.command,
      insideView: fixture("inside-view-container-web.txt"),
      hostView,
      method: "test",
    });
    expect(isolation).toMatchObject({
      identityUidMap: true,
      hostProcesses: [{ pid: 10758, comm: "nginx", pidInside: 1 }, { pid: 10772, comm: "nginx", pidInside: 7 }],
      app: "nginx",
      appProcessesInside: [{ pid: 1, comm: "nginx" }, { pid: 7, comm: "nginx" }],
      appSeenByHost: true,
      cpuModel: "AMD EPYC",
      cpuModelIsHost: true,
      pciDevicesAreHost: true,
    });
    expect(isolation.pciDevices[0]).toEqual({ address: "0000:00:00.0", vendor: "0x8086", device: "0x0d57" });
    expect(isolation.pciDevices[1]).toEqual({ address: "0000:00:01.0", vendor: "0x1af4", device: "0x1045", qemuModel: "virtio balloon" });
  });

  it("shows only QEMU on the host for a VM, whose app runs under the guest's pids on emulated devices", () => {
    const isolation = isolationOf({
      uidMap: fixture("proc-pid-uid_map-container-db.txt"),
      hostProcesses: instanceProcesses(processes, 24873).map((process) => ({ process, status: fixture("proc-pid-status-libvirt-qemu.txt") })),
      appCommand: apps.db.command,
      insideView: fixture("inside-view-vm-db.txt"),
      hostView,
      method: "test",
    });
    expect(isolation.hostProcesses).toEqual([{ pid: 24873, comm: "qemu-system-x86" }]);
    expect(isolation.appProcessesInside).toEqual([{ pid: 113, comm: "redis-server" }]);
    expect(isolation.appSeenByHost).toBe(false);
    expect(isolation.cpuModelIsHost).toBe(false);
    expect(isolation.pciDevicesAreHost).toBe(false);
    expect(isolation.pciDevices.every((device) => device.qemuModel !== undefined)).toBe(true);
  });
});
