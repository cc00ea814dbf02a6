import { appNames } from "../../../model/catalog/apps";
import { appUnit } from "./appUnit";
import type { Catalog } from "./catalog";
import { rootDiskModules } from "./initrd";
import { appUnitName, seedScript, seedScriptPath, seedUnit, seedUnitName } from "../../../model/seed";
import type { TreeFile } from "./treeFiles";
import { tunedInitScript } from "./tunedInit";
import { tunedInitramfsInit } from "./tunedInitramfs";
import { tunedInitPath } from "../../../model/bootProfile";

/** Everything that goes into the golden VM image on top of the base tree; its hash is part of the VM's cache key. */
export interface VmSpec {
  /** Packages installed besides the apps': kernel, init and the device manager. */
  systemPackages: string[];
  /** Written before installing, so the kernel's initramfs is built with them. */
  preInstallFiles: TreeFile[];
  /** Written after installing: catalog files, units, seed script, fstab, an empty machine-id. */
  files: TreeFile[];
  /** Run in the tree after the files are written: locks root, disables and masks what must not run, enables the seed. */
  finishScript: string;
  /** Kernel command line for direct kernel boot. */
  kernelCmdline: string;
  /** The tuned profile's initramfs: the modules it loads and its /init before their insmod lines (tunedInitramfs.ts). */
  tunedInitramfs: { modules: readonly string[]; init: string };
}

/**
 * The cloud kernel is the smaller, virtio-ready flavour. udev creates the device links and lets systemd-networkd
 * manage the NIC. With --no-install-recommends neither systemd-timesyncd nor dbus comes along. The tuned profile's
 * lab-init loads the NIC's driver with kmod and addresses it with iproute2, where the typical profile has udev and
 * systemd-networkd. The QEMU guest agent answers the host on its virtio channel: udev starts its unit in the typical
 * profile, lab-init starts it in the tuned one.
 */
const systemPackages = ["linux-image-cloud-amd64", "systemd-sysv", "udev", "kmod", "iproute2", "qemu-guest-agent"];

/** root=/dev/vda: the disk is the file system itself. net.ifnames=0 names the first NIC eth0, which the seed addresses. */
const kernelCmdline = "root=/dev/vda rootfstype=ext4 rw console=ttyS0 net.ifnames=0 systemd.show_status=1";

/** MODULES=list keeps the initramfs to what booting needs (faster to load under emulation); the hook adds the root disk's driver. */
const initramfsFiles: TreeFile[] = [
  { path: "/etc/initramfs-tools/conf.d/vm-container-lab.conf", content: "MODULES=list\n", mode: 0o644 },
  {
    path: "/etc/initramfs-tools/hooks/vm-container-lab",
    content: [
      "#!/bin/sh",
      '[ "$1" = prereqs ] && exit 0',
      ". /usr/share/initramfs-tools/hook-functions",
      ...rootDiskModules.map((module) => `force_load ${module}`),
      "",
    ].join("\n"),
    mode: 0o755,
  },
];

/** apt's timers would download package lists and upgrades: disabled, then masked. */
const aptTimers = ["apt-daily.timer", "apt-daily-upgrade.timer"];

/** Masked too: firstboot would prompt on the console (the machine-id starts empty); logind needs D-Bus, which the VM does not have, and nobody logs in. */
const unwantedUnits = ["systemd-firstboot.service", "systemd-logind.service"];

const enabledUnits = [seedUnitName, "systemd-networkd.service"];

function catalogFiles(catalog: Catalog): TreeFile[] {
  return appNames.flatMap((app) => catalog.apps[app].files.map((file) => ({ path: file.path, content: catalog.fileContent(file), mode: file.mode })));
}

export function vmSpec(catalog: Catalog): VmSpec {
  return {
    systemPackages,
    preInstallFiles: initramfsFiles,
    files: [
      ...catalogFiles(catalog),
      ...appNames.map((app) => ({ path: `/etc/systemd/system/${appUnitName(app)}`, content: appUnit(catalog.apps[app]), mode: 0o644 })),
      { path: `/etc/systemd/system/${seedUnitName}`, content: seedUnit, mode: 0o644 },
      { path: seedScriptPath, content: seedScript, mode: 0o755 },
      { path: tunedInitPath, content: tunedInitScript(catalog), mode: 0o755 },
      { path: "/etc/fstab", content: "/dev/vda / ext4 defaults,noatime 0 0\n", mode: 0o644 },
      // Empty: each VM makes its own machine-id at its first boot.
      { path: "/etc/machine-id", content: "", mode: 0o444 },
    ],
    finishScript: [
      "set -eu",
      "passwd --lock root",
      `systemctl disable ${aptTimers.join(" ")}`,
      `systemctl mask ${[...aptTimers, ...unwantedUnits].join(" ")}`,
      `systemctl enable ${enabledUnits.join(" ")}`,
    ].join("\n"),
    kernelCmdline,
    tunedInitramfs: { modules: rootDiskModules, init: tunedInitramfsInit([]) },
  };
}
