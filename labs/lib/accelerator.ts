/**
 * Decides whether this host's KVM can boot an ordinary guest or the lab must fall back to TCG
 * software emulation. A /dev/kvm that opens is not enough: nested paravirtual KVM (kvm_pvm) hangs
 * stock kernels, so the decision rests on a short real boot of a Debian kernel.
 */
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { $, type ProcessOutput } from "zx";
import { checked, describeFailure } from "./shell";
import type { Accelerator, AcceleratorChoice, ProbeBoot } from "../../model/accelerator";
import { LabError } from "../../model/labError";
import { packBusyboxInitramfs } from "./images/busyboxInitramfs";

export interface ProbeKit {
  kernelPath: string;
  initrdPath: string;
  /** Release of the kernel, as `uname -r` prints it (e.g. 6.1.0-56-amd64). */
  kernelVersion: string;
}

/** What the probe guest's /init prints, followed by `uname -r`. */
export const PROBE_MARKER = "LAB-PROBE-BOOTED";

export const QEMU_PROGRAM = "qemu-system-x86_64";

export const DEFAULT_KVM_TIMEOUT_MS = 15_000;
export const DEFAULT_TCG_TIMEOUT_MS = 60_000;

const KIT_MANIFEST = "probe-kit.json";
const INITRD_NAME = "probe-initramfs.cpio";
const BUSYBOX_PACKAGE = "busybox-static";

const PROBE_INIT = `#!/bin/busybox sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec >/dev/console 2>&1
echo "${PROBE_MARKER} $(/bin/busybox uname -r)"
/bin/busybox poweroff -f
`;

/** Reads the kernel package out of `apt-cache depends linux-image-amd64`; undefined if it names none. */
export function parseKernelDependency(aptCacheDependsOutput: string): { packageName: string; kernelVersion: string } | undefined {
  const match = /^\s*Depends:\s*(linux-image-(\d\S*))\s*$/m.exec(aptCacheDependsOutput);
  return match ? { packageName: match[1], kernelVersion: match[2] } : undefined;
}

/** Builds (once, cached in cacheDir) the probe kit: a Debian kernel and a tiny busybox initramfs whose /init prints a marker on the serial console and powers off. */
export async function ensureProbeKit(cacheDir: string, log: (line: string) => void = () => {}): Promise<ProbeKit> {
  const manifestPath = path.join(cacheDir, KIT_MANIFEST);
  const cached = await readCachedKit(manifestPath);
  if (cached) return cached;

  await fs.mkdir(cacheDir, { recursive: true });
  const kernel = await resolveDebianKernel(log);
  log(`probe: fetching Debian kernel ${kernel.kernelVersion} and ${BUSYBOX_PACKAGE} (once)`);
  // A fixed name, so the leftovers of an interrupted build (the kernel package unpacks to ~400 MB) are removed by the next one.
  const buildDir = path.join(cacheDir, "partial-build");
  await fs.rm(buildDir, { recursive: true, force: true });
  await fs.mkdir(buildDir);
  try {
    await aptDownload([kernel.packageName, BUSYBOX_PACKAGE], buildDir);
    const kernelTree = await unpackDeb(buildDir, kernel.packageName, "kernel-package");
    const busyboxTree = await unpackDeb(buildDir, BUSYBOX_PACKAGE, "busybox-package");

    const kernelPath = path.join(cacheDir, `vmlinuz-${kernel.kernelVersion}`);
    await fs.copyFile(path.join(kernelTree, "boot", `vmlinuz-${kernel.kernelVersion}`), `${kernelPath}.partial`);
    await fs.rename(`${kernelPath}.partial`, kernelPath);

    log("probe: building the busybox initramfs");
    const initrdPath = path.join(cacheDir, INITRD_NAME);
    await packBusyboxInitramfs({ busyboxPath: path.join(busyboxTree, "bin", "busybox"), init: PROBE_INIT, dirs: ["dev"] }, path.join(buildDir, "initramfs"), `${initrdPath}.partial`);
    await fs.rename(`${initrdPath}.partial`, initrdPath);

    const kit: ProbeKit = { kernelPath, initrdPath, kernelVersion: kernel.kernelVersion };
    // The manifest is written last: only its presence marks the kit as finished.
    await fs.writeFile(`${manifestPath}.partial`, JSON.stringify(kit, null, 2) + "\n");
    await fs.rename(`${manifestPath}.partial`, manifestPath);
    return kit;
  } finally {
    await fs.rm(buildDir, { recursive: true, force: true });
  }
}

async function readCachedKit(manifestPath: string): Promise<ProbeKit | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(manifestPath, "utf8"));
  } catch {
    return undefined;
  }
  if (!isProbeKit(parsed) || !existsSync(parsed.kernelPath) || !existsSync(parsed.initrdPath)) return undefined;
  return parsed;
}

function isProbeKit(value: unknown): value is ProbeKit {
  if (typeof value !== "object" || value === null) return false;
  const kit = value as Record<string, unknown>;
  return typeof kit.kernelPath === "string" && typeof kit.initrdPath === "string" && typeof kit.kernelVersion === "string";
}

async function resolveDebianKernel(log: (line: string) => void): Promise<{ packageName: string; kernelVersion: string }> {
  const lookUp = async () => parseKernelDependency((await $({ nothrow: true, quiet: true })`apt-cache depends linux-image-amd64`).stdout);
  const known = await lookUp();
  if (known) return known;

  log("probe: apt knows no linux-image-amd64 yet; running apt-get update");
  const update = await $({ nothrow: true, quiet: true, timeout: "5m", timeoutSignal: "SIGKILL" })`apt-get update`;
  const afterUpdate = await lookUp();
  if (afterUpdate) return afterUpdate;
  throw new LabError(
    `Cannot find the Debian kernel package: \`apt-cache depends linux-image-amd64\` names no linux-image-* package` +
      (update.ok ? "." : ` and \`apt-get update\` failed:\n${lastLines(update.stderr || update.stdout)}`),
    "The probe kit is built from Debian bookworm packages: run the lab on Debian 12 with the Debian archive in the apt sources, as root (or run `sudo apt-get update` first).",
  );
}

async function aptDownload(packages: string[], dir: string): Promise<void> {
  const download = $({ nothrow: true, quiet: true, cwd: dir, timeout: "10m", timeoutSignal: "SIGKILL" })`apt-get download ${packages}`;
  const result = await download;
  if (!result.ok) {
    throw new LabError(
      describeFailure(download.cmd, result),
      "Check that the Debian archive is reachable (`apt-get update` succeeds), then run again.",
    );
  }
}

/** Unpacks the one downloaded .deb of a package into buildDir/intoName and returns that folder. */
async function unpackDeb(buildDir: string, packageName: string, intoName: string): Promise<string> {
  const debs = (await fs.readdir(buildDir)).filter((name) => name.startsWith(`${packageName}_`) && name.endsWith(".deb"));
  if (debs.length !== 1) {
    throw new Error(`expected one ${packageName}_*.deb in ${buildDir} after apt-get download, found ${debs.length}`);
  }
  const tree = path.join(buildDir, intoName);
  await checked($({ quiet: true, timeout: "2m", timeoutSignal: "SIGKILL" })`dpkg-deb -x ${path.join(buildDir, debs[0])} ${tree}`);
  return tree;
}

/** The qemu command line of a probe boot: serial console on stdout, nothing else attached. */
export function probeQemuArgs(kit: ProbeKit, accelerator: Accelerator): string[] {
  // Under KVM the default CPU model is deliberate: `-cpu host`/`max` abort on nested paravirtual KVM (MSR 0x10a).
  return [
    "-accel", accelerator,
    "-m", "128",
    "-nographic", "-no-reboot", "-nodefaults",
    "-serial", "stdio",
    "-kernel", kit.kernelPath,
    "-initrd", kit.initrdPath,
    "-append", "console=ttyS0 panic=-1 loglevel=4",
  ];
}

/** Boots the kit once under the given accelerator with a timeout; booted=true only if the marker appeared. */
export async function probeBoot(kit: ProbeKit, accelerator: Accelerator, timeoutMs: number): Promise<ProbeBoot> {
  const started = performance.now();
  const result = await $({ nothrow: true, quiet: true, timeout: timeoutMs, timeoutSignal: "SIGKILL" })`${QEMU_PROGRAM} ${probeQemuArgs(kit, accelerator)}`;
  const wallMs = Math.round(performance.now() - started);
  const classification = classifyProbeOutput(result, { accelerator, timeoutMs });
  return { accelerator, booted: classification.outcome === "booted", wallMs, detail: classification.detail };
}

export type ProbeOutcome =
  /** The marker appeared: the guest kernel ran its userspace. */
  | "booted"
  /** Killed at the timeout after the console had stopped somewhere (e.g. after "Probing EDD"). */
  | "kernel-hang"
  /** qemu reported an error on stderr or could not be started (e.g. the MSR 0x10a abort). */
  | "qemu-error"
  /** Killed at the timeout without any console output. */
  | "timeout"
  /** qemu ended by itself without the marker, e.g. after a kernel panic (-no-reboot). */
  | "exited-without-marker";

export interface ProbeClassification {
  outcome: ProbeOutcome;
  /** `uname -r` of the guest, when it booted. */
  kernelRelease?: string;
  /** One human-readable sentence on what happened. */
  detail: string;
}

/** What classifyProbeOutput reads of a probe run's ProcessOutput: stdout is the guest's serial console. */
export type ProbeRun = Pick<ProcessOutput, "exitCode" | "signal" | "stdout" | "stderr">;

/** Classifies the output of one probe qemu run. */
export function classifyProbeOutput(run: ProbeRun, probe: { accelerator: Accelerator; timeoutMs: number }): ProbeClassification {
  const consoleLines = textLines(run.stdout);
  // zx kills the probe at its timeout with its timeoutSignal, SIGKILL: no exit code then, only the signal.
  const timedOut = run.exitCode === null && run.signal === "SIGKILL";
  const ended = run.exitCode === null ? `killed by ${run.signal}` : `exit ${run.exitCode}`;
  const killedAt = formatDuration(probe.timeoutMs);

  const marker = new RegExp(`${PROBE_MARKER} (\\S+)`).exec(consoleLines.join("\n"));
  if (marker) {
    const afterwards = timedOut ? `, but qemu did not exit until killed at ${killedAt}` : " and powered off";
    return { outcome: "booted", kernelRelease: marker[1], detail: `guest kernel ${marker[1]} reached userspace${afterwards}` };
  }

  const qemuErrors = textLines(run.stderr).filter((line) => !/^qemu-system-\S+: warning:/.test(line));
  if (qemuErrors.length > 0 && !timedOut) {
    // zx runs the command line through bash, which answers a missing program with 127 and "command not found".
    if (run.exitCode === 127 && qemuErrors.some((line) => line.includes("command not found"))) {
      return { outcome: "qemu-error", detail: `${QEMU_PROGRAM} could not be started: it is not installed (Debian: apt-get install qemu-system-x86)` };
    }
    return { outcome: "qemu-error", detail: `qemu failed (${ended}) before the guest booted: ${qemuErrors[0]}` };
  }

  const lastLine = consoleLines.at(-1);
  if (timedOut) {
    if (lastLine === undefined) return { outcome: "timeout", detail: `no console output until killed at ${killedAt}` };
    const explanation = probe.accelerator === "kvm" && /Probing EDD/.test(lastLine)
      ? ": the kernel's setup code ran, its userspace never did (stock kernels hang so under nested paravirtual KVM)"
      : "";
    return { outcome: "kernel-hang", detail: `hung after "${lastLine}" until killed at ${killedAt}${explanation}` };
  }

  const panic = consoleLines.map((line) => /Kernel panic.*/.exec(line)?.[0]).find((found) => found !== undefined);
  const evidence = panic ?? lastLine;
  return {
    outcome: "exited-without-marker",
    detail: `${run.exitCode === null ? `qemu was killed by ${run.signal}` : `qemu exited (code ${run.exitCode})`} without the marker ` + (evidence === undefined ? "or any console output" : `after "${evidence}"`),
  };
}

/** Non-blank text lines of a console. The only escape sequences firmware and kernel send here are resets and screen clears, so each one ends a line. */
function textLines(output: string): string[] {
  return output
    .replace(/\x1b(?:\[[0-?]*[ -/]*[@-~]|[0-~])/g, "\n")
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-10).join("\n");
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

/** KVM when /dev/kvm exists and the KVM probe boots; else TCG when the TCG probe boots; else "none". Skips the KVM probe if /dev/kvm is missing (detail says so). */
export async function chooseAccelerator(
  cacheDir: string,
  options: { kvmTimeoutMs?: number; tcgTimeoutMs?: number; log?: (line: string) => void } = {},
): Promise<AcceleratorChoice> {
  const log = options.log ?? (() => {});
  const kit = await ensureProbeKit(cacheDir, log);
  const probes: ProbeBoot[] = [];
  const boot = async (accelerator: Accelerator, timeoutMs: number): Promise<ProbeBoot> => {
    log(`probe: booting under ${accelerator} (timeout ${formatDuration(timeoutMs)})`);
    const probe = await probeBoot(kit, accelerator, timeoutMs);
    log(`probe: ${accelerator} ${probe.booted ? "booted" : "did not boot"} in ${formatDuration(probe.wallMs)}: ${probe.detail}`);
    probes.push(probe);
    return probe;
  };

  let kvmVerdict: string;
  if (existsSync("/dev/kvm")) {
    const kvm = await boot("kvm", options.kvmTimeoutMs ?? DEFAULT_KVM_TIMEOUT_MS);
    if (kvm.booted) {
      return { chosen: "kvm", reason: `The KVM probe booted in ${formatDuration(kvm.wallMs)}.`, probes, kernel: kit.kernelVersion };
    }
    kvmVerdict = `/dev/kvm exists but the KVM probe did not boot: ${kvm.detail}.`;
  } else {
    const skipped: ProbeBoot = { accelerator: "kvm", booted: false, wallMs: 0, detail: "skipped: /dev/kvm does not exist" };
    probes.push(skipped);
    log(`probe: kvm ${skipped.detail}`);
    kvmVerdict = "/dev/kvm does not exist.";
  }

  const tcg = await boot("tcg", options.tcgTimeoutMs ?? DEFAULT_TCG_TIMEOUT_MS);
  if (tcg.booted) {
    return { chosen: "tcg", reason: `${kvmVerdict} The TCG probe booted in ${formatDuration(tcg.wallMs)}.`, probes, kernel: kit.kernelVersion };
  }
  return { chosen: "none", reason: `${kvmVerdict} The TCG probe did not boot either: ${tcg.detail}.`, probes, kernel: kit.kernelVersion };
}
