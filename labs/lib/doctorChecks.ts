import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { probeAndSaveAccelerator } from "./acceleratorChoice";
import { dockerDaemon, libvirtUri } from "./daemons";
import { $ } from "zx";
import { foldersClosedTo, hostPrerequisiteMissing, libvirtDnsmasqDir, qemuUser } from "./hostPrerequisites";
import { labPaths, pulumiBinDir } from "./labEnv";
import { firstLine } from "./shell";
import { renderTable } from "./table";
import { goBuiltTools, installedPlugins, pluginInstalled, readInstallRecord, resourcePlugins, toolStatus } from "./toolchain";

export type CheckStatus = "ok" | "warn" | "fail";

/** One row of `npm run doctor`: what the lab needs, what was found, and what to do when it is not right. */
export interface DoctorCheck {
  check: string;
  status: CheckStatus;
  found: string;
  remedy?: string;
}

export const minimumFreeDiskBytes = 10 * 1024 ** 3;
export const minimumAvailableMemoryBytes = 3 * 1024 ** 3;

/** `virsh version` prints "Using library: libvirt 9.0.0" and "Running hypervisor: QEMU 7.2.22". */
export function parseVirshVersion(output: string): { libvirt?: string; hypervisor?: string } {
  return {
    libvirt: /Using library: libvirt (\S+)/.exec(output)?.[1],
    hypervisor: /Running hypervisor: (.+)/.exec(output)?.[1]?.trim(),
  };
}

/** MemAvailable from /proc/meminfo, in bytes. */
export function parseMemAvailable(meminfo: string): number | undefined {
  const kib = /^MemAvailable:\s+(\d+) kB$/m.exec(meminfo)?.[1];
  return kib === undefined ? undefined : Number(kib) * 1024;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** The lab can run when nothing failed; warnings are shown but do not stop it. */
export function labCanRun(checks: readonly DoctorCheck[]): boolean {
  return checks.every((check) => check.status !== "fail");
}

export function renderDoctorReport(checks: readonly DoctorCheck[]): string {
  const table = renderTable(
    ["check", "status", "found"],
    checks.map((check) => [check.check, check.status.toUpperCase(), check.found]),
  );
  const remedies = checks
    .filter((check) => check.status !== "ok" && check.remedy)
    .map((check) => `- ${check.check}: ${check.remedy}`);
  return remedies.length > 0 ? `${table}\n\nNotes and fixes:\n${remedies.join("\n")}` : table;
}

const bootstrapRemedy = "run `npm run bootstrap` (it installs, builds and starts what is missing)";

async function dockerCheck(): Promise<DoctorCheck> {
  const version = firstLine(await $({ nothrow: true, quiet: true, timeout: "15s", timeoutSignal: "SIGKILL" })`${dockerDaemon.probe}`);
  return version
    ? { check: "Docker engine", status: "ok", found: `engine ${version}` }
    : { check: "Docker engine", status: "fail", found: "not answering (dockerd stopped or missing)", remedy: `${bootstrapRemedy}; it starts dockerd` };
}

async function libvirtChecks(): Promise<DoctorCheck[]> {
  const result = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`virsh -c ${libvirtUri} version`;
  const qemu = firstLine(await $({ nothrow: true, quiet: true, timeout: "15s", timeoutSignal: "SIGKILL" })`qemu-system-x86_64 --version`);
  const qemuCheck: DoctorCheck = qemu
    ? { check: "QEMU", status: "ok", found: qemu.replace(/^QEMU emulator version /, "") }
    : { check: "QEMU", status: "fail", found: "qemu-system-x86_64 missing", remedy: bootstrapRemedy };
  if (!result.ok) {
    return [{ check: "libvirt daemon", status: "fail", found: `${libvirtUri} not answering`, remedy: `${bootstrapRemedy}; it starts virtlogd and libvirtd` }, qemuCheck];
  }
  const versions = parseVirshVersion(result.stdout);
  return [{ check: "libvirt daemon", status: "ok", found: `libvirt ${versions.libvirt ?? "?"} at ${libvirtUri}, hypervisor ${versions.hypervisor ?? "?"}` }, qemuCheck];
}

async function toolchainChecks(): Promise<DoctorCheck[]> {
  const record = readInstallRecord();
  const checks: DoctorCheck[] = [];
  for (const tool of goBuiltTools) {
    const status = await toolStatus(tool.binary, tool.version, record);
    checks.push(
      status === "pinned"
        ? { check: tool.binary, status: "ok", found: `v${tool.version} in ${pulumiBinDir}` }
        : { check: tool.binary, status: "fail", found: status === "missing" ? "not installed" : `not the pinned v${tool.version}`, remedy: bootstrapRemedy },
    );
  }
  return checks;
}

/** The docker, libvirt and command resource plugins, all built here from Go modules (see README). */
async function providerChecks(): Promise<DoctorCheck[]> {
  const installed = await installedPlugins();
  return resourcePlugins.map((plugin): DoctorCheck =>
    pluginInstalled(installed, plugin)
      ? { check: `provider ${plugin.name}`, status: "ok", found: `resource plugin v${plugin.version} (${plugin.origin}, built here)` }
      : { check: `provider ${plugin.name}`, status: "fail", found: `resource plugin v${plugin.version} not installed`, remedy: bootstrapRemedy },
  );
}

async function acceleratorCheck(log: (line: string) => void): Promise<DoctorCheck> {
  const choice = await probeAndSaveAccelerator(log);
  const probes = choice.probes.map((probe) => `${probe.accelerator}: ${probe.booted ? "booted" : "no boot"} in ${(probe.wallMs / 1000).toFixed(1)} s`).join("; ");
  if (choice.chosen === "none") {
    return { check: "accelerator", status: "fail", found: `neither KVM nor TCG booted the probe (${probes})`, remedy: `read ${path.join(labPaths.cache, "probe")} and the detail: ${choice.reason}` };
  }
  if (choice.chosen === "kvm") return { check: "accelerator", status: "ok", found: `KVM (${probes})` };
  return {
    check: "accelerator",
    status: "warn",
    found: `TCG software emulation (${probes})`,
    remedy: `${choice.reason} The lab runs, and labels every VM figure TCG; for KVM figures use a host whose KVM boots ordinary guests.`,
  };
}

function hostChecks(): DoctorCheck[] {
  fs.mkdirSync(labPaths.state, { recursive: true });
  const disk = fs.statfsSync(labPaths.state);
  const freeDisk = disk.bavail * disk.bsize;
  const availableMemory = parseMemAvailable(fs.readFileSync("/proc/meminfo", "utf8")) ?? os.freemem();
  const cpus = os.cpus();
  const nodeMajor = Number(process.versions.node.split(".")[0]);
  return [
    { check: "host", status: "ok", found: `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, kernel ${os.release()}` },
    nodeMajor >= 20
      ? { check: "Node.js", status: "ok", found: `v${process.versions.node}` }
      : { check: "Node.js", status: "fail", found: `v${process.versions.node}`, remedy: "install Node.js 20 or newer" },
    freeDisk >= minimumFreeDiskBytes
      ? { check: "free disk", status: "ok", found: `${formatBytes(freeDisk)} at ${labPaths.state}` }
      : { check: "free disk", status: "fail", found: `${formatBytes(freeDisk)} at ${labPaths.state}`, remedy: `free at least ${formatBytes(minimumFreeDiskBytes)} there (images and VM disks live in it)` },
    availableMemory >= minimumAvailableMemoryBytes
      ? { check: "free memory", status: "ok", found: `${formatBytes(availableMemory)} available of ${formatBytes(os.totalmem())}` }
      : { check: "free memory", status: "fail", found: `${formatBytes(availableMemory)} available`, remedy: `stop other workloads: the lab needs ${formatBytes(minimumAvailableMemoryBytes)}` },
  ];
}

/** Host state a fresh machine lacks and bootstrap makes; and whether QEMU can reach the lab's folder. */
async function hostStateChecks(): Promise<DoctorCheck[]> {
  const missing = hostPrerequisiteMissing();
  const dnsmasq: DoctorCheck = missing === undefined
    ? { check: "libvirt host state", status: "ok", found: `${libvirtDnsmasqDir} exists` }
    : { check: "libvirt host state", status: "fail", found: `${missing} missing (VMs cannot start on a lab network without it)`, remedy: `${bootstrapRemedy}; it makes the folder` };
  const closed = await foldersClosedTo(qemuUser, labPaths.state);
  const access: DoctorCheck = closed.length === 0
    ? { check: "QEMU access to .lab", status: "ok", found: `${qemuUser} can enter every folder down to ${labPaths.state}` }
    : { check: "QEMU access to .lab", status: "fail", found: `${qemuUser} cannot enter ${closed.join(", ")}`, remedy: `\`chmod o+x ${closed.join(" ")}\`, or clone the lab into a folder others can enter` };
  return [dnsmasq, access];
}

/** Every check of `npm run doctor`; reports only, changes nothing but the probe kit cache and the saved accelerator choice. */
export async function runDoctorChecks(log: (line: string) => void): Promise<DoctorCheck[]> {
  const checks = [...hostChecks(), await dockerCheck(), ...(await libvirtChecks()), ...(await hostStateChecks()), ...(await toolchainChecks()), ...(await providerChecks())];
  const qemuPresent = checks.some((check) => check.check === "QEMU" && check.status === "ok");
  checks.push(qemuPresent ? await acceleratorCheck(log) : { check: "accelerator", status: "fail", found: "not probed: QEMU missing", remedy: bootstrapRemedy });
  return checks;
}
