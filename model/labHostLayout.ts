import * as path from "node:path";
import type { SshTarget } from "./sshTarget";

/**
 * Where the lab keeps, on a lab host reached over ssh, what QEMU must find there by path: the images' kernels and
 * initramfs files, each libvirt stack's pool and console logs, the floor boot's files. One folder per ssh user, in
 * /var/tmp so that QEMU's own user (libvirt-qemu) can enter it whatever the user's home allows.
 */
export function labHostLayout(target: Pick<SshTarget, "user">) {
  const root = `/var/tmp/vm-container-lab-${target.user ?? "default"}`;
  return {
    root,
    images: path.posix.join(root, "images"),
    /** A libvirt stack's pool (pool/) and console logs (console/). */
    libvirtStateDir: (namePrefix: string) => path.posix.join(root, "libvirt", namePrefix),
    /** The floor boot's initramfs and console log. */
    vmFloorDir: path.posix.join(root, "vm-floor"),
  };
}

/** The lab host's path of a file under the controller's images folder (.lab/images/<hash>/vmlinuz → <root>/images/<hash>/vmlinuz). */
export function labHostImagePath(target: Pick<SshTarget, "user">, localImagesDir: string, localFile: string): string {
  const relative = path.relative(localImagesDir, localFile);
  if (relative.startsWith("..") || path.isAbsolute(relative)) throw new Error(`${localFile} is not under ${localImagesDir}`);
  return path.posix.join(labHostLayout(target).images, ...relative.split(path.sep));
}
