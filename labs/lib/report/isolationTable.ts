/** The table of what separates each instance's root from the host's: user ids, the host's view of its processes, its view of the host. */
import { uidMapText } from "../measure/isolation";
import type { Confinement, Isolation } from "../measure/resultsSchema";
import type { TableCell } from "./document";
import type { InstanceSection } from "./instanceSection";

/** The uid_map of the holding process, and what it means for root: the host's for a container, none of the host's for a guest kernel's users. */
export function uidMapCell(confinement: Confinement, isolation: Isolation): string {
  const map = isolation.identityUidMap ? "identity: no user namespace" : `${uidMapText(isolation.uidMap)}: a user namespace`;
  if (confinement.kernel === "own") return `${map}, for QEMU as ${confinement.user}; the guest's uids are its own kernel's`;
  return isolation.identityUidMap ? `${map}, uid 0 inside is uid 0 on the host` : map;
}

/** The host's process table of the instance, one process a line: "nginx 10758 (pid 1 inside)". */
export function hostProcessTexts(isolation: Isolation): string[] {
  return isolation.hostProcesses.map((process) => `${process.comm} ${process.pid}${process.pidInside === undefined ? "" : ` (pid ${process.pidInside} inside)`}`);
}

/** "node as pid 113 inside: not in the host's process table". */
export function appInsideText(isolation: Isolation): string {
  const pids = isolation.appProcessesInside.map((process) => process.pid);
  const running = pids.length === 0 ? `${isolation.app}: not running inside` : `${isolation.app} as pid${pids.length > 1 ? "s" : ""} ${pids.join(", ")} inside`;
  return `${running}: ${isolation.appSeenByHost ? "in" : "not in"} the host's process table`;
}

export function cpuModelText(isolation: Isolation): string {
  return `${isolation.cpuModel ?? "no model name"} (${isolation.cpuModelIsHost ? "the host's" : "not the host's"})`;
}

/** "the host's own 6 devices", or "10, all QEMU models: i440FX host bridge, …, virtio block ×2, …". */
export function pciDevicesText(isolation: Isolation): string {
  const count = isolation.pciDevices.length;
  if (isolation.pciDevicesAreHost) return `the host's own ${count} devices`;
  const names = new Map<string, number>();
  for (const device of isolation.pciDevices) {
    const name = device.qemuModel ?? `${device.vendor}:${device.device}`;
    names.set(name, (names.get(name) ?? 0) + 1);
  }
  const qemuModels = isolation.pciDevices.filter((device) => device.qemuModel !== undefined).length;
  const which = qemuModels === count ? "all QEMU models" : `${qemuModels} of them QEMU models`;
  return `${count}, ${which}: ${[...names].map(([name, times]) => (times > 1 ? `${name} ×${times}` : name)).join(", ")}`;
}

function isolationRow(label: string, confinement: Confinement | undefined): TableCell[] {
  const isolation = confinement?.isolation;
  if (!isolation) return [label, "not recorded in this run", "—", "—", "—", "—"];
  return [label, uidMapCell(confinement, isolation), { items: hostProcessTexts(isolation) }, appInsideText(isolation), cpuModelText(isolation), pciDevicesText(isolation)];
}

export const isolationSection: InstanceSection = {
  heading: "Isolation",
  text: "What separates each instance's root from the host's, read on the host from the process that holds it (its `/proc/PID/uid_map`, and the host's process table from it down) and inside it with one shell command (`docker exec`, or the QEMU guest agent for a VM) that lists `/sys/bus/pci/devices`, `/proc/*/comm` and the CPU model, compared with the same command on the host.",
  tableId: "isolation",
  caption: "Isolation of each instance",
  header: ["instance", "uid_map of its host process", "host's process table", "the app", "CPU model seen inside", "PCI devices seen inside"],
  row: (label, instance) => isolationRow(label, instance.confinement),
};
