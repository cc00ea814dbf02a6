import * as fs from "node:fs";
import * as net from "node:net";
import { $, type ProcessPromise } from "zx";
import type { Endpoint } from "../../model/deployment";
import { describeSshTarget, remoteCommandLine, sshClientOptions, sshDestination, sshTargetOfDockerHost, sshTargetOfLibvirtUri, type SshTarget } from "../../model/sshTarget";
import { checked } from "./shell";

export interface HostRunOptions {
  /** Resolve with a failed ProcessOutput instead of rejecting (probes). */
  nothrow?: boolean;
  /** Kill the command (SIGKILL) after this long. */
  timeoutMs?: number;
  /** Written to the command's stdin. */
  input?: string | Buffer;
  /** Needs root on the lab host (another user's /proc files, Docker's storage): run through `sudo -n` where the ssh user is not root. */
  asRoot?: boolean;
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
  /** Whether `asRoot` commands run as root there (the ssh user is root, or has passwordless sudo; this machine: the lab's own user). */
  readonly runsAsRoot: boolean;
  run(argv: readonly string[], options?: HostRunOptions): ProcessPromise;
  readFile(file: string): Promise<string>;
  fileExists(file: string): Promise<boolean>;
  /**
   * Where this process reaches an instance's endpoint so that the connection is made on the lab host: the endpoint
   * itself on this machine; over ssh, a port on this machine's 127.0.0.1 that the shared connection forwards to it.
   */
  reach(endpoint: Endpoint): Promise<Endpoint>;
  /** Ends what the runner keeps open (the ssh connection it shares between commands, and its forwards). */
  close(): Promise<void>;
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
    runsAsRoot: true,
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
    async reach(endpoint) {
      return endpoint;
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

/** A port on 127.0.0.1 that nothing listens on now. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `becomeRoot`: what runs a command as root on the lab host for an `asRoot` command ([] when the ssh user is root,
 * ["sudo", "-n", "--"] for a user with passwordless sudo); see labHostAccess's openLabHost.
 */
export function sshLabHost(target: SshTarget, becomeRoot: readonly string[] = []): LabHost {
  // A short path: a unix socket's path is limited to 108 bytes, and %C is a hash of the connection.
  const options = sshRunnerOptions(target, "/tmp/vmcl-ssh-%C");
  const destination = sshDestination(target);
  let commandsRun = 0;
  const forwards = new Map<string, Endpoint>();
  const run = (argv: readonly string[], runOptions?: HostRunOptions): ProcessPromise => {
    commandsRun += 1;
    const command = runOptions?.asRoot ? [...becomeRoot, ...argv] : argv;
    return $(zxOptions(runOptions))`ssh ${options} ${destination} -- ${remoteCommandLine(command)}`;
  };
  return {
    description: describeSshTarget(target),
    ssh: target,
    runsAsRoot: target.user === "root" || becomeRoot.length > 0,
    get commandsRun() {
      return commandsRun;
    },
    run,
    async readFile(file) {
      return (await checked(run(["cat", "--", file], { asRoot: true }))).stdout;
    },
    async fileExists(file) {
      return (await run(["test", "-e", file], { nothrow: true, asRoot: true })).ok;
    },
    async reach(endpoint) {
      const key = `${endpoint.host}:${endpoint.port}`;
      const known = forwards.get(key);
      if (known !== undefined) return known;
      // The shared connection must be up before it can take a forward.
      await checked(run(["true"]));
      const port = await freeLocalPort();
      await checked($({ quiet: true, timeout: 30_000, timeoutSignal: "SIGKILL" })`ssh ${options} -O forward -L ${`127.0.0.1:${port}:${key}`} ${destination}`);
      const local: Endpoint = { host: "127.0.0.1", port, via: "lo" };
      forwards.set(key, local);
      return local;
    },
    async close() {
      forwards.clear();
      await $({ quiet: true, nothrow: true, timeout: 10_000, timeoutSignal: "SIGKILL" })`ssh ${options} -O exit ${destination}`;
    },
  };
}

/** The lab host a Docker host URL or libvirt URI puts the stack on: over ssh for ssh:// and qemu+ssh://, else this machine. */
export function labHostFor(engineUrl: { dockerHost: string } | { libvirtUri: string }): LabHost {
  const target = "dockerHost" in engineUrl ? sshTargetOfDockerHost(engineUrl.dockerHost) : sshTargetOfLibvirtUri(engineUrl.libvirtUri);
  return target === undefined ? localLabHost() : sshLabHost(target);
}
