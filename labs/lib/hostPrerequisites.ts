import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { LabError } from "../../model/labError";
import { labPaths } from "./labEnv";

/**
 * Host state the lab relies on beyond packages and running daemons, which a fresh Debian machine lacks.
 * libvirt writes `<bridge>.macs` into its dnsmasq folder whenever a domain starts on one of its networks, even on a
 * network without DHCP; the folder only appears once some network with DHCP has run, so on a fresh host the first
 * VM fails to start without it.
 */
export const libvirtDnsmasqDir = "/var/lib/libvirt/dnsmasq";

/** The user QEMU runs as under qemu:///system on Debian (libvirt's `user` in /etc/libvirt/qemu.conf). */
export const qemuUser = "libvirt-qemu";

export function hostPrerequisiteMissing(dnsmasqDir = libvirtDnsmasqDir): string | undefined {
  return fs.existsSync(dnsmasqDir) ? undefined : dnsmasqDir;
}

/**
 * udev gives /dev/kvm to group kvm with mode 0660, and QEMU's user is in that group. A host without udev leaves it
 * root's alone; libvirt then finds KVM in every capability probe (run as root) but not for QEMU's user, throws the
 * probe away and probes QEMU again on every call: creating one VM took about 115 s instead of a few here.
 */
export const kvmDevice = "/dev/kvm";

/** The kvm group's id from /etc/group; undefined where there is none. */
export function kvmGroupId(groupFile = "/etc/group"): number | undefined {
  const line = fs.readFileSync(groupFile, "utf8").split("\n").find((entry) => entry.startsWith("kvm:"));
  return line === undefined ? undefined : Number(line.split(":")[2]);
}

/** Gives the KVM device to group kvm, readable and writable, as udev would; nothing where it is so or absent. */
export function ensureKvmDeviceGroup(log: (line: string) => void, device = kvmDevice, groupFile = "/etc/group"): void {
  const groupId = kvmGroupId(groupFile);
  if (groupId === undefined || !fs.existsSync(device)) return;
  const status = fs.statSync(device);
  if (status.gid === groupId && (status.mode & 0o060) === 0o060) return;
  fs.chownSync(device, status.uid, groupId);
  fs.chmodSync(device, (status.mode & 0o7777) | 0o060);
  log(`host: gave ${device} to group kvm (mode 0660) as udev would; without it libvirt probes QEMU again on every call, which makes each VM take minutes to create`);
}

/** Makes the host state the lab's VMs need; quick and idempotent. */
export function ensureLibvirtHostState(log: (line: string) => void, dnsmasqDir = libvirtDnsmasqDir): void {
  ensureKvmDeviceGroup(log);
  if (fs.existsSync(dnsmasqDir)) return;
  fs.mkdirSync(dnsmasqDir, { recursive: true, mode: 0o755 });
  log(`host: made ${dnsmasqDir} (libvirt writes its networks' MAC lists there; a fresh host lacks it)`);
}

/** The folders from / down to `target` that `user` cannot enter, found by asking as that user; none when there is no such user. */
export async function foldersClosedTo(user: string, target: string): Promise<string[]> {
  if (!(await $({ nothrow: true, quiet: true, timeout: "10s", timeoutSignal: "SIGKILL" })`id -u ${user}`).ok) return [];
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) break;
  }
  const closed: string[] = [];
  for (const folder of folders) {
    if (!fs.existsSync(folder)) break;
    const probe = await $({ nothrow: true, quiet: true, timeout: "10s", timeoutSignal: "SIGKILL" })`runuser -u ${user} -- test -x ${folder}`;
    if (!probe.ok) closed.push(folder);
  }
  return closed;
}

/** QEMU reads the kernels and disks and writes the consoles under .lab/, so it must be able to enter every folder above it. */
export async function checkQemuCanReachLabFolder(): Promise<void> {
  fs.mkdirSync(labPaths.state, { recursive: true });
  const closed = await foldersClosedTo(qemuUser, labPaths.state);
  if (closed.length > 0) {
    throw new LabError(
      `QEMU runs as ${qemuUser} and cannot enter ${closed.join(", ")}, so the VMs could not read their kernels and disks under ${labPaths.state}.`,
      `let others enter those folders (\`chmod o+x ${closed.join(" ")}\`), or clone the lab into a folder others can enter (e.g. under /srv or /opt).`,
    );
  }
}
