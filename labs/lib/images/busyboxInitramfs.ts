import * as fs from "node:fs";
import * as path from "node:path";
import { $, which } from "zx";
import { checked } from "../shell";

/** What goes into a busybox initramfs besides /bin/busybox and /init. */
export interface BusyboxInitramfs {
  /** The static busybox binary to copy in. */
  busyboxPath: string;
  /** Text of /init (a busybox sh script). */
  init: string;
  /** Empty folders to create (mount points). */
  dirs: readonly string[];
  /** Further files: path in the archive → file on the host. */
  files?: Readonly<Record<string, string>>;
}

/** The host's static busybox, which the lab's own initramfs images carry. */
export async function hostBusybox(): Promise<string> {
  const busyboxPath = await which("busybox", { nothrow: true });
  if (busyboxPath === null) throw new Error("busybox (Debian's busybox-static, a host package of the lab) is missing: run `npm run bootstrap`");
  return busyboxPath;
}

/** Stages the initramfs in `stagingDir` (removed after) and packs it into `archivePath` as a newc cpio archive owned by root. */
export async function packBusyboxInitramfs(content: BusyboxInitramfs, stagingDir: string, archivePath: string): Promise<void> {
  fs.rmSync(stagingDir, { recursive: true, force: true });
  const files = { "bin/busybox": content.busyboxPath, ...content.files };
  const dirs = [...new Set(["bin", ...content.dirs, ...Object.keys(files).map(path.dirname).filter((dir) => dir !== ".")])];
  for (const dir of dirs) fs.mkdirSync(path.join(stagingDir, dir), { recursive: true });
  for (const [inArchive, source] of Object.entries(files)) fs.copyFileSync(source, path.join(stagingDir, inArchive));
  fs.chmodSync(path.join(stagingDir, "bin", "busybox"), 0o755);
  fs.writeFileSync(path.join(stagingDir, "init"), content.init, { mode: 0o755 });
  const entries = [".", ...dirs, ...Object.keys(files), "init"];
  try {
    // -F writes the archive itself: its bytes must not pass through the text-decoded stdout of a ProcessOutput.
    await checked($({ quiet: true, cwd: stagingDir, input: `${entries.join("\n")}\n`, timeout: "1m", timeoutSignal: "SIGKILL" })`cpio -o -H newc -R 0:0 -F ${archivePath}`);
    fs.chmodSync(archivePath, 0o644);
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }
}
