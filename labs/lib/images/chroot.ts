import { $ } from "zx";
import { checked } from "../shell";

/** The environment of commands run inside an image tree: no questions asked, no host locale or PATH leaking in. */
const chrootEnv: NodeJS.ProcessEnv = {
  PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
  LC_ALL: "C",
  DEBIAN_FRONTEND: "noninteractive",
  HOME: "/root",
};

/** Runs a sh script inside the tree with chroot; absolute paths in the script can then only touch the tree. */
export async function runInTree(root: string, script: string, timeoutMs = 600_000): Promise<string> {
  return (await checked($({ quiet: true, env: chrootEnv, timeout: timeoutMs, timeoutSignal: "SIGKILL" })`chroot ${root} /bin/sh -c ${script}`)).stdout;
}
