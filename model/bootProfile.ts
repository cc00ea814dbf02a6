/**
 * How a stack's instances boot. typical: as most users run them (a VM boots its distribution's initramfs and systemd,
 * which starts the app's unit). tuned: the fewest steps between the start call and the app, the way microVMs boot (a
 * busybox initramfs of the lab's loads the root disk's drivers and hands the root file system to lab-init, which
 * brings up the one NIC and starts the app; quiet console).
 * Both profiles boot the same golden image and the same kernel.
 */
export const bootProfiles = ["typical", "tuned"] as const;
export type BootProfile = (typeof bootProfiles)[number];

/** The tuned profile's init in the golden image: PID 1 that applies the seed and starts the one app. */
export const tunedInitPath = "/usr/local/sbin/lab-init";

/** What the tuned profile's initramfs writes to the console when it starts. */
export const tunedInitramfsMarker = "lab-initramfs: started";

/** What lab-init writes to the console when it starts and when it starts the app: the host times the boot's phases by them. */
export const tunedInitMarkers = { started: "lab-init: started", appExec: "lab-init: exec" } as const;

/**
 * What microVMs tell their kernel so that it skips probing hardware they do not have: no PS/2 keyboard and mouse
 * controller to wait for, no timer and clocksource checks (under emulation they take long and vary). The tuned
 * profile and the VM floor both boot with them, so the floor is the least this kernel needs under the same flags.
 */
export const microvmKernelArgs = ["i8042.noaux", "i8042.nomux", "i8042.nopnp", "i8042.dumbkbd", "no_timer_check", "tsc=reliable"] as const;

/**
 * The kernel command line of a VM of `profile`, from the one the image was built with. typical adds systemd's log to
 * the kernel log, so its own boot figures ("Startup finished …") reach the serial console. tuned replaces the init,
 * drops systemd's status lines and keeps the kernel quiet: every line on an emulated serial port costs time.
 */
export function kernelCmdlineFor(profile: BootProfile, imageCmdline: string): string {
  if (profile === "typical") return `${imageCmdline} systemd.log_target=kmsg`;
  const kept = imageCmdline.split(/\s+/).filter((word) => word !== "" && !word.startsWith("systemd.") && word !== "quiet" && !word.startsWith("init="));
  return [...kept, "quiet", ...microvmKernelArgs, `init=${tunedInitPath}`].join(" ");
}
