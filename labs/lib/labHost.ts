import * as fs from "node:fs";
import { $, type ProcessPromise } from "zx";
import { describeSshTarget, sshClientOptions, sshDestination, sshTargetOfDockerHost, sshTargetOfLibvirtUri, type SshTarget } from "../../model/sshTarget";
import { checked } from "./shell";

export interface HostRunOptions {
  /** Resolve with a failed ProcessOutput instead of rejecting (probes). */
  nothrow?: boolean;
  /** Kill the command (SIGKILL) after this long. */
  timeoutMs?: number;
  /** Written to the command's stdin. */
  input?: string | Buffer;
}

/**
 * The machine the stack's engines run on, where every host-side command of a measurement runs (/proc, cgroups, du,
 * qemu-img, docker and virsh): this machine, or a lab host reached over ssh. Callers give argv; it is run through zx
 * with the lab's conventions (quiet, SIGKILL on timeout, nothrow for probes).
 */
export interface LabHost {
  /** "this machine" or USER@HOST[:PORT]. */
  readonly description: string;
  /** Set when the lab host is reached over ssh. */
  readonly ssh?: SshTarget;
  /** How many commands (file reads included) ran on the lab host through this runner. */
  readonly commandsRun: number;
  run(argv: readonly string[], options?: HostRunOptions): ProcessPromise;
  readFile(file: string): Promise<string>;
  fileExists(file: string): Promise<boolean>;
  /** Ends what the runner keeps open (the ssh connection it shares between commands). */
  close(): Promise<void>;
}

/** A word as a POSIX shell reads it back unchanged: plain when it is safe, single-quoted otherwise. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One command line for the remote shell that runs `argv` word for word (ssh joins its arguments with spaces). */
export function remoteCommandLine(argv: readonly string[]): string {
  return argv.map(shellWord).join(" ");
}

function zxOptions(options: HostRunOptions = {}) {
  return {
    quiet: true,
    nothrow: options.nothrow ?? false,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, timeoutSignal: "SIGKILL" as const }),
    ...(options.input === undefined ? {} : { input: options.input }),
  };
}

export function localLabHost(): LabHost {
  let commandsRun = 0;
  return {
    description: "this machine",
    get commandsRun() {
      return commandsRun;
    },
    run(argv, options) {
      commandsRun += 1;
      return $(zxOptions(options))`${argv}`;
    },
    async readFile(file) {
      commandsRun += 1;
      return fs.promises.readFile(file, "utf8");
    },
    async fileExists(file) {
      commandsRun += 1;
      return fs.existsSync(file);
    },
    async close() {},
  };
}

/**
 * The ssh options of one runner: its target's, plus one shared connection (ControlMaster) so that the many short
 * commands of a measurement do not each pay a login; the connection ends 30 s after its last command, or at close().
 */
export function sshRunnerOptions(target: SshTarget, controlPath: string): string[] {
  return [...sshClientOptions(target), "-o", "ControlMaster=auto", "-o", `ControlPath=${controlPath}`, "-o", "ControlPersist=30"];
}

export function sshLabHost(target: SshTarget): LabHost {
  // A short path: a unix socket's path is limited to 108 bytes, and %C is a hash of the connection.
  const options = sshRunnerOptions(target, "/tmp/vmcl-ssh-%C");
  const destination = sshDestination(target);
  let commandsRun = 0;
  const run = (argv: readonly string[], runOptions?: HostRunOptions): ProcessPromise => {
    commandsRun += 1;
    return $(zxOptions(runOptions))`ssh ${options} ${destination} -- ${remoteCommandLine(argv)}`;
  };
  return {
    description: describeSshTarget(target),
    ssh: target,
    get commandsRun() {
      return commandsRun;
    },
    run,
    async readFile(file) {
      return (await checked(run(["cat", "--", file]))).stdout;
    },
    async fileExists(file) {
      return (await run(["test", "-e", file], { nothrow: true })).ok;
    },
    async close() {
      await $({ quiet: true, nothrow: true, timeout: 10_000, timeoutSignal: "SIGKILL" })`ssh ${options} -O exit ${destination}`;
    },
  };
}

/** The lab host a Docker host URL or libvirt URI puts the stack on: over ssh for ssh:// and qemu+ssh://, else this machine. */
export function labHostFor(engineUrl: { dockerHost: string } | { libvirtUri: string }): LabHost {
  const target = "dockerHost" in engineUrl ? sshTargetOfDockerHost(engineUrl.dockerHost) : sshTargetOfLibvirtUri(engineUrl.libvirtUri);
  return target === undefined ? localLabHost() : sshLabHost(target);
}
