import * as fs from "node:fs";
import * as path from "node:path";
import { execChecked } from "../exec";
import type { RootfsPlan } from "./plan";
import { inWorkDir } from "./workDirs";

/** debootstrap into a work folder (from the default Debian mirror), renamed into the cache only when complete. */
export async function buildRootfs(plan: RootfsPlan): Promise<void> {
  await inWorkDir("rootfs", async (work) => {
    const target = path.join(work, "root");
    await execChecked("debootstrap", [...plan.debootstrapArgs, target], { timeoutMs: 1_800_000 });
    fs.mkdirSync(path.dirname(plan.dir), { recursive: true });
    fs.renameSync(target, plan.dir);
  });
}

/** A full copy of a root file system (owners, modes, links and device nodes kept). */
export async function copyTree(source: string, target: string): Promise<void> {
  await execChecked("cp", ["-a", source, target], { timeoutMs: 600_000 });
}
