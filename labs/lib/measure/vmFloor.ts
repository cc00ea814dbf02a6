import { microvmKernelArgs } from "../../../model/bootProfile";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { $, retry } from "zx";
import { checked } from "../shell";
import { localLabHost, type LabHost } from "../labHost";
import { ensureFilesOnLabHost } from "../remote/labHostImages";
import { labHostLayout } from "../../../model/labHostLayout";
import { hostBusybox, packBusyboxInitramfs } from "../images/busyboxInitramfs";
import { watchConsole } from "./consoleWatch";
import { serialLogPath } from "./vmMeasure";
import type { VmFloor } from "./resultsSchema";

/**
 * The VM floor: the lab's own kernel booted to a one-line init that reports on the serial console and powers off,
 * in a transient domain made from one of the stack's domains (same accelerator, machine, CPU model, memory, vCPUs,
 * TCG cache and console), less its disks and NIC. What a VM's boot takes beyond it is initramfs, init and app.
 */

/** What the floor's init prints, followed by the guest's uptime in seconds. */
export const floorMarker = "vm-container-lab floor: init reached, guest uptime";

/** The floor boots a quiet kernel with the tuned profile's flags: the least a kernel of this build needs to reach its init. */
export const floorKernelCmdline = ["console=ttyS0", "quiet", "panic=-1", ...microvmKernelArgs].join(" ");

const floorInit = `#!/bin/busybox sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
/bin/busybox mount -t proc proc /proc
echo "${floorMarker} $(/bin/busybox cut -d' ' -f1 /proc/uptime)" > /dev/console
/bin/busybox poweroff -f
`;

/** The guest's uptime in milliseconds that the floor's init printed, or undefined. */
export function guestUptimeMsFrom(consoleText: string): number | undefined {
  const seconds = new RegExp(`${floorMarker} (\\d+(?:\\.\\d+)?)`).exec(consoleText)?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}

/** Text made safe inside an XML element or a quoted attribute. */
export function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;").replace(/"/g, "&quot;");
}

/**
 * The floor domain's XML from a stack domain's inactive XML: another name and no UUID, the floor's initramfs and
 * quiet command line, no disks and no NIC, its own console file, the app label "floor", and a reboot (a kernel panic)
 * ends it instead of booting again.
 */
export function floorDomainXml(stackDomainXml: string, floor: { name: string; initrdPath: string; consoleLogPath: string }): string {
  const replaced = stackDomainXml
    .replace(/<name>[^<]*<\/name>/, `<name>${xmlText(floor.name)}</name>`)
    .replace(/\s*<uuid>[^<]*<\/uuid>/, "")
    .replace(/<initrd>[^<]*<\/initrd>/, `<initrd>${xmlText(floor.initrdPath)}</initrd>`)
    .replace(/<cmdline>[^<]*<\/cmdline>/, `<cmdline>${floorKernelCmdline}</cmdline>`)
    .replace(/\s*<disk\b[\s\S]*?<\/disk>/g, "")
    .replace(/\s*<interface\b[\s\S]*?<\/interface>/g, "")
    .replace(/(<(?:serial|console) type=['"]file['"]>\s*<source path=)['"][^'"]*['"]/g, `$1'${xmlText(floor.consoleLogPath)}'`)
    .replace(/(name=['"]vm-container-lab\.app['"] value=)['"][^'"]*['"]/, `$1"floor"`)
    .replace(/<on_reboot>[^<]*<\/on_reboot>/, "<on_reboot>destroy</on_reboot>");
  if (!replaced.includes("<initrd>") || !replaced.includes("<cmdline>")) throw new Error("the stack's domain boots no kernel directly, so it has no settings for a floor boot");
  return replaced;
}

/** Packs the floor's initramfs (the host's static busybox and the one-line init) into `archivePath`. */
async function buildFloorInitramfs(workDir: string, archivePath: string): Promise<void> {
  const busyboxPath = await hostBusybox();
  await packBusyboxInitramfs({ busyboxPath, init: floorInit, dirs: ["dev", "proc"] }, path.join(workDir, "initramfs"), archivePath);
}

async function domainGone(uri: string, name: string, host: LabHost = localLabHost()): Promise<boolean> {
  return !(await host.run(["virsh", "-c", uri, "domstate", name], { nothrow: true })).ok;
}

export interface VmFloorSettings {
  uri: string;
  /** A running or stopped domain of the stack whose settings the floor boots under. */
  stackDomain: string;
  /** Name of the transient floor domain (libvirtEngineNames(prefix).floorDomain). */
  floorDomain: string;
  /** Folder for the floor's initramfs and XML (kept out of the stack's pool). */
  workDir: string;
  timeoutMs: number;
}

/**
 * One floor boot on a lab host over ssh, timed there by one shell: `virsh create`, then the console file looked at
 * every 20 ms until the init's line is on it. Prints the microseconds, then the console.
 */
const labHostFloorBoot = `uri=$1 xml=$2 log=$3 marker=$4 timeout_s=$5
rm -f "$log"
start=$(date +%s%N)
virsh -c "$uri" create "$xml" >/dev/null || exit 3
until grep -q "$marker" "$log" 2>/dev/null; do
  [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge "$timeout_s" ] && exit 4
  sleep 0.02
done
end=$(date +%s%N)
echo $(( (end - start) / 1000 ))
cat "$log"`;

/** The floor on a lab host over ssh: its initramfs and XML copied into the lab host's floor folder, each boot timed there. */
async function measureVmFloorOn(host: LabHost, settings: VmFloorSettings, samples: number): Promise<VmFloor> {
  if (host.ssh === undefined) throw new Error("measureVmFloorOn needs a lab host reached over ssh");
  const { uri, floorDomain } = settings;
  const remoteDir = labHostLayout(host.ssh).vmFloorDir;
  fs.mkdirSync(settings.workDir, { recursive: true, mode: 0o755 });
  const localInitrd = path.join(settings.workDir, "floor-initramfs.cpio");
  await buildFloorInitramfs(settings.workDir, localInitrd);
  const initrdPath = path.posix.join(remoteDir, "floor-initramfs.cpio");
  await ensureFilesOnLabHost(host, [{ local: localInitrd, remote: initrdPath }], () => {});
  const stackXml = (await checked(host.run(["virsh", "-c", uri, "dumpxml", "--inactive", settings.stackDomain]))).stdout;
  const stackConsoleLog = serialLogPath(stackXml);
  if (!stackConsoleLog) throw new Error(`${settings.stackDomain} has no serial console file to put the floor's beside`);
  const consoleLogPath = path.posix.join(path.posix.dirname(stackConsoleLog), "floor.log");
  const xmlPath = path.posix.join(remoteDir, "floor-domain.xml");
  await checked(host.run(["sh", "-c", 'cat > "$1"', "sh", xmlPath], { input: floorDomainXml(stackXml, { name: floorDomain, initrdPath, consoleLogPath }) }));
  const samplesMs: number[] = [];
  const guestUptimeMs: number[] = [];
  try {
    for (let sample = 0; sample < samples; sample += 1) {
      const boot = await host.run(["sh", "-c", labHostFloorBoot, "sh", uri, xmlPath, consoleLogPath, floorMarker, String(Math.ceil(settings.timeoutMs / 1000))], { asRoot: true, nothrow: true });
      if (!boot.ok) throw new Error(`the VM floor (${floorDomain}) did not reach its init on ${host.description} within ${settings.timeoutMs / 1000} s (exit ${boot.exitCode}); its console: ${consoleLogPath}`);
      const [micros, ...consoleLines] = boot.stdout.split("\n");
      samplesMs.push(Number(micros) / 1000);
      const uptime = guestUptimeMsFrom(consoleLines.join("\n"));
      if (uptime !== undefined) guestUptimeMs.push(uptime);
      const poweredOff = await retry(150, 200, async () => {
        if (!(await domainGone(uri, floorDomain, host))) throw new Error(`${floorDomain} still runs`);
      }).then(() => true, () => false);
      if (!poweredOff) throw new Error(`the VM floor (${floorDomain}) printed its line but did not power off within 30 s`);
    }
  } finally {
    if (!(await domainGone(uri, floorDomain, host))) await host.run(["virsh", "-c", uri, "destroy", floorDomain], { nothrow: true });
    await host.run(["rm", "-rf", consoleLogPath, remoteDir], { asRoot: true, nothrow: true });
  }
  return {
    samplesMs,
    guestUptimeMs,
    method: `on the lab host ${host.description} (timed there, the console looked at every 20 ms): virsh create of a transient domain with the settings of ${settings.stackDomain} less its disks and NIC, booting the lab's kernel (${floorKernelCmdline}) into a busybox initramfs whose init prints one line and powers off, until that line was on the serial console`,
  };
}

/** Boots the floor `samples` times; each sample times `virsh create` until the init's line is on the console. */
export async function measureVmFloor(settings: VmFloorSettings, samples: number, host: LabHost = localLabHost()): Promise<VmFloor> {
  if (host.ssh !== undefined) return measureVmFloorOn(host, settings, samples);
  const { uri, floorDomain } = settings;
  fs.mkdirSync(settings.workDir, { recursive: true, mode: 0o755 });
  const initrdPath = path.join(settings.workDir, "floor-initramfs.cpio");
  await buildFloorInitramfs(settings.workDir, initrdPath);
  const stackXml = (await checked($({ quiet: true })`virsh -c ${uri} dumpxml --inactive ${settings.stackDomain}`)).stdout;
  const stackConsoleLog = serialLogPath(stackXml);
  if (!stackConsoleLog) throw new Error(`${settings.stackDomain} has no serial console file to put the floor's beside`);
  // Beside the stack's own console logs: a folder QEMU may write to.
  const consoleLogPath = path.join(path.dirname(stackConsoleLog), "floor.log");
  const xmlPath = path.join(settings.workDir, "floor-domain.xml");
  fs.writeFileSync(xmlPath, floorDomainXml(stackXml, { name: floorDomain, initrdPath, consoleLogPath }));
  const samplesMs: number[] = [];
  const guestUptimeMs: number[] = [];
  try {
    for (let sample = 0; sample < samples; sample += 1) {
      fs.rmSync(consoleLogPath, { force: true });
      const watch = watchConsole(consoleLogPath, { initReached: new RegExp(floorMarker) });
      const started = performance.now();
      try {
        await checked($({ quiet: true })`virsh -c ${uri} create ${xmlPath}`);
        const reached = () => {
          if (watch.times.milestones.initReached === undefined) throw new Error(`the floor's init line is not on ${consoleLogPath} yet`);
          return watch.times.milestones.initReached;
        };
        const reachedAt = await retry(Math.ceil(settings.timeoutMs / 20), 20, reached).catch(() => {
          throw new Error(`the VM floor (${floorDomain}) did not reach its init within ${settings.timeoutMs / 1000} s; its console: ${consoleLogPath}`);
        });
        samplesMs.push(reachedAt - started);
        const uptime = guestUptimeMsFrom(watch.times.text);
        if (uptime !== undefined) guestUptimeMs.push(uptime);
        const poweredOff = await retry(150, 200, async () => {
          if (!(await domainGone(uri, floorDomain))) throw new Error(`${floorDomain} still runs`);
        }).then(() => true, () => false);
        if (!poweredOff) throw new Error(`the VM floor (${floorDomain}) printed its line but did not power off within 30 s`);
      } finally {
        watch.stop();
      }
    }
  } finally {
    if (!(await domainGone(uri, floorDomain))) await $({ nothrow: true, quiet: true })`virsh -c ${uri} destroy ${floorDomain}`;
    fs.rmSync(consoleLogPath, { force: true });
  }
  return {
    samplesMs,
    guestUptimeMs,
    method: `virsh create of a transient domain with the settings of ${settings.stackDomain} less its disks and NIC, booting the lab's kernel (${floorKernelCmdline}) into a busybox initramfs whose init prints one line and powers off, until that line was on the serial console`,
  };
}
