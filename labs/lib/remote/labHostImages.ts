import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { appNames } from "../../../model/catalog/apps";
import type { BuiltDockerImage, BuiltImages } from "../../../model/builtImages";
import type { LabConfig } from "../../../model/labConfig";
import { labHostImagePath } from "../../../model/labHostLayout";
import type { SshTarget } from "../../../model/sshTarget";
import { readBuiltImages } from "../images";
import { labPaths } from "../labEnv";
import type { LabHost } from "../labHost";
import { openLabHost } from "./labHostAccess";
import { checked } from "../shell";

/** A file QEMU opens by path: where the controller has it and where the lab host must have it. */
export interface LabHostFile {
  local: string;
  remote: string;
}

/** The kernel and both initramfs files of the built VM image, each at its place in the lab host's images folder. */
export function vmBootFiles(target: SshTarget, images: BuiltImages, localImagesDir: string): LabHostFile[] {
  return [images.vm.kernelPath, images.vm.initrdPath, images.vm.tunedInitrdPath].map((local) => ({ local, remote: labHostImagePath(target, localImagesDir, local) }));
}

export function sha256Of(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** The checksum `sha256sum FILE` printed; undefined when it failed (no such file). */
export function parseSha256sum(output: { ok: boolean; stdout: string }): string | undefined {
  return output.ok ? /^([0-9a-f]{64})\s/.exec(output.stdout)?.[1] : undefined;
}

/**
 * Copies each file to the lab host unless a file with the same checksum is already there, through the runner's ssh
 * (written beside its place, then renamed, so an interrupted copy leaves no half file under the real name).
 * Returns what was copied and what was found in place.
 */
export async function ensureFilesOnLabHost(host: LabHost, files: readonly LabHostFile[], log: (line: string) => void): Promise<{ copied: string[]; present: string[] }> {
  const copied: string[] = [];
  const present: string[] = [];
  for (const file of files) {
    const remoteSum = parseSha256sum(await host.run(["sha256sum", file.remote], { nothrow: true }));
    if (remoteSum === sha256Of(file.local)) {
      present.push(file.remote);
      continue;
    }
    log(`lab host ${host.description}: copying ${path.basename(file.local)} (${(fs.statSync(file.local).size / 2 ** 20).toFixed(1)} MiB) to ${file.remote}`);
    const place = 'mkdir -p "$(dirname "$1")" && cat > "$1.part" && chmod 0644 "$1.part" && mv "$1.part" "$1"';
    await checked(host.run(["sh", "-c", place, "sh", file.remote], { input: fs.readFileSync(file.local) }));
    copied.push(file.remote);
  }
  if (present.length > 0) log(`lab host ${host.description}: ${present.length} file(s) already in place with the same checksum: ${present.join(", ")}`);
  return { copied, present };
}

/**
 * Loads each image into the lab host's engine from this machine's (`docker save | docker -H … load`) unless the
 * engine there already holds the same image ID under its tag. Returns the tags that were loaded and those found.
 */
export async function ensureDockerImagesOnLabHost(dockerHost: string, images: readonly BuiltDockerImage[], log: (line: string) => void): Promise<{ loaded: string[]; present: string[] }> {
  const loaded: string[] = [];
  const present: string[] = [];
  for (const image of images) {
    const there = await $({ quiet: true, nothrow: true, timeout: 60_000, timeoutSignal: "SIGKILL" })`docker -H ${dockerHost} image inspect --format ${"{{.Id}}"} ${image.tag}`;
    if (there.ok && there.stdout.trim() === image.id) {
      present.push(image.tag);
      continue;
    }
    log(`lab host ${dockerHost}: loading ${image.tag} from this machine (docker save | docker -H … load)`);
    await checked($({ quiet: true })`docker save ${image.tag}`.pipe($({ quiet: true })`docker -H ${dockerHost} load`));
    loaded.push(image.tag);
  }
  if (present.length > 0) log(`lab host ${dockerHost}: ${present.length} image(s) already there with the same ID: ${present.join(", ")}`);
  return { loaded, present };
}

/**
 * What `up` does for a stack on a lab host over ssh before the engine is asked for anything: the Docker images, or
 * the VMs' kernels and initramfs files, are put on the lab host unless they are there already, and it says which.
 * The golden disk and the seed ISOs need no copy: the libvirt provider uploads them into the stack's pool.
 */
export async function ensureImagesOnLabHost(settings: LabConfig, stackName: string, log: (line: string) => void): Promise<void> {
  const host = await openLabHost(settings, stackName);
  try {
    if (host.ssh === undefined) return;
    const images = readBuiltImages();
    if (settings.platform === "docker") {
      const result = await ensureDockerImagesOnLabHost(settings.dockerHost, [images.docker.base, ...appNames.map((app) => images.docker.apps[app])], log);
      log(`lab host ${host.description}: Docker images ${result.loaded.length} loaded, ${result.present.length} already there`);
      return;
    }
    const result = await ensureFilesOnLabHost(host, vmBootFiles(host.ssh, images, labPaths.images), log);
    log(`lab host ${host.description}: VM boot files ${result.copied.length} copied, ${result.present.length} already there (the provider uploads the golden disk and seeds)`);
  } finally {
    await host.close();
  }
}
