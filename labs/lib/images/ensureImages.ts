import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import { appNames, type AppName } from "../../../model/catalog/apps";
import { daemonAnswers, dockerDaemon } from "../daemons";
import { hostRequirements, missingRequirements } from "../hostPackages";
import { LabError } from "../../../model/labError";
import { buildAppImage } from "./appImage";
import { withBuildLock } from "./buildLock";
import { recordBuildSeconds, recordedBuildSeconds } from "./buildTimes";
import { recordBuiltImages } from "./builtImages";
import { buildDockerBase } from "./dockerBase";
import { builtImage, imageManifestText, latestTag, tagImage, type DockerImageInfo } from "./dockerEngine";
import { shortKey } from "./hashing";
import { packagesThatReachOut, parseManifest } from "./manifest";
import { debsFor, packagesOnlyFor } from "./packages";
import { debCacheDir, outputPaths, type OutputPaths } from "./paths";
import { planImages, type ImagePlan } from "./plan";
import { timedStep } from "./progress";
import { buildRootfs } from "./rootfs";
import type { BuiltImages, StepTiming } from "../../../model/builtImages";
import type { Log } from "./types";
import { buildVmImage, readVmImageRecord, type VmImageRecord } from "./vmImage";
import { clearWorkDirs, writeFileAtomically } from "./workDirs";

/** Host packages whose tools the build runs (docker is checked by asking the engine). */
const buildToolPackages = ["debootstrap", "e2fsprogs", "qemu-utils"];

/** Which artifacts of the plan exist already and can be reused. */
export interface ExistingImages {
  rootfs: boolean;
  dockerBase: DockerImageInfo | undefined;
  apps: Record<AppName, boolean>;
  vm: VmImageRecord | undefined;
}

export async function findExisting(plan: ImagePlan, outputs: OutputPaths): Promise<ExistingImages> {
  const dockerBase = await builtImage(plan.dockerBase.tag, plan.dockerBase.key);
  const appImages = {} as Record<AppName, boolean>;
  for (const app of appNames) {
    const image = await builtImage(plan.apps[app].tag, plan.apps[app].key);
    // Reusable only on top of the current base image: otherwise it would not share the base's layers.
    appImages[app] = image !== undefined && dockerBase !== undefined && dockerBase.layers.every((layer, index) => image.layers[index] === layer);
  }
  return { rootfs: fs.existsSync(plan.rootfs.dir), dockerBase, apps: appImages, vm: readVmImageRecord(outputs, plan.vm.key) };
}

/** The Docker images of the plan that are not built. */
export function missingDockerImages(plan: ImagePlan, existing: ExistingImages): string[] {
  return [...(existing.dockerBase ? [] : [plan.dockerBase.tag]), ...appNames.filter((app) => !existing.apps[app]).map((app) => plan.apps[app].tag)];
}

/** The images of the plan that are not built (the debootstrap tree is only a cache): empty when nothing needs a build. */
export function missingArtifacts(plan: ImagePlan, existing: ExistingImages): string[] {
  return [...missingDockerImages(plan, existing), ...(existing.vm ? [] : ["the VM image"])];
}

async function checkCanBuild(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new LabError("Building the lab's images needs root: debootstrap and chroot install packages into the image trees.", "run `sudo npm run images`.");
  }
  const missing = await missingRequirements(hostRequirements.filter((requirement) => buildToolPackages.includes(requirement.debianPackage)));
  if (missing.length > 0) {
    throw new LabError(`Building the images needs ${missing.map((requirement) => requirement.debianPackage).join(", ")}, which this host lacks.`, "run `npm run bootstrap`, then `npm run images` again.");
  }
}

/** Each Docker image of the plan by the name its manifest file uses: base, web, api, db. */
export function dockerImageTags(plan: ImagePlan): [string, string][] {
  return [["base", plan.dockerBase.tag], ...appNames.map((app): [string, string] => [app, plan.apps[app].tag])];
}

/** Points each :latest tag at the current image, also when an older one was reused or rebuilt since. */
export async function tagLatest(plan: ImagePlan): Promise<void> {
  for (const [, tag] of dockerImageTags(plan)) await tagImage(tag, [latestTag(tag)]);
}

/** Writes the package manifest of each Docker image into the output folder, where it is not there yet. */
async function writeDockerManifests(plan: ImagePlan, outputs: OutputPaths, log: Log): Promise<void> {
  for (const [name, tag] of dockerImageTags(plan)) {
    const file = outputs.dockerManifest(name);
    if (fs.existsSync(file)) continue;
    log(`manifest: dpkg-query -W in ${tag}`);
    const manifest = await imageManifestText(tag);
    const reachingOut = packagesThatReachOut(parseManifest(manifest));
    if (reachingOut.length > 0) throw new Error(`image ${tag} contains ${reachingOut.join(", ")}, which reach out of the host`);
    writeFileAtomically(file, manifest);
  }
}

/**
 * Builds whatever of the lab's images is missing or stale and returns the description written to images.json.
 * Each artifact has its own cache key: the debootstrap tree (suite), the Docker base (tree and trimming), each app
 * image (base, catalog entry, files) and the VM image (everything). With nothing changed it only checks and returns.
 */
export async function ensureImages(log: Log): Promise<BuiltImages> {
  const started = performance.now();
  if (!(await daemonAnswers(dockerDaemon))) {
    throw new LabError("The Docker engine is not answering; the lab's images are built into it and checked there.", "run `npm run bootstrap` (it starts the engine), then try again.");
  }
  const plan = planImages();
  const outputs = outputPaths(plan.inputsHash);
  return withBuildLock(log, async () => {
    clearWorkDirs();
    const existing = await findExisting(plan, outputs);
    const buildNeeded = missingArtifacts(plan, existing).length > 0;
    if (buildNeeded) {
      await checkCanBuild();
      log(`images: inputs ${shortKey(plan.inputsHash)}; building what is missing`);
    } else {
      log(`images: inputs ${shortKey(plan.inputsHash)}; everything is built already`);
    }

    const steps: StepTiming[] = [];
    const step = async (name: string, key: string, reuse: boolean, what: string, work: () => Promise<void>) => {
      if (reuse) {
        steps.push({ step: name, key, buildSeconds: recordedBuildSeconds(key), reused: true });
        return;
      }
      const seconds = await timedStep(log, name, what, work);
      recordBuildSeconds(key, seconds);
      steps.push({ step: name, key, buildSeconds: seconds, reused: false });
    };
    const rootfs = plan.rootfs.dir;

    await step("rootfs", plan.rootfs.key, existing.rootfs || !buildNeeded, `debootstrap --variant=minbase ${plan.suite} (about a minute)`, () => buildRootfs(plan.rootfs));
    await step("docker-base", plan.dockerBase.key, existing.dockerBase !== undefined, `importing the trimmed tree as ${plan.dockerBase.tag}`, () => buildDockerBase(plan.dockerBase, rootfs));
    for (const app of appNames) {
      const appPlan = plan.apps[app];
      await step(`docker-${app}`, appPlan.key, existing.apps[app], `docker build ${appPlan.tag}`, async () => buildAppImage(appPlan, await debsFor(rootfs, appPlan.packages, debCacheDir)));
    }
    await step("vm", plan.vm.key, existing.vm !== undefined, `golden VM disk in ${outputs.dir} (one to three minutes)`, async () => {
      const debs = await debsFor(rootfs, plan.vm.packages, debCacheDir);
      const appPackages = await packagesOnlyFor(rootfs, appNames.flatMap((app) => plan.apps[app].packages), plan.vm.spec.systemPackages);
      await buildVmImage(plan.vm, rootfs, debs, appPackages, outputs);
    });

    await tagLatest(plan);
    await writeDockerManifests(plan, outputs, log);
    const vm = readVmImageRecord(outputs, plan.vm.key);
    if (!vm) throw new Error(`the VM image in ${outputs.dir} is not complete after its build step`);
    const runSeconds = Math.round((performance.now() - started) / 100) / 10;
    return recordBuiltImages(plan, outputs, vm, { steps, runSeconds });
  });
}
