import { appNames } from "../model/catalog/apps";
import { stepLogger } from "./lib/bootstrapLab";
import type { BuiltImages } from "../model/builtImages";
import { ensureImages } from "./lib/images";
import { exitWithError } from "./lib/labError";
import { renderTable } from "./lib/table";

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function summary(images: BuiltImages): string {
  const rows = [
    ["docker base", images.docker.base.tag, mebibytes(images.docker.base.sizeBytes), "-"],
    ...appNames.map((app) => {
      const image = images.docker.apps[app];
      return [`docker ${app}`, image.tag, mebibytes(image.sizeBytes), mebibytes(image.ownLayersBytes)];
    }),
    ["vm golden disk", images.vm.goldenPath, `${mebibytes(images.vm.allocatedBytes)} of ${mebibytes(images.vm.virtualSizeBytes)}`, "-"],
  ];
  const steps = images.timings.steps.map((step) => [step.step, step.reused ? "reused" : "built", step.buildSeconds === null ? "?" : `${step.buildSeconds.toFixed(1)} s`]);
  return [
    renderTable(["image", "tag / path", "size", "own layers"], rows),
    "",
    renderTable(["step", "this run", "build time"], steps),
    "",
    `kernel ${images.vm.kernelVersion}: ${images.vm.kernelPath}, ${images.vm.initrdPath}`,
    `kernel command line: ${images.vm.kernelCmdline}`,
  ].join("\n");
}

/** `npm run images`: builds what is missing of the lab's Docker images and golden VM disk, then lists them. */
async function main(): Promise<void> {
  const log = stepLogger("images");
  const images = await ensureImages(log);
  log(`done in ${images.timings.runSeconds.toFixed(1)} s`);
  console.log(`\n${summary(images)}`);
}

main().catch(exitWithError);
