import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { stepLogger } from "./lib/bootstrapLab";
import { ensureImages, renderImagesSummary } from "./lib/images";
import { exitWithError } from "./lib/labError";

/** `npm run images`: builds what is missing of the lab's Docker images and golden VM disk, then lists them. */
async function main(): Promise<void> {
  parseArguments("images");
  const log = stepLogger("images");
  const images = await ensureImages(log);
  log(`done in ${images.timings.runSeconds.toFixed(1)} s`);
  echo(`\n${renderImagesSummary(images)}`);
}

main().catch(exitWithError);
