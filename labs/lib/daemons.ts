import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { $, retry } from "zx";
import { checked } from "./shell";
import { LabError } from "../../model/labError";
import { labPaths } from "./labEnv";
import { runIdVariable } from "./runProcesses";

export const libvirtUri = process.env.LIBVIRT_DEFAULT_URI ?? "qemu:///system";

/** A daemon the lab needs, how to ask whether it answers, and how to start it with and without systemd. */
export interface Daemon {
  name: string;
  /** Command whose exit status 0 means the daemon answers. */
  probe: [string, ...string[]];
  systemdUnits: string[];
  /** Start commands where systemd is not PID 1; each runs detached with its output in the lab's log folder. */
  directStart: { program: string; args: string[]; daemonizesItself: boolean; configFile?: { path: string; content: string } }[];
}

/**
 * libvirtd's settings when the lab starts it itself (no systemd, so no system bus and no polkit). polkit is what lets
 * the libvirt group use qemu:///system on Debian; without it only root could, so the socket's group and mode do it
 * instead: the same people get the same access (a lab host's ssh account in group libvirt, for one).
 */
export const labLibvirtdConfig = {
  path: path.join(labPaths.state, "libvirtd.conf"),
  content: [
    "# Written by the lab's bootstrap for the libvirtd it starts without systemd: group libvirt may use qemu:///system,",
    "# as Debian's polkit rule allows where there is a system bus.",
    'unix_sock_group = "libvirt"',
    'unix_sock_rw_perms = "0770"',
    'auth_unix_rw = "none"',
    "",
  ].join("\n"),
};

export const dockerDaemon: Daemon = {
  name: "Docker engine",
  probe: ["docker", "version", "--format", "{{.Server.Version}}"],
  systemdUnits: ["docker"],
  directStart: [{ program: "dockerd", args: [], daemonizesItself: false }],
};

export const libvirtDaemon: Daemon = {
  name: "libvirt daemon",
  probe: ["virsh", "-c", libvirtUri, "uri"],
  systemdUnits: ["virtlogd", "libvirtd"],
  directStart: [
    { program: "virtlogd", args: ["--daemon"], daemonizesItself: true },
    { program: "libvirtd", args: ["--daemon", "--config", labLibvirtdConfig.path], daemonizesItself: true, configFile: labLibvirtdConfig },
  ],
};

export async function daemonAnswers(daemon: Daemon, timeoutMs = 10_000): Promise<boolean> {
  return (await $({ nothrow: true, quiet: true, timeout: timeoutMs, timeoutSignal: "SIGKILL" })`${daemon.probe}`).ok;
}

export function systemdIsInit(): boolean {
  try {
    return fs.readFileSync("/proc/1/comm", "utf8").trim() === "systemd";
  } catch {
    return false;
  }
}

/** A daemon that stays in the foreground, started and left running: zx's `$` waits for its commands to end, so node's own spawn. */
function startDetached(program: string, args: string[], logFile: string, env: NodeJS.ProcessEnv): void {
  const out = fs.openSync(logFile, "a");
  const child = spawn(program, args, { detached: true, stdio: ["ignore", out, out], env });
  child.unref();
  fs.closeSync(out);
}

/** Whether a process of that program name runs on this host (its /proc/PID/comm). */
export function processRunning(program: string, procDir = "/proc"): boolean {
  return fs.readdirSync(procDir).some((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      return fs.readFileSync(path.join(procDir, entry, "comm"), "utf8").trim() === program.slice(0, 15);
    } catch {
      return false;
    }
  });
}

/** Asks whether the daemon answers, every 250 ms for timeoutMs (the asking itself adds its own time to that). */
async function waitUntilAnswers(daemon: Daemon, timeoutMs: number): Promise<boolean> {
  const intervalMs = 250;
  const deadline = Date.now() + timeoutMs;
  // A probe may hang for seconds, so the attempts are bounded by the deadline as well as by their count.
  const answers = async (): Promise<boolean> => {
    const leftMs = deadline - Date.now();
    if (leftMs <= 0) return false;
    if (!(await daemonAnswers(daemon, Math.min(5_000, leftMs)))) throw new Error(`${daemon.name} does not answer yet`);
    return true;
  };
  return retry(Math.ceil(timeoutMs / intervalMs), intervalMs, answers).catch(() => false);
}

/** Starts a daemon that does not answer (systemd where it is PID 1, otherwise directly) and waits until it does. */
export async function ensureDaemon(daemon: Daemon, log: (line: string) => void): Promise<void> {
  if (await daemonAnswers(daemon)) {
    log(`daemons: ${daemon.name} answers`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new LabError(
      `The ${daemon.name} is not answering and starting it needs root.`,
      `run \`sudo npm run bootstrap\` once (or start ${daemon.systemdUnits.join(" and ")} yourself), then try again.`,
    );
  }
  fs.mkdirSync(labPaths.logs, { recursive: true });
  const logFiles: string[] = [];
  if (systemdIsInit()) {
    log(`daemons: starting ${daemon.systemdUnits.join(", ")} through systemd`);
    await checked($({ quiet: true })`systemctl start ${daemon.systemdUnits}`);
  } else {
    for (const start of daemon.directStart) {
      const logFile = path.join(labPaths.logs, `${start.program}.log`);
      logFiles.push(logFile);
      // One daemon of a pair may have stopped alone (libvirtd, with virtlogd still running): a second copy would refuse to start.
      if (processRunning(start.program)) {
        log(`daemons: ${start.program} is running already`);
        continue;
      }
      log(`daemons: starting ${start.program} (log: ${path.relative(process.cwd(), logFile)})`);
      if (start.configFile) fs.writeFileSync(start.configFile.path, start.configFile.content);
      // A daemon outlives the run that starts it, so it must not carry the run's id: the next run would end it as a leftover.
      const env: NodeJS.ProcessEnv = { ...process.env, LIBVIRT_LOG_OUTPUTS: `3:file:${logFile}` };
      delete env[runIdVariable];
      if (start.daemonizesItself) {
        await checked($({ quiet: true, env, timeout: "30s", timeoutSignal: "SIGKILL" })`${start.program} ${start.args}`);
      } else {
        startDetached(start.program, start.args, logFile, env);
      }
    }
  }
  if (!(await waitUntilAnswers(daemon, 60_000))) {
    const where = logFiles.length > 0 ? `its log ${logFiles.join(", ")}` : `\`journalctl -u ${daemon.systemdUnits.join(" -u ")}\``;
    throw new LabError(`The ${daemon.name} was started but did not answer \`${daemon.probe.join(" ")}\` within 60 s.`, `read ${where} for the cause, fix it, and run \`npm run bootstrap\` again.`);
  }
  log(`daemons: ${daemon.name} answers`);
}
