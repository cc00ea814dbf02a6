/**
 * `npm run images -- --export FILE` / `--import FILE`: the images of the current plan in one archive (`docker save` of
 * the base and app images, the VM image folder of the inputs hash, images.json), so a classroom builds them once.
 * An import must match this checkout's plan (inputs hash), like a build would.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { $ } from "zx";
import { appNames } from "../../../model/catalog/apps";
import type { BuiltImages } from "../../../model/builtImages";
import { LabError } from "../../../model/labError";
import { moveIntoPlace, openArchive, removedOnExit, unpackAndVerify, writeArchive, type ArchiveMember, type ExportResult } from "../archive/archiveFile";
import { damagedArchive, missingMembers } from "../archive/manifest";
import { daemonAnswers, dockerDaemon } from "../daemons";
import { readJsonFile } from "../jsonFile";
import { withHeartbeat } from "../progress";
import { checked } from "../shell";
import { withBuildLock } from "./buildLock";
import { recordBuildSeconds } from "./buildTimes";
import { readBuiltImages, recordBuiltImages } from "./builtImages";
import { dockerImageTags, findExisting, missingArtifacts, missingDockerImages, tagLatest } from "./ensureImages";
import { inspectImage } from "./dockerEngine";
import { shortKey } from "./hashing";
import { builtImagesFile, imagesDir, outputPaths } from "./paths";
import { planImages, type ImagePlan } from "./plan";
import type { Log } from "./types";
import { readVmImageRecord } from "./vmImage";
import { clearWorkDirs, createWorkDir } from "./workDirs";

const dockerArchive = "docker-images.tar";
const seconds = (started: number) => (performance.now() - started) / 1000;

async function requireDocker(): Promise<void> {
  if (!(await daemonAnswers(dockerDaemon))) {
    throw new LabError("The Docker engine is not answering; the lab's images are saved from it and loaded into it.", "run `npm run bootstrap` (it starts the engine), then try again.");
  }
}

/** The VM image folder's name below .lab/images, which is also its path inside the archive. */
const vmFolder = (plan: ImagePlan) => path.basename(outputPaths(plan.inputsHash).dir);

/** Files every images archive holds besides the VM folder's own: the Docker images, images.json, vm.json and the golden disk. */
function requiredFiles(plan: ImagePlan): string[] {
  const folder = vmFolder(plan);
  return [dockerArchive, path.basename(builtImagesFile), `${folder}/vm.json`, `${folder}/golden.qcow2`, ...dockerImageTags(plan).map(([name]) => `${folder}/manifest-${name}.txt`)];
}

export async function exportImages(file: string, log: Log): Promise<ExportResult & { seconds: number }> {
  const started = performance.now();
  await requireDocker();
  const built = readBuiltImages();
  const plan = planImages();
  const outputs = outputPaths(plan.inputsHash);
  const missing = missingArtifacts(plan, await findExisting(plan, outputs));
  if (missing.length > 0) {
    throw new LabError(`Not every image of this checkout is built, so there is nothing to export: ${missing.join(", ")} missing.`, "run `npm run images` first, then export again.");
  }
  const tags = dockerImageTags(plan).map(([, tag]) => tag);
  log(`export: images of inputs ${shortKey(plan.inputsHash)}: ${tags.join(", ")} and the VM image in ${outputs.dir}`);
  const members = async (staging: string): Promise<ArchiveMember[]> => {
    log(`export: docker save ${tags.length} images`);
    await withHeartbeat("export: still saving", log, () => checked($({ quiet: true, timeout: "20m", timeoutSignal: "SIGKILL" })`docker save --output ${path.join(staging, dockerArchive)} ${tags}`));
    const folder = vmFolder(plan);
    const vmFiles = fs.readdirSync(outputs.dir).filter((name) => fs.lstatSync(path.join(outputs.dir, name)).isFile()).sort();
    return [
      { root: staging, path: dockerArchive },
      { root: imagesDir, path: path.basename(builtImagesFile) },
      { root: imagesDir, path: folder },
      ...vmFiles.map((name) => ({ root: imagesDir, path: `${folder}/${name}` })),
    ];
  };
  const versions = { inputsHash: plan.inputsHash, suite: plan.suite, kernel: built.vm.kernelVersion };
  const result = await writeArchive({ file, kind: "images", versions, log, members });
  return { ...result, seconds: seconds(started) };
}

/** What `docker load` must have left: each tag of the plan with the plan's inputs label, on the archived image. */
async function checkLoaded(plan: ImagePlan, archived: BuiltImages, file: string): Promise<void> {
  const notFromPlan = missingDockerImages(plan, await findExisting(plan, outputPaths(plan.inputsHash))).map((tag) => `${tag} is not built from this plan`);
  const otherIds: string[] = [];
  for (const image of [archived.docker.base, ...appNames.map((app) => archived.docker.apps[app])]) {
    const id = (await inspectImage(image.tag))?.id;
    if (id !== image.id) otherIds.push(`${image.tag} is ${id ?? "missing"}, the archive's images.json says ${image.id}`);
  }
  const problems = [...notFromPlan, ...otherIds];
  if (problems.length > 0) {
    throw new LabError(
      `After \`docker load\` of ${file}, the Docker images are not the archive's: ${problems.join("; ")}.`,
      "export the archive again with `npm run images -- --export FILE` on a machine where `npm run images` reports everything built.",
    );
  }
}

/**
 * Installs the images of an archive: unpacked into a work folder under .lab/images, every file checked, the inputs hash
 * compared with this checkout's plan, then `docker load`, the VM folder renamed into place and images.json written.
 * A complete VM image of the same inputs already here is kept (VMs may be running on it); its Docker manifests are replaced.
 */
export async function importImages(file: string, log: Log): Promise<{ images: BuiltImages; file: string; bytes: number; seconds: number }> {
  const started = performance.now();
  await requireDocker();
  const archive = await openArchive(file, "images");
  const plan = planImages();
  const archivedInputs = archive.manifest.versions.inputsHash;
  if (archivedInputs !== plan.inputsHash) {
    throw new LabError(
      `${archive.file} was built from another app catalog or image builder (its inputs ${archivedInputs ? shortKey(archivedInputs) : "unknown"}, this checkout's ${shortKey(plan.inputsHash)}; exported at commit ${archive.manifest.lab.commit}). Nothing was installed.`,
      "build the images here with `npm run images`, or import an archive exported from a checkout with the same catalog and builder.",
    );
  }
  const missing = missingMembers(archive.manifest, requiredFiles(plan));
  if (missing.length > 0) throw damagedArchive(archive.file, "images", missing.map((entry) => `${entry} is missing`));
  const outputs = outputPaths(plan.inputsHash);

  return withBuildLock(log, async () => {
    clearWorkDirs();
    const staging = createWorkDir("import");
    const archived = await removedOnExit([staging], "npm run images -- --import", `${outputs.dir} and images.json were not touched`, async () => {
      await unpackAndVerify(archive, staging, log);
      const fromArchive = readJsonFile<BuiltImages>(path.join(staging, path.basename(builtImagesFile)));
      if (fromArchive?.inputsHash !== plan.inputsHash) throw damagedArchive(archive.file, "images", ["its images.json is not of the manifest's inputs hash"]);
      log(`import: docker load of ${dockerImageTags(plan).length} images`);
      await withHeartbeat("import: still loading", log, () => checked($({ quiet: true, timeout: "20m", timeoutSignal: "SIGKILL" })`docker load --input ${path.join(staging, dockerArchive)}`));
      await checkLoaded(plan, fromArchive, archive.file);
      const folder = path.join(staging, vmFolder(plan));
      if (readVmImageRecord(outputs, plan.vm.key)) {
        log(`import: the VM image of inputs ${shortKey(plan.inputsHash)} is here already; kept (VMs may use it), its Docker manifests replaced`);
        const manifests = dockerImageTags(plan).map(([name]) => ({ from: path.join(folder, path.basename(outputs.dockerManifest(name))), to: outputs.dockerManifest(name) }));
        moveIntoPlace(manifests, path.join(staging, "replaced"));
      } else {
        fs.chmodSync(folder, 0o755);
        moveIntoPlace([{ from: folder, to: outputs.dir }], path.join(staging, "replaced"));
        log(`import: the VM image is in ${outputs.dir}`);
      }
      return fromArchive;
    });
    const existing = await findExisting(plan, outputs);
    const notThere = missingArtifacts(plan, existing);
    if (notThere.length > 0 || !existing.vm) throw new Error(`after the import, ${notThere.join(", ")} are still missing`);
    await tagLatest(plan);
    for (const step of archived.timings.steps) if (step.buildSeconds !== null) recordBuildSeconds(step.key, step.buildSeconds);
    const elapsed = seconds(started);
    const steps = archived.timings.steps.map((step) => ({ ...step, reused: true }));
    const images = await recordBuiltImages(plan, outputs, existing.vm, { steps, runSeconds: Math.round(elapsed * 10) / 10 });
    return { images, file: archive.file, bytes: archive.bytes, seconds: elapsed };
  });
}
