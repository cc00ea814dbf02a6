import * as fs from "node:fs";
import { appNames, type AppName } from "../../../model/catalog/apps";
import { $ } from "zx";
import { checked } from "../shell";
import { LabError } from "../../../model/labError";
import { inspectImage, type DockerImageInfo } from "./dockerEngine";
import { builtImagesFile, type OutputPaths } from "./paths";
import { planImages, type ImagePlan } from "./plan";
import type { BuildTimings, BuiltAppImage, BuiltImages } from "../../../model/builtImages";
import type { VmImageRecord } from "./vmImage";
import { writeFileAtomically } from "./workDirs";

/**
 * What `npm run images` built, checked against the current catalog and builder: throws a LabError when the images
 * are missing or were built from other inputs.
 */
export function readBuiltImages(): BuiltImages {
  if (!fs.existsSync(builtImagesFile)) {
    throw new LabError(`The lab's images are not built yet (${builtImagesFile} does not exist).`, "run `npm run images` (several minutes the first time), then try again.");
  }
  const built = JSON.parse(fs.readFileSync(builtImagesFile, "utf8")) as BuiltImages;
  if (built.inputsHash !== planImages().inputsHash || !fs.existsSync(built.vm.goldenPath)) {
    throw new LabError(
      "The lab's images are out of date: the app catalog or the image builder changed since `npm run images` last ran (or its VM image was removed).",
      "run `npm run images` to rebuild what changed, then try again.",
    );
  }
  return built;
}

async function inspectOrFail(tag: string): Promise<DockerImageInfo> {
  const image = await inspectImage(tag);
  if (!image) throw new Error(`image ${tag} disappeared from the Docker engine while the build finished`);
  return image;
}

async function qcow2Sizes(file: string): Promise<{ virtualSizeBytes: number; allocatedBytes: number }> {
  const info = JSON.parse((await checked($({ quiet: true })`qemu-img info --output=json ${file}`)).stdout) as { "virtual-size": number; "actual-size": number };
  return { virtualSizeBytes: info["virtual-size"], allocatedBytes: info["actual-size"] };
}

/** Describes the finished images from the engine and the disk, and writes images.json. */
export async function recordBuiltImages(plan: ImagePlan, outputs: OutputPaths, vm: VmImageRecord, timings: BuildTimings): Promise<BuiltImages> {
  const base = await inspectOrFail(plan.dockerBase.tag);
  const appImages = {} as Record<AppName, BuiltAppImage>;
  for (const app of appNames) {
    const image = await inspectOrFail(plan.apps[app].tag);
    appImages[app] = { tag: plan.apps[app].tag, id: image.id, sizeBytes: image.sizeBytes, ownLayersBytes: image.sizeBytes - base.sizeBytes, manifestPath: outputs.dockerManifest(app) };
  }
  const built: BuiltImages = {
    inputsHash: plan.inputsHash,
    suite: plan.suite,
    docker: {
      base: { tag: plan.dockerBase.tag, id: base.id, sizeBytes: base.sizeBytes, manifestPath: outputs.dockerManifest("base") },
      apps: appImages,
    },
    vm: {
      goldenPath: outputs.golden,
      kernelPath: outputs.kernel,
      initrdPath: outputs.initrd,
      tunedInitrdPath: outputs.tunedInitrd,
      kernelVersion: vm.kernelVersion,
      kernelCmdline: plan.vm.spec.kernelCmdline,
      ...(await qcow2Sizes(outputs.golden)),
      manifestPath: outputs.vmManifest,
    },
    timings,
  };
  writeFileAtomically(builtImagesFile, `${JSON.stringify(built, null, 2)}\n`);
  return built;
}
