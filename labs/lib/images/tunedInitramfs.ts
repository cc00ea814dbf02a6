import * as fs from "node:fs";
import * as path from "node:path";
import { tunedInitramfsMarker } from "../../../model/bootProfile";
import { hostBusybox, packBusyboxInitramfs } from "./busyboxInitramfs";
import { rootDiskModules } from "./initrd";

/**
 * The tuned profile's initramfs: a static busybox and an init that loads the root disk's drivers, mounts the root file
 * system and hands over to the init the kernel command line names. Debian's initramfs does the same with udev and
 * its scripts, which takes seconds under emulation.
 */

function moduleName(modulePath: string): string {
  return path.basename(modulePath).replace(/\.ko(?:\.\w+)?$/, "").replace(/-/g, "_");
}

/**
 * The module files to load, dependencies first, so that `wanted` are available: from the kernel's modules.dep
 * ("kernel/a.ko: kernel/b.ko …", paths relative to the modules folder). Built-in modules (modules.builtin) need no
 * file. Throws when one of `wanted` is neither.
 */
export function modulesToLoad(modulesDep: string, modulesBuiltin: string, wanted: readonly string[]): string[] {
  const dependencies = new Map<string, { file: string; needs: string[] }>();
  for (const line of modulesDep.split("\n")) {
    const [file, needs] = line.split(":");
    if (!file?.trim() || needs === undefined) continue;
    dependencies.set(moduleName(file.trim()), { file: file.trim(), needs: needs.trim().split(/\s+/).filter((need) => need !== "").map(moduleName) });
  }
  const builtin = new Set(modulesBuiltin.split("\n").filter((line) => line.trim() !== "").map((line) => moduleName(line.trim())));
  const ordered: string[] = [];
  const visit = (name: string): void => {
    if (builtin.has(name)) return;
    const entry = dependencies.get(name);
    if (entry === undefined) throw new Error(`the kernel has no module ${name}, built in or as a file`);
    if (ordered.includes(entry.file)) return;
    entry.needs.forEach(visit);
    ordered.push(entry.file);
  };
  wanted.map((name) => name.replace(/-/g, "_")).forEach(visit);
  return ordered;
}

/** In the initramfs, the module files lie flat in /modules, numbered in load order. */
function stagedModulePath(moduleFile: string, index: number): string {
  return `/modules/${String(index).padStart(2, "0")}-${path.basename(moduleFile)}`;
}

/**
 * /init of the tuned initramfs. It reads root=, rootfstype=, rw and init= from the kernel command line as Debian's
 * does, and moves /dev, /proc, /sys and /run into the root file system for the init it starts.
 */
export function tunedInitramfsInit(moduleFiles: readonly string[]): string {
  const loads = moduleFiles.map((file, index) => `insmod ${stagedModulePath(file, index)} || fail "cannot load ${path.basename(file)}"`);
  return `#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t devtmpfs devtmpfs /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs -o nosuid,nodev,mode=0755 tmpfs /run
fail() { echo "lab-initramfs: $*" > /dev/console; echo o > /proc/sysrq-trigger; sleep 60; }
echo "${tunedInitramfsMarker}" > /dev/console
${loads.join("\n")}
root="" rootfstype=ext4 mode=ro init=/sbin/init
for word in $(cat /proc/cmdline); do
  case "$word" in
    root=*) root="\${word#root=}" ;;
    rootfstype=*) rootfstype="\${word#rootfstype=}" ;;
    init=*) init="\${word#init=}" ;;
    rw) mode=rw ;;
    ro) mode=ro ;;
  esac
done
[ -n "$root" ] || fail "the kernel command line names no root="
for _ in $(seq 1 200); do
  [ -b "$root" ] && break
  sleep 0.02
done
mkdir -p /root
mount -t "$rootfstype" -o "$mode" "$root" /root || fail "cannot mount $root"
for dir in dev proc sys run; do mount --move "/$dir" "/root/$dir"; done
exec switch_root /root "$init"
`;
}

/** Packs the tuned initramfs for the kernel modules under `modulesDir` (a tree's /usr/lib/modules/VERSION) into `archivePath`. */
export async function buildTunedInitramfs(modulesDir: string, workDir: string, archivePath: string): Promise<void> {
  const busyboxPath = await hostBusybox();
  const read = (name: string) => fs.readFileSync(path.join(modulesDir, name), "utf8");
  const moduleFiles = modulesToLoad(read("modules.dep"), read("modules.builtin"), rootDiskModules);
  const compressed = moduleFiles.filter((file) => !file.endsWith(".ko"));
  if (compressed.length > 0) throw new Error(`busybox insmod loads plain .ko files only; this kernel has ${compressed.join(", ")}`);
  const files = Object.fromEntries(moduleFiles.map((file, index) => [stagedModulePath(file, index).slice(1), path.join(modulesDir, file)]));
  await packBusyboxInitramfs({ busyboxPath, init: tunedInitramfsInit(moduleFiles), dirs: ["dev", "proc", "sys", "run", "root"], files }, path.join(workDir, "tuned-initramfs"), archivePath);
}
