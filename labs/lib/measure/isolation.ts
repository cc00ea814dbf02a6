/**
 * What separates an instance's root from the host's: pure functions of /proc/PID/uid_map, the host's process table
 * and what one shell command lists inside the instance (and on the host) of /proc and /sys, the same on both platforms.
 */
import * as path from "node:path";
import { descendantsOf, type PsProcess } from "./procParsers";
import type { Isolation } from "./resultsSchema";

/** One line of /proc/PID/uid_map: `count` ids from `inside` on map to ids from `outside` on in the reader's namespace. */
export interface UidMapping {
  inside: number;
  outside: number;
  count: number;
}

/** Every user id there is (2^32 − 1: the kernel keeps (uid_t)-1 out of every map). */
const allUserIds = 4_294_967_295;

export function parseUidMap(text: string): UidMapping[] {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  if (lines.length === 0) throw new Error("uid_map: no mapping");
  return lines.map((line) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 3 || !fields.every((field) => /^\d+$/.test(field))) throw new Error(`uid_map: not a mapping line: ${JSON.stringify(line)}`);
    const [inside, outside, count] = fields.map(Number);
    return { inside, outside, count };
  });
}

/** Whether a uid_map maps every id to itself: the process shares the host's users, so uid 0 inside is uid 0 on the host. */
export function isIdentityMap(mappings: readonly UidMapping[]): boolean {
  return mappings.every((mapping) => mapping.inside === mapping.outside) && mappings.reduce((sum, mapping) => sum + mapping.count, 0) === allUserIds;
}

/** "0 → 0 (4294967295 ids)", a map as one line. */
export function uidMapText(mappings: readonly UidMapping[]): string {
  return mappings.map((mapping) => `${mapping.inside} → ${mapping.outside} (${mapping.count} ids)`).join(", ");
}

/** The executable name the kernel gives an app's processes (comm: the file name, at most 15 characters). */
export function appComm(command: readonly string[]): string {
  const executable = command[0];
  if (executable === undefined) throw new Error("an app without a command has no process name");
  return path.basename(executable).slice(0, 15);
}

/** The process that holds an instance (a container's main process, a VM's QEMU) and every process below it. */
export function instanceProcesses(processes: readonly PsProcess[], holderPid: number): PsProcess[] {
  const holder = processes.find((process) => process.pid === holderPid);
  if (holder === undefined) throw new Error(`pid ${holderPid} is not in the host's process table`);
  return [holder, ...descendantsOf(processes, holderPid)];
}

/** The pid a process has in its own pid namespace (the last of /proc/PID/status's NSpid); undefined when it is in the reader's. */
export function pidInsideOf(statusText: string): number | undefined {
  const line = /^NSpid:\s*(.*)$/m.exec(statusText)?.[1];
  if (line === undefined) throw new Error("/proc/PID/status has no NSpid line (kernel 4.1 or later has one)");
  const pids = line.trim().split(/\s+/).map(Number);
  return pids.length > 1 ? pids[pids.length - 1] : undefined;
}

export interface PciDevice {
  /** Domain:bus:device.function, as /sys/bus/pci/devices names it. */
  address: string;
  vendor: string;
  device: string;
}

export interface ProcessName {
  pid: number;
  comm: string;
}

/** What one shell command lists of a machine from within: its PCI devices, its processes and its CPU's model name. */
export interface InsideView {
  pciDevices: PciDevice[];
  processes: ProcessName[];
  cpuModel?: string;
}

/**
 * Lists PCI devices, processes and the CPU model as a root shell sees them; only sh and grep, which every lab image
 * and the guest have. A process that ends while grep reads is left out (its error goes to /dev/null), so only a
 * shell that could not run fails it.
 */
export const insideViewCommand: readonly [string, ...string[]] = [
  "/bin/sh",
  "-c",
  'grep -H "" /sys/bus/pci/devices/*/vendor /sys/bus/pci/devices/*/device /proc/[0-9]*/comm 2>/dev/null; grep -m1 "^model name" /proc/cpuinfo; exit 0',
];

/** Parses what insideViewCommand printed: `/sys/bus/pci/devices/ADDR/vendor:0x8086`, `/proc/PID/comm:NAME`, `model name : …`. */
export function parseInsideView(stdout: string): InsideView {
  const devices = new Map<string, Partial<PciDevice>>();
  const processes: ProcessName[] = [];
  let cpuModel: string | undefined;
  for (const line of stdout.split("\n")) {
    const pci = /^\/sys\/bus\/pci\/devices\/([^/]+)\/(vendor|device):(0x[0-9a-f]{4})$/i.exec(line);
    if (pci) {
      devices.set(pci[1], { ...devices.get(pci[1]), address: pci[1], [pci[2]]: pci[3].toLowerCase() });
      continue;
    }
    const comm = /^\/proc\/(\d+)\/comm:(.*)$/.exec(line);
    if (comm) {
      processes.push({ pid: Number(comm[1]), comm: comm[2] });
      continue;
    }
    const model = /^model name\s*:\s*(.*)$/.exec(line);
    if (model) cpuModel = model[1].trim();
  }
  const pciDevices = [...devices.values()].filter((device): device is PciDevice => device.vendor !== undefined && device.device !== undefined);
  return { pciDevices: pciDevices.sort((a, b) => a.address.localeCompare(b.address)), processes: processes.sort((a, b) => a.pid - b.pid), ...(cpuModel === undefined ? {} : { cpuModel }) };
}

/** Whether two machines list the same PCI devices at the same addresses: a container's view of the host's own hardware. */
export function samePciDevices(a: readonly PciDevice[], b: readonly PciDevice[]): boolean {
  const key = (devices: readonly PciDevice[]) => devices.map((device) => `${device.address} ${device.vendor}:${device.device}`).sort().join("\n");
  return key(a) === key(b);
}

/** PCI models QEMU emulates, by vendor and device id (QEMU's include/hw/pci/pci_ids.h and hw/virtio; virtio 0x1040 + id are the modern ones). */
const qemuPciModels: Record<string, Record<string, string>> = {
  "0x1af4": {
    "0x1000": "virtio net",
    "0x1001": "virtio block",
    "0x1002": "virtio balloon",
    "0x1003": "virtio console",
    "0x1004": "virtio SCSI",
    "0x1005": "virtio entropy",
    "0x1009": "virtio 9p",
    "0x1041": "virtio net",
    "0x1042": "virtio block",
    "0x1043": "virtio console",
    "0x1044": "virtio entropy",
    "0x1045": "virtio balloon",
    "0x1048": "virtio SCSI",
    "0x1050": "virtio GPU",
    "0x1052": "virtio input",
    "0x1053": "virtio vsock",
  },
  "0x8086": {
    "0x1237": "i440FX host bridge",
    "0x7000": "PIIX3 ISA bridge",
    "0x7010": "PIIX3 IDE",
    "0x7020": "PIIX3 USB (UHCI)",
    "0x7113": "PIIX4 ACPI",
    "0x29c0": "Q35 host bridge",
    "0x2918": "ICH9 LPC bridge",
    "0x2922": "ICH9 SATA (AHCI)",
    "0x2930": "ICH9 SMBus",
    "0x100e": "e1000 network",
    "0x10d3": "e1000e network",
  },
  "0x1b36": {
    "0x0001": "PCI-PCI bridge",
    "0x000c": "PCIe root port",
    "0x000d": "XHCI USB",
    "0x0100": "QXL display",
  },
  "0x1234": { "0x1111": "standard VGA" },
  "0x1013": { "0x00b8": "Cirrus VGA" },
};

/** The QEMU model a PCI device is, or undefined when QEMU has no model with its ids (then it is not one QEMU made up). */
export function qemuPciModel(device: Pick<PciDevice, "vendor" | "device">): string | undefined {
  return qemuPciModels[device.vendor.toLowerCase()]?.[device.device.toLowerCase()];
}

/** What the isolation facts are computed from, as the probes read them. */
export interface IsolationReadings {
  /** /proc/PID/uid_map of the process that holds the instance. */
  uidMap: string;
  /** instanceProcesses of the holder, each with its /proc/PID/status; a process that ended before it was read is left out. */
  hostProcesses: readonly { process: PsProcess; status: string }[];
  /** The app's command in the catalog. */
  appCommand: readonly string[];
  /** What insideViewCommand printed inside the instance, and on the host. */
  insideView: string;
  hostView: string;
  method: string;
}

export function isolationOf(readings: IsolationReadings): Isolation {
  const uidMap = parseUidMap(readings.uidMap);
  const hostProcesses = readings.hostProcesses.map(({ process, status }) => {
    const pidInside = pidInsideOf(status);
    return { pid: process.pid, comm: process.comm, ...(pidInside === undefined ? {} : { pidInside }) };
  });
  const app = appComm(readings.appCommand);
  const inside = parseInsideView(readings.insideView);
  const host = parseInsideView(readings.hostView);
  return {
    uidMap,
    identityUidMap: isIdentityMap(uidMap),
    hostProcesses,
    app,
    appProcessesInside: inside.processes.filter((process) => process.comm === app),
    appSeenByHost: hostProcesses.some((process) => process.comm === app),
    ...(inside.cpuModel === undefined ? {} : { cpuModel: inside.cpuModel }),
    cpuModelIsHost: inside.cpuModel !== undefined && inside.cpuModel === host.cpuModel,
    pciDevices: inside.pciDevices.map((device) => {
      const qemuModel = qemuPciModel(device);
      return { ...device, ...(qemuModel === undefined ? {} : { qemuModel }) };
    }),
    pciDevicesAreHost: samePciDevices(inside.pciDevices, host.pciDevices),
    method: readings.method,
  };
}
