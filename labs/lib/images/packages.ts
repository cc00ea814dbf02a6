import * as fs from "node:fs";
import * as path from "node:path";
import { LabError } from "../../../model/labError";
import { trimScript } from "./baseTree";
import { runInTree } from "./chroot";

/** A package version apt chose, as its simulation prints it. */
export interface ResolvedPackage {
  name: string;
  version: string;
  architecture: string;
}

/** Folder inside the tree (a bind mount in docker builds, a copy for the VM) holding this script and debs/. */
export const packageBuildDir = "/tmp/lab-build";

/**
 * Installs every .deb of debs/ in one apt run (apt orders them and meets dependencies among them, without lists
 * or network), then trims. policy-rc.d keeps package scripts from starting services inside the build.
 */
export const installDebsScript = [
  "set -eu",
  "export DEBIAN_FRONTEND=noninteractive",
  "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d",
  "chmod 755 /usr/sbin/policy-rc.d",
  `apt-get install -y --no-install-recommends ${packageBuildDir}/debs/*.deb`,
  "rm /usr/sbin/policy-rc.d",
  trimScript,
  "",
].join("\n");

/** Reads the packages apt would install from `apt-get install -s` output ("Inst NAME [OLD] (VERSION ORIGINS [ARCH])"). */
export function parseAptSimulation(output: string): ResolvedPackage[] {
  const packages: ResolvedPackage[] = [];
  for (const line of output.split("\n")) {
    const match = /^Inst (\S+) (?:\[\S+\] )?\((\S+) .*\[(\S+)\]\)/.exec(line);
    if (match) packages.push({ name: match[1], version: match[2], architecture: match[3] });
  }
  return packages;
}

/** The name apt gives a downloaded package (the epoch's colon is written %3a). */
export function debFileName(pkg: ResolvedPackage): string {
  return `${pkg.name}_${pkg.version.replace(/:/g, "%3a")}_${pkg.architecture}.deb`;
}

const aptInstallOptions = "-y --no-install-recommends";

/** What installing `names` into the debootstrap tree would add, resolved against its own apt lists. */
export async function resolvePackages(rootfs: string, names: readonly string[]): Promise<ResolvedPackage[]> {
  const output = await runInTree(rootfs, `apt-get install -s ${aptInstallOptions} ${names.join(" ")}`);
  const packages = parseAptSimulation(output);
  if (packages.length === 0) throw new Error(`apt would install nothing for ${names.join(", ")}: they are already in the base`);
  return packages;
}

/**
 * Makes sure the .debs of `packages` are in the host's deb cache, downloading the missing ones with the tree's own
 * apt (so they are the versions its lists name), and returns their paths.
 */
export async function fetchDebs(rootfs: string, packages: readonly ResolvedPackage[], debCacheDir: string): Promise<string[]> {
  const wanted = packages.map((pkg) => path.join(debCacheDir, debFileName(pkg)));
  if (wanted.every((file) => fs.existsSync(file))) return wanted;
  try {
    await runInTree(rootfs, `apt-get install --download-only ${aptInstallOptions} ${packages.map((pkg) => `${pkg.name}=${pkg.version}`).join(" ")}`);
  } catch (error) {
    throw new LabError(
      `apt could not download packages for the images: ${(error as Error).message}`,
      `check that the Debian archive is reachable; if it no longer has these versions (a newer point release replaced them), remove ${rootfs} so the next run makes a fresh tree, then run \`npm run images\` again.`,
    );
  }
  fs.mkdirSync(debCacheDir, { recursive: true });
  const archives = path.join(rootfs, "var", "cache", "apt", "archives");
  for (const file of fs.readdirSync(archives).filter((name) => name.endsWith(".deb"))) {
    fs.renameSync(path.join(archives, file), path.join(debCacheDir, file));
  }
  const missing = wanted.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) throw new Error(`apt downloaded, but these packages are not in ${debCacheDir}: ${missing.map((file) => path.basename(file)).join(", ")}`);
  return wanted;
}

/** Resolves `names` against the tree and returns the .debs to install them, downloaded into the host's deb cache. */
export async function debsFor(rootfs: string, names: readonly string[], debCacheDir: string): Promise<string[]> {
  return fetchDebs(rootfs, await resolvePackages(rootfs, names), debCacheDir);
}

/** Names of the packages `names` pull in that `others` do not, resolved against the tree. */
export async function packagesOnlyFor(rootfs: string, names: readonly string[], others: readonly string[]): Promise<string[]> {
  const pulledByOthers = new Set((await resolvePackages(rootfs, others)).map((pkg) => pkg.name));
  return (await resolvePackages(rootfs, names)).map((pkg) => pkg.name).filter((name) => !pulledByOthers.has(name));
}

/** Copies (hard links where possible) the .debs into a build folder's debs/ and writes the install script beside them. */
export function stagePackageBuild(buildDir: string, debs: readonly string[]): void {
  const debsDir = path.join(buildDir, "debs");
  fs.mkdirSync(debsDir, { recursive: true });
  for (const deb of debs) {
    const target = path.join(debsDir, path.basename(deb));
    try {
      fs.linkSync(deb, target);
    } catch {
      fs.copyFileSync(deb, target);
    }
  }
  fs.writeFileSync(path.join(buildDir, "install.sh"), installDebsScript, { mode: 0o644 });
}
