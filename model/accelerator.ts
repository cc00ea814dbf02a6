import { ConfigError, type AcceleratorSetting } from "./labConfig";
import { LabError } from "./labError";

/** What runs the VMs' CPUs: the kernel's KVM, or QEMU's TCG software emulation. */
export type Accelerator = "kvm" | "tcg";

export interface ProbeBoot {
  accelerator: Accelerator;
  booted: boolean;
  wallMs: number;
  detail: string;
}

export interface AcceleratorChoice {
  chosen: Accelerator | "none";
  reason: string;
  probes: ProbeBoot[];
  /** Release of the probe kernel, as `uname -r` prints it. */
  kernel: string;
}

/** The probe's verdict as `npm run doctor` saves it. */
export interface SavedAcceleratorChoice extends AcceleratorChoice {
  probedAt: string;
}

/** Whether the saved probe showed that KVM cannot boot a guest on this host (absent, or present but hanging). */
export function kvmFailedProbe(saved: Pick<AcceleratorChoice, "probes"> | undefined): ProbeBoot | undefined {
  return saved?.probes.find((probe) => probe.accelerator === "kvm" && !probe.booted);
}

/**
 * What the VMs run under: the stack setting, where `auto` means the probe's verdict. `kvm` on a host whose probe
 * found KVM unusable is refused here, before any resource is touched: otherwise the engine would delete the running
 * VMs (their names are fixed, so they are replaced delete-first) and then fail to define the new ones.
 */
export function resolveAccelerator(setting: AcceleratorSetting, saved: Pick<AcceleratorChoice, "chosen" | "probes"> | undefined, stack: string): Accelerator {
  const kvmFailure = kvmFailedProbe(saved);
  if (setting === "kvm" && kvmFailure) {
    throw new ConfigError(stack, "accelerator", setting, `auto or tcg on this host, whose KVM probe did not boot (${kvmFailure.detail})`);
  }
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
