import * as fs from "node:fs";
import * as path from "node:path";
import { $, which } from "zx";
import { withHeartbeat } from "./progress";
import { checked } from "./shell";
import { LabError } from "../../model/labError";

/** Something the lab needs on the host, and the Debian package that provides it. */
export interface HostRequirement {
  /** Debian package to install when the requirement is not met. */
  debianPackage: string;
  /** What the lab uses it for, shown when it is missing. */
  purpose: string;
  /** A command on PATH that proves it is there; without one the package itself must be installed. */
  command?: string;
}

export const hostRequirements: HostRequirement[] = [
  { debianPackage: "docker.io", command: "dockerd", purpose: "Docker engine for the container stack" },
  { debianPackage: "libvirt-daemon-system", command: "libvirtd", purpose: "libvirt daemon for the VM stack" },
  { debianPackage: "libvirt-clients", command: "virsh", purpose: "virsh, used by the libvirt provider and probes" },
  { debianPackage: "dnsmasq-base", command: "dnsmasq", purpose: "libvirt, to start the VMs' host-only network" },
  { debianPackage: "xsltproc", command: "xsltproc", purpose: "the libvirt provider's XSLT step on each VM's XML" },
  { debianPackage: "qemu-system-x86", command: "qemu-system-x86_64", purpose: "QEMU, the VMs' hypervisor" },
  { debianPackage: "qemu-utils", command: "qemu-img", purpose: "qcow2 disks and their real allocation" },
  { debianPackage: "debootstrap", command: "debootstrap", purpose: "building images from Debian packages" },
  { debianPackage: "e2fsprogs", command: "mkfs.ext4", purpose: "VM disk file systems" },
  { debianPackage: "busybox-static", purpose: "the initramfs of the accelerator probe boot" },
  { debianPackage: "cpio", command: "cpio", purpose: "packing the probe initramfs" },
  { debianPackage: "xorriso", command: "xorriso", purpose: "the VMs' first-boot seed disks (LABSEED ISOs)" },
  { debianPackage: "chromium", command: "chromium", purpose: "rendering the HTML report in its screenshot test" },
  { debianPackage: "zstd", command: "zstd", purpose: "compressing the classroom archives (`--export`, `--import`)" },
  { debianPackage: "sysbench", command: "sysbench", purpose: "the overhead benchmarks' host run (the same package is in every image)" },
];

/** Whether the command is on PATH, or in the sbin folders a user's PATH may lack (dockerd, libvirtd). */
async function onPath(command: string): Promise<boolean> {
  const searched = [process.env.PATH ?? "", "/usr/sbin", "/sbin"].join(path.delimiter);
  return (await which(command, { path: searched, nothrow: true })) !== null;
}

/** dpkg prints "ii " for an installed package. */
export function isInstalledStatus(dpkgStatus: string): boolean {
  return dpkgStatus.startsWith("ii");
}

async function debianPackageInstalled(name: string): Promise<boolean> {
  const result = await $({ nothrow: true, quiet: true })`dpkg-query -W ${"-f=${db:Status-Abbrev}"} ${name}`;
  return result.ok && isInstalledStatus(result.stdout);
}

export async function missingRequirements(requirements = hostRequirements): Promise<HostRequirement[]> {
  const missing: HostRequirement[] = [];
  for (const requirement of requirements) {
    const present = requirement.command ? await onPath(requirement.command) : await debianPackageInstalled(requirement.debianPackage);
    if (!present) missing.push(requirement);
  }
  return missing;
}

export function isDebianFamily(osRelease: string, debianVersionFileExists: boolean): boolean {
  if (debianVersionFileExists) return true;
  const ids = /^(ID|ID_LIKE)=(.*)$/gm;
  for (let match = ids.exec(osRelease); match; match = ids.exec(osRelease)) {
    if (match[2].replace(/"/g, "").split(/\s+/).includes("debian")) return true;
  }
  return false;
}

export function installCommand(missing: HostRequirement[]): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${missing.map((r) => r.debianPackage).join(" ")}`;
}

/** Installs missing host packages through apt, or says exactly what to run when it cannot. */
export async function ensureHostPackages(log: (line: string) => void): Promise<void> {
  const missing = await missingRequirements();
  if (missing.length === 0) {
    log("host packages: all present");
    return;
  }
  const list = missing.map((r) => `${r.debianPackage} (${r.purpose})`).join(", ");
  const osRelease = fs.existsSync("/etc/os-release") ? fs.readFileSync("/etc/os-release", "utf8") : "";
  if (!isDebianFamily(osRelease, fs.existsSync("/etc/debian_version"))) {
    throw new LabError(
      `This host is not Debian-family, so the lab cannot install what it is missing: ${list}.`,
      "install the equivalent packages with your distribution's package manager (Docker engine, libvirt daemon and client, QEMU x86 system emulator, qemu-img, debootstrap, e2fsprogs, a static busybox, cpio, xorriso, sysbench, zstd), then run `npm run bootstrap` again.",
    );
  }
  if (process.getuid?.() !== 0) {
    throw new LabError(`The lab is missing host packages: ${list}. Installing them needs root.`, `run \`sudo sh -c '${installCommand(missing)}'\`, then \`npm run bootstrap\` again.`);
  }
  log(`host packages: installing ${missing.map((r) => r.debianPackage).join(" ")} (a minute or two)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const packages = missing.map((r) => r.debianPackage);
  await withHeartbeat("host packages: still installing", log, async () => {
    await checked($({ quiet: true, env })`apt-get update`);
    await checked($({ quiet: true, env })`apt-get install -y --no-install-recommends ${packages}`);
  });
  const stillMissing = await missingRequirements(missing);
  if (stillMissing.length > 0) {
    throw new LabError(
      `apt-get finished but these are still missing: ${stillMissing.map((r) => r.debianPackage).join(", ")}.`,
      `run \`${installCommand(stillMissing)}\` by hand and read its output.`,
    );
  }
  log("host packages: installed");
}
