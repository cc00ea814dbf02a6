import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { checked } from "../shell";
import type { RootfsPlan } from "./plan";
import { inWorkDir } from "./workDirs";

/** debootstrap into a work folder (from the default Debian mirror), renamed into the cache only when complete. */
export async function buildRootfs(plan: RootfsPlan): Promise<void> {
  await inWorkDir("rootfs", async (work) => {
    const target = path.join(work, "root");
    await checked($({ quiet: true, timeout: "30m", timeoutSignal: "SIGKILL" })`debootstrap ${plan.debootstrapArgs} ${target}`);
    fs.mkdirSync(path.dirname(plan.dir), { recursive: true });
    fs.renameSync(target, plan.dir);
  });
}

/** A full copy of a root file system (owners, modes, links and device nodes kept). */
export async function copyTree(source: string, target: string): Promise<void> {
  await checked($({ quiet: true, timeout: "10m", timeoutSignal: "SIGKILL" })`cp -a ${source} ${target}`);
}
