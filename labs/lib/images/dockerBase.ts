import * as path from "node:path";
import { $ } from "zx";
import { checked } from "../shell";
import { prepareBaseTree } from "./baseTree";
import { inputsLabel, tagImage } from "./dockerEngine";
import type { DockerBasePlan } from "./plan";
import { copyTree } from "./rootfs";
import { inWorkDir } from "./workDirs";

/** Imports the trimmed debootstrap tree as the base image every app image is built FROM; tagged only at the end. */
export async function buildDockerBase(plan: DockerBasePlan, rootfsDir: string): Promise<void> {
  await inWorkDir("docker-base", async (work) => {
    const tree = path.join(work, "root");
    const tarball = path.join(work, "base.tar");
    await copyTree(rootfsDir, tree);
    await prepareBaseTree(tree);
    await checked($({ quiet: true, timeout: "10m", timeoutSignal: "SIGKILL" })`tar --numeric-owner -C ${tree} -cf ${tarball} .`);
    const imported = await checked(
      $({ quiet: true, timeout: "10m", timeoutSignal: "SIGKILL" })`docker import --change ${`LABEL ${inputsLabel}=${plan.key}`} --change ${'CMD ["bash"]'} ${tarball}`,
    );
    const id = imported.stdout.trim();
    await tagImage(id, [plan.tag]);
  });
}
