import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { checked } from "../shell";
import { buildkitDockerClient, buildkitEnv } from "./buildkitClient";
import { contextFilesDir, contextPackagesDir } from "./dockerfile";
import { appLabel, inputsLabel, tagImage } from "./dockerEngine";
import { stagePackageBuild } from "./packages";
import type { AppImagePlan } from "./plan";
import { inWorkDir } from "./workDirs";

/** Writes the build context: Dockerfile, the catalog files with their modes, and the packages to bind-mount. */
function writeContext(context: string, plan: AppImagePlan, debs: readonly string[]): void {
  fs.mkdirSync(path.join(context, contextFilesDir), { recursive: true });
  fs.writeFileSync(path.join(context, "Dockerfile"), plan.dockerfile);
  for (const file of plan.files) {
    const target = path.join(context, contextFilesDir, file.source);
    fs.writeFileSync(target, file.content, { mode: file.mode });
    fs.chmodSync(target, file.mode);
  }
  stagePackageBuild(path.join(context, contextPackagesDir), debs);
}

/** Builds an app's image FROM the base with BuildKit and no network; tagged only when the build succeeded. */
export async function buildAppImage(plan: AppImagePlan, debs: readonly string[]): Promise<void> {
  const client = await buildkitDockerClient();
  await inWorkDir(`docker-${plan.app}`, async (work) => {
    const context = path.join(work, "context");
    const idFile = path.join(work, "image-id");
    writeContext(context, plan, debs);
    const labels = ["--label", `${appLabel}=${plan.app}`, "--label", `${inputsLabel}=${plan.key}`];
    await checked(
      $({ quiet: true, env: buildkitEnv, timeout: "15m", timeoutSignal: "SIGKILL" })`${client} build --network none --progress plain --iidfile ${idFile} ${labels} ${context}`,
    );
    await tagImage(fs.readFileSync(idFile, "utf8").trim(), [plan.tag]);
  });
}
