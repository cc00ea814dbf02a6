import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { checked } from "../shell";
import { packageUnitFiles } from "./appUnit";
import { prepareBaseTree } from "./baseTree";
import { runInTree } from "./chroot";
import { checkInitrd } from "./initrd";
import { buildTunedInitramfs } from "./tunedInitramfs";
import { packagesThatReachOut, parseManifest, treeManifestText } from "./manifest";
import { packageBuildDir, stagePackageBuild } from "./packages";
import type { OutputPaths } from "./paths";
import type { VmPlan } from "./plan";
import { copyTree } from "./rootfs";
import { hostPathInTree, writeTreeFiles } from "./treeFiles";
import { inWorkDir, writeFileAtomically } from "./workDirs";

const mebibyte = 1024 * 1024;
const gibibyte = 1024 * mebibyte;

/** The golden disk's size as the guest sees it: twice the content (room for data and logs), at least 2 GiB, in 256 MiB steps. */
export function vmDiskSizeBytes(treeBytes: number): number {
  const step = 256 * mebibyte;
  return Math.max(2 * gibibyte, Math.ceil((2 * treeBytes) / step) * step);
}

/** What vm.json records; it is written last, so its presence means the VM image of the folder is complete. */
export interface VmImageRecord {
  /** Inputs hash the image was built from. */
  key: string;
  /** Release of the kernel in the image. */
  kernelVersion: string;
}

/** The kernel release in /boot (the image has exactly one kernel). */
function installedKernel(tree: string): string {
  const kernels = fs.readdirSync(path.join(tree, "boot")).filter((name) => name.startsWith("vmlinuz-"));
  if (kernels.length !== 1) throw new Error(`expected one kernel in the VM tree's /boot, found ${kernels.length}`);
  return kernels[0].slice("vmlinuz-".length);
}

async function installPackages(tree: string, debs: readonly string[]): Promise<void> {
  const buildDir = hostPathInTree(tree, packageBuildDir);
  stagePackageBuild(buildDir, debs);
  await runInTree(tree, `sh ${packageBuildDir}/install.sh`);
  fs.rmSync(buildDir, { recursive: true, force: true });
}

/** Only lab-<app>.service may run an app: the units the app packages bring along are disabled. */
async function disablePackageUnits(tree: string, appPackageNames: readonly string[]): Promise<void> {
  const units = packageUnitFiles(await runInTree(tree, `dpkg-query -L ${appPackageNames.join(" ")}`));
  if (units.length > 0) await runInTree(tree, `systemctl disable ${units.join(" ")}`);
}

/** An ext4 file system made from the folder (no loop mount, no partition table), converted to qcow2. */
async function makeDisk(tree: string, work: string, golden: string): Promise<void> {
  const treeBytes = Number((await checked($({ quiet: true })`du -sb --one-file-system ${tree}`)).stdout.split("\t")[0]);
  const raw = path.join(work, "disk.raw");
  const size = `${vmDiskSizeBytes(treeBytes) / mebibyte}M`;
  await checked($({ quiet: true, timeout: "10m", timeoutSignal: "SIGKILL" })`mkfs.ext4 -q -F -L vm-container-lab -d ${tree} ${raw} ${size}`);
  await checked($({ quiet: true, timeout: "10m", timeoutSignal: "SIGKILL" })`qemu-img convert -f raw -O qcow2 ${raw} ${golden}`);
}

/**
 * Builds the golden VM image: the base tree plus kernel, systemd and every app (packages, catalog files, a unit per
 * app, not enabled), the seed unit, masked units that would reach out. Results are moved into `outputs` and vm.json
 * is written last.
 */
export async function buildVmImage(plan: VmPlan, rootfsDir: string, debs: readonly string[], appPackageNames: readonly string[], outputs: OutputPaths): Promise<void> {
  await inWorkDir("vm", async (work) => {
    const tree = path.join(work, "root");
    await copyTree(rootfsDir, tree);
    await prepareBaseTree(tree);
    writeTreeFiles(tree, plan.spec.preInstallFiles);
    await installPackages(tree, debs);
    writeTreeFiles(tree, plan.spec.files);
    await disablePackageUnits(tree, appPackageNames);
    await runInTree(tree, plan.spec.finishScript);

    const kernelVersion = installedKernel(tree);
    await checkInitrd(tree, kernelVersion);
    const manifest = await treeManifestText(tree);
    const reachingOut = packagesThatReachOut(parseManifest(manifest));
    if (reachingOut.length > 0) throw new Error(`the VM image would contain ${reachingOut.join(", ")}, which reach out of the host`);

    const built = {
      golden: path.join(work, "golden.qcow2"),
      kernel: path.join(work, "vmlinuz"),
      initrd: path.join(work, "initrd.img"),
      tunedInitrd: path.join(work, "initrd-tuned.img"),
      manifest: path.join(work, "manifest-vm.txt"),
    };
    fs.copyFileSync(path.join(tree, "boot", `vmlinuz-${kernelVersion}`), built.kernel);
    fs.copyFileSync(path.join(tree, "boot", `initrd.img-${kernelVersion}`), built.initrd);
    await buildTunedInitramfs(path.join(tree, "usr", "lib", "modules", kernelVersion), work, built.tunedInitrd);
    fs.writeFileSync(built.manifest, manifest);
    await makeDisk(tree, work, built.golden);

    fs.mkdirSync(outputs.dir, { recursive: true, mode: 0o755 });
    // Readable by everyone: libvirt may run QEMU as an unprivileged user that must open these.
    for (const [file, target] of [[built.golden, outputs.golden], [built.kernel, outputs.kernel], [built.initrd, outputs.initrd], [built.tunedInitrd, outputs.tunedInitrd], [built.manifest, outputs.vmManifest]]) {
      fs.chmodSync(file, 0o644);
      fs.renameSync(file, target);
    }
    const record: VmImageRecord = { key: plan.key, kernelVersion };
    writeFileAtomically(outputs.vmComplete, `${JSON.stringify(record, null, 2)}\n`);
  });
}

/** The record of the complete VM image in `outputs`, or undefined when there is none for this key. */
export function readVmImageRecord(outputs: OutputPaths, key: string): VmImageRecord | undefined {
  if (!fs.existsSync(outputs.vmComplete)) return undefined;
  const record = JSON.parse(fs.readFileSync(outputs.vmComplete, "utf8")) as VmImageRecord;
  return record.key === key && fs.existsSync(outputs.golden) ? record : undefined;
}
