import * as fs from "node:fs";
import * as path from "node:path";
import { runInTree } from "./chroot";

/** Modules the initramfs must be able to load (or the kernel must have built in) to mount root=/dev/vda. */
export const rootDiskModules = ["virtio_pci", "virtio_blk", "ext4"] as const;

/**
 * Which of `required` are neither in the initramfs listing (`lsinitramfs`) nor in the kernel's modules.builtin.
 * Module names use _ where file names may use -.
 */
export function missingInitrdModules(initrdListing: string, modulesBuiltin: string, required: readonly string[]): string[] {
  const moduleNames = (text: string) =>
    new Set(
      text
        .split("\n")
        .map((line) => /([^/]+)\.ko(?:\.\w+)?$/.exec(line.trim())?.[1]?.replace(/-/g, "_"))
        .filter((name): name is string => name !== undefined),
    );
  const available = new Set([...moduleNames(initrdListing), ...moduleNames(modulesBuiltin)]);
  return required.filter((name) => !available.has(name));
}

/** Fails unless the tree's initramfs for `kernelVersion` can mount the root disk. */
export async function checkInitrd(root: string, kernelVersion: string): Promise<void> {
  const listing = await runInTree(root, `lsinitramfs /boot/initrd.img-${kernelVersion}`);
  const builtin = fs.readFileSync(path.join(root, "usr", "lib", "modules", kernelVersion, "modules.builtin"), "utf8");
  const missing = missingInitrdModules(listing, builtin, rootDiskModules);
  if (missing.length > 0) throw new Error(`the initramfs of ${kernelVersion} lacks ${missing.join(", ")}: it could not mount root=/dev/vda`);
}
