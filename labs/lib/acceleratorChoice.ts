import * as path from "node:path";
import type { SavedAcceleratorChoice } from "../../model/accelerator";
import { chooseAccelerator } from "./accelerator";
import { readJsonFile, writeJsonFile } from "./jsonFile";
import { labPaths } from "./labEnv";

/** The probe's verdict is saved by `npm run doctor` (and by `npm run up -- libvirt` when there is none yet). */
const acceleratorChoiceFile = labPaths.acceleratorChoiceFile;

export function readAcceleratorChoice(file = acceleratorChoiceFile): SavedAcceleratorChoice | undefined {
  return readJsonFile<SavedAcceleratorChoice>(file);
}

/** Runs the probe boot and saves its verdict. */
export async function probeAndSaveAccelerator(log: (line: string) => void): Promise<SavedAcceleratorChoice> {
  const choice = await chooseAccelerator(path.join(labPaths.cache, "probe"), { log });
  const saved: SavedAcceleratorChoice = { ...choice, probedAt: new Date().toISOString() };
  writeJsonFile(acceleratorChoiceFile, saved);
  return saved;
}

/** The saved verdict, probing once when there is none. */
export async function ensureAcceleratorChoice(log: (line: string) => void): Promise<SavedAcceleratorChoice> {
  return readAcceleratorChoice() ?? (await probeAndSaveAccelerator(log));
}
