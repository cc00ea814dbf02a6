import { runInTree } from "./chroot";
import { writeTreeFiles, type TreeFile } from "./treeFiles";

/**
 * What turns the debootstrap root file system into the base of every image: no documentation, no apt lists or
 * caches, no logs, and nothing copied from the build host (hostname, DNS servers).
 */

/** dpkg then skips documentation of every package installed later too (the copyright files stay). */
const slimDpkgConfig: TreeFile = {
  path: "/etc/dpkg/dpkg.cfg.d/vm-container-lab-slim",
  content: [
    "path-exclude=/usr/share/doc/*",
    "path-include=/usr/share/doc/*/copyright",
    "path-exclude=/usr/share/man/*",
    "path-exclude=/usr/share/info/*",
    "path-exclude=/usr/share/locale/*",
    "",
  ].join("\n"),
  mode: 0o644,
};

/** debootstrap copies these from the build host; an image must not carry the host's name or DNS servers. */
const neutralHostFiles: TreeFile[] = [
  { path: "/etc/hostname", content: "localhost\n", mode: 0o644 },
  { path: "/etc/resolv.conf", content: "", mode: 0o644 },
];

export const baseTreeFiles: readonly TreeFile[] = [slimDpkgConfig, ...neutralHostFiles];

/** Removes what no app needs at run time; also run after every package installation. */
export const trimScript = [
  "set -eu",
  "rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/cache/debconf/*-old /var/lib/dpkg/*-old",
  "rm -rf /var/log/*.log /var/log/apt/* /usr/share/man/* /usr/share/info/* /usr/share/locale/*",
  "find /usr/share/doc -mindepth 1 ! -type d ! -name copyright -delete",
  "find /usr/share/doc -mindepth 1 -type d -empty -delete",
].join("\n");

/** Everything that shapes the base tree, for cache keys. */
export const baseTreeRecipe = { files: baseTreeFiles, trimScript };

/** Applies the base edits to a copy of the debootstrap root file system. */
export async function prepareBaseTree(root: string): Promise<void> {
  writeTreeFiles(root, baseTreeFiles);
  await runInTree(root, trimScript);
}
