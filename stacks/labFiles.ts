import * as fs from "node:fs";
import * as path from "node:path";
import type { SavedAcceleratorChoice } from "../model/accelerator";
import type { BuiltImages } from "../model/builtImages";
import { LabError } from "../model/labError";
import { labLayout } from "../model/labLayout";

/** What the lab's scripts made on this host that the program deploys from: the built images and the accelerator probe. */
export const repoRoot = path.resolve(__dirname, "..");
export const layout = labLayout(repoRoot);

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : undefined;
}

export function readBuiltImages(): BuiltImages {
  const built = readJson<BuiltImages>(layout.builtImagesFile);
  if (!built || !fs.existsSync(built.vm.goldenPath)) {
    throw new LabError(`The lab's images are not built on this host (${layout.builtImagesFile} or the VM image it names is missing).`, "run `npm run images` (several minutes the first time), then try again.");
  }
  return built;
}

export function readAcceleratorChoice(): SavedAcceleratorChoice | undefined {
  return readJson<SavedAcceleratorChoice>(layout.acceleratorChoiceFile);
}
