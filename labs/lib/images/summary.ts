import { appNames } from "../../../model/catalog/apps";
import type { BuiltImages } from "../../../model/builtImages";
import { renderTable } from "../table";

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** What `npm run images` prints at the end: every image with its size, every build step, and the VM's kernel. */
export function renderImagesSummary(images: BuiltImages): string {
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
