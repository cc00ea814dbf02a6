import * as fs from "node:fs";
import * as path from "node:path";
import type { AcceleratorSetting } from "../../stacks/labConfig";
import { chooseAccelerator, type Accelerator, type AcceleratorChoice } from "./accelerator";
import { LabError } from "./labError";
import { labPaths } from "./labEnv";

/** The probe's verdict is saved here by `npm run doctor` (and by `npm run up -- libvirt` when there is none yet). */
export const acceleratorChoiceFile = path.join(labPaths.state, "accelerator.json");

export interface SavedAcceleratorChoice extends AcceleratorChoice {
  probedAt: string;
}

export function readAcceleratorChoice(file = acceleratorChoiceFile): SavedAcceleratorChoice | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as SavedAcceleratorChoice;
  } catch {
    return undefined;
  }
}

/** Runs the probe boot and saves its verdict. */
export async function probeAndSaveAccelerator(log: (line: string) => void): Promise<SavedAcceleratorChoice> {
  const choice = await chooseAccelerator(path.join(labPaths.cache, "probe"), { log });
  const saved: SavedAcceleratorChoice = { ...choice, probedAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(acceleratorChoiceFile), { recursive: true });
  fs.writeFileSync(acceleratorChoiceFile, `${JSON.stringify(saved, null, 2)}\n`);
  return saved;
}

/** The saved verdict, probing once when there is none. */
export async function ensureAcceleratorChoice(log: (line: string) => void): Promise<SavedAcceleratorChoice> {
  return readAcceleratorChoice() ?? (await probeAndSaveAccelerator(log));
}

/** What the VMs run under: the stack setting, where `auto` means the probe's verdict. */
export function resolveAccelerator(setting: AcceleratorSetting, saved: Pick<AcceleratorChoice, "chosen"> | undefined): Accelerator {
  if (setting !== "auto") return setting;
  if (!saved) {
    throw new LabError(
      "vm-container-lab:accelerator is auto, but no accelerator probe has run on this host yet.",
      "run `npm run doctor` (or `npm run up -- libvirt`, which probes when needed), or set the accelerator to kvm or tcg in stacks/Pulumi.libvirt.yaml.",
    );
  }
  if (saved.chosen === "none") {
    throw new LabError("The accelerator probe found that neither KVM nor TCG can boot a guest on this host.", "run `npm run doctor` and follow what it says about the accelerator.");
  }
  return saved.chosen;
}
