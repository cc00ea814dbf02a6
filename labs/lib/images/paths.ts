import * as path from "node:path";
import { labPaths } from "../labEnv";

/** Built images: images.json and one folder per inputs hash with the VM image and every package manifest. */
export const imagesDir = labPaths.images;
export const builtImagesFile = labPaths.builtImagesFile;
/** Work folders of builds in progress; renamed into place when complete, removed when a build fails. */
export const imagesWorkDir = path.join(imagesDir, "work");
/** Reused between builds: the debootstrap root file systems and downloaded packages. */
export const imagesCacheDir = path.join(labPaths.cache, "images");
export const debCacheDir = path.join(imagesCacheDir, "debs");
export const buildTimesFile = path.join(imagesCacheDir, "build-times.json");
export const buildLockFile = path.join(imagesDir, "build.lock");

export function rootfsDir(rootfsKey: string): string {
  return path.join(imagesCacheDir, `rootfs-${rootfsKey.slice(0, 12)}`);
}

/** What lies in the output folder of one inputs hash. */
export interface OutputPaths {
  dir: string;
  golden: string;
  kernel: string;
  initrd: string;
  /** The tuned profile's busybox initramfs. */
  tunedInitrd: string;
  vmManifest: string;
  /** Written last: the VM image in this folder is complete. */
  vmComplete: string;
  dockerManifest: (image: string) => string;
}

export function outputPaths(inputsHash: string): OutputPaths {
  const dir = path.join(imagesDir, inputsHash.slice(0, 12));
  return {
    dir,
    golden: path.join(dir, "golden.qcow2"),
    kernel: path.join(dir, "vmlinuz"),
    initrd: path.join(dir, "initrd.img"),
    tunedInitrd: path.join(dir, "initrd-tuned.img"),
    vmManifest: path.join(dir, "manifest-vm.txt"),
    vmComplete: path.join(dir, "vm.json"),
    dockerManifest: (image) => path.join(dir, `manifest-${image}.txt`),
  };
}
