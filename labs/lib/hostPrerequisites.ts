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

/** Makes the host state the lab's VMs need; quick and idempotent. */
export function ensureLibvirtHostState(log: (line: string) => void, dnsmasqDir = libvirtDnsmasqDir): void {
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
