import { echo } from "zx";
import { archiveAction, exportedLine, importedLine } from "./lib/archive/manifest";
import { parseArguments } from "./lib/arguments";
import { stepLogger } from "./lib/bootstrapLab";
import { ensureImages, renderImagesSummary } from "./lib/images";
import { exportImages, importImages } from "./lib/images/imagesArchive";
import { exitWithError } from "./lib/labError";

/**
 * `npm run images`: builds what is missing of the lab's Docker images and golden VM disk, then lists them.
 * `-- --export FILE` packs the built images of this checkout into FILE; `-- --import FILE` installs them from there
 * (checked against this checkout's plan), so that nothing needs a build.
 */
async function main(): Promise<void> {
  const action = archiveAction("images", parseArguments("images").values);
  const log = stepLogger("images");
  if (action?.mode === "export") return echo(exportedLine(await exportImages(action.file, log)));
  if (action?.mode === "import") {
    const imported = await importImages(action.file, log);
    echo(`\n${renderImagesSummary(imported.images)}\n\n${importedLine(imported)}`);
    return;
  }
  const images = await ensureImages(log);
  log(`done in ${images.timings.runSeconds.toFixed(1)} s`);
  echo(`\n${renderImagesSummary(images)}`);
}

main().catch(exitWithError);
