import { $ } from "zx";
import { checked } from "../shell";

/** Installed packages of an image: package name (with :arch where dpkg prints one) → version. */
export type PackageManifest = Map<string, string>;

/** Parses `dpkg-query -W` output ("name<TAB>version" per line); packages known but not installed have no version and are left out. */
export function parseManifest(text: string): PackageManifest {
  const manifest: PackageManifest = new Map();
  for (const line of text.split("\n")) {
    const [name, version] = line.split("\t");
    if (name && version) manifest.set(name, version);
  }
  return manifest;
}

/** The version of a package whether dpkg printed it as "name" or "name:arch". */
export function packageVersion(manifest: PackageManifest, name: string): string | undefined {
  return manifest.get(name) ?? [...manifest].find(([entry]) => entry.startsWith(`${name}:`))?.[1];
}

/** `dpkg-query -W` of a root file system on the host, read through its dpkg database. */
export async function treeManifestText(root: string): Promise<string> {
  return (await checked($({ quiet: true })`dpkg-query ${`--admindir=${root}/var/lib/dpkg`} -W`)).stdout;
}

/** Packages that would make an image reach out on its own (time sync, automatic upgrades); none may be installed. */
const reachingOutPackages = ["systemd-timesyncd", "chrony", "ntp", "ntpsec", "openntpd", "unattended-upgrades"];

export function packagesThatReachOut(manifest: PackageManifest): string[] {
  return reachingOutPackages.filter((name) => packageVersion(manifest, name) !== undefined);
}
