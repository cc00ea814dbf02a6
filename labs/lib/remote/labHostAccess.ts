import type { ProcessOutput } from "zx";
import { LabError } from "../../../model/labError";
import type { DockerConfig, LibvirtConfig } from "../../../model/labConfig";
import { describeSshTarget, sshDestination, sshTargetOfDockerHost, sshTargetOfLibvirtUri, type SshTarget } from "../../../model/sshTarget";
import { localLabHost, sshLabHost, type LabHost } from "../labHost";

/** Why ssh itself failed (it exits 255), from its stderr; undefined when the remote command ran (and maybe failed). */
export type SshFailure = "unreachable" | "host-key" | "key-refused" | "other";

export function sshFailureOf(output: Pick<ProcessOutput, "exitCode" | "stderr">): SshFailure | undefined {
  if (output.exitCode !== 255) return undefined;
  const stderr = output.stderr;
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(stderr)) return "host-key";
  if (/Permission denied \(|Too many authentication failures|account is locked|not allowed/i.test(stderr)) return "key-refused";
  if (/Connection refused|Connection timed out|timed out|No route to host|Could not resolve hostname|Network is unreachable|Connection closed by|Connection reset/i.test(stderr)) return "unreachable";
  return "other";
}

/** The last line a command printed, for an error message (without its full stop: the message adds its own). */
function lastLine(output: Pick<ProcessOutput, "stdout" | "stderr">): string {
  return ((output.stderr.trim() || output.stdout.trim()).split("\n").filter(Boolean).slice(-1)[0] ?? "no output").replace(/\.$/, "");
}

/** The paragraph for a login that failed: what happened and what fixes it. */
export function sshLoginError(target: SshTarget, failure: SshFailure, output: Pick<ProcessOutput, "stdout" | "stderr">, configKey: string, stackName: string): LabError {
  const where = describeSshTarget(target);
  const said = lastLine(output);
  const port = target.port === undefined ? "" : ` -p ${target.port}`;
  switch (failure) {
    case "unreachable":
      return new LabError(
        `The lab host ${where} (vm-container-lab:${configKey} of stack ${stackName}) cannot be reached over ssh: ${said}. Nothing was created or changed.`,
        `check that sshd runs there and listens on that address and port, or fix the URL: \`npm run pulumi -- config set -s ${stackName} vm-container-lab:${configKey} URL\`.`,
      );
    case "host-key":
      return new LabError(
        `The lab host ${where} is not in this machine's known_hosts (or its host key changed), and the lab never accepts a key unasked: ${said}. Nothing was created or changed.`,
        `check the host key and accept it once with \`ssh${port} ${sshDestination(target)} true\`.`,
      );
    case "key-refused":
      return new LabError(
        `The lab host ${where} refused this machine's ssh key for user ${target.user ?? "(your user name)"}: ${said}. Nothing was created or changed.`,
        `put your public key into that user's ~/.ssh/authorized_keys on the lab host (\`ssh-copy-id${port} ${sshDestination(target)}\`), or load the right key into ssh-agent (\`ssh-add KEYFILE\`); for libvirt URIs, \`?keyfile=PATH\` names the key.`,
      );
    case "other":
      return new LabError(
        `ssh to the lab host ${where} failed: ${said}. Nothing was created or changed.`,
        `run \`ssh -v${port} ${sshDestination(target)} true\` to see why.`,
      );
  }
}

/** What a refused engine command says when the remote user may not use the engine's socket. */
function engineAccessDenied(output: Pick<ProcessOutput, "stderr">): boolean {
  return /permission denied|authentication (failed|unavailable)|Unable to get system bus connection|not authorized|polkit/i.test(output.stderr);
}

/** The remote command the engine check runs, and how its failures read. */
interface EngineCheck {
  argv: string[];
  configKey: "dockerHost" | "libvirtUri";
  engine: string;
  /** The Debian package that gives the command. */
  debianPackage: string;
  /** The fix when the user may not use the engine. */
  accessRemedy: (user: string) => string;
}

const dockerCheck: EngineCheck = {
  // Docker's ssh transport runs `docker system dial-stdio` on the lab host, so the lab host needs the CLI too.
  argv: ["docker", "version", "--format", "{{.Server.Version}}"],
  configKey: "dockerHost",
  engine: "the Docker engine",
  debianPackage: "docker.io",
  accessRemedy: (user) => `on the lab host, add the user to the docker group (\`usermod -aG docker ${user}\`) and log in again.`,
};

const libvirtCheck: EngineCheck = {
  argv: ["virsh", "-c", "qemu:///system", "uri"],
  configKey: "libvirtUri",
  engine: "libvirt (qemu:///system)",
  debianPackage: "libvirt-clients",
  accessRemedy: (user) =>
    `on the lab host, add the user to the libvirt group (\`usermod -aG libvirt ${user}\`); libvirtd lets that group in through polkit, which needs a running system bus: without one, set \`unix_sock_group = "libvirt"\`, \`unix_sock_rw_perms = "0770"\` and \`auth_unix_rw = "none"\` in /etc/libvirt/libvirtd.conf and restart libvirtd.`,
};

/** An ssh lab host that answers, whose user may use the engine; refuses with one paragraph and the fix otherwise. */
async function checkedLabHost(target: SshTarget, check: EngineCheck, stackName: string): Promise<LabHost> {
  const probe = sshLabHost(target);
  const login = await probe.run(["id", "-u"], { nothrow: true, timeoutMs: 30_000 });
  const loginFailure = sshFailureOf(login);
  if (loginFailure !== undefined || login.exitCode === null) {
    await probe.close();
    throw sshLoginError(target, loginFailure ?? "unreachable", login, check.configKey, stackName);
  }
  const engine = await probe.run(check.argv, { nothrow: true, timeoutMs: 30_000 });
  const where = describeSshTarget(target);
  if (!engine.ok) {
    await probe.close();
    if (engine.exitCode === 127) {
      throw new LabError(
        `The lab host ${where} has no \`${check.argv[0]}\` command, which the lab runs there to reach ${check.engine} and to measure. Nothing was created or changed.`,
        `install it on the lab host (\`apt-get install ${check.debianPackage}\` on Debian).`,
      );
    }
    throw new LabError(
      `User ${target.user ?? "(your user name)"} on the lab host ${where} cannot use ${check.engine}: ${lastLine(engine)}. Nothing was created or changed.`,
      engineAccessDenied(engine) ? check.accessRemedy(target.user ?? "USER") : `run \`ssh ${sshDestination(target)} ${check.argv.join(" ")}\` to see why, and start ${check.engine} there.`,
    );
  }
  const isRoot = login.stdout.trim() === "0";
  // Measuring reads other users' /proc files as root through sudo's cat: it must run without a password.
  const sudo = isRoot ? undefined : await probe.run(["sudo", "-n", "--", "cat", "/proc/self/stat"], { nothrow: true, timeoutMs: 30_000 });
  await probe.close();
  return sshLabHost({ ...target, user: isRoot ? "root" : target.user }, isRoot || !sudo?.ok ? [] : ["sudo", "-n", "--"]);
}

/** Where a stack's engine is: a stack's settings, or what a deployed stack's outputs and config say. */
export type StackEngine = Pick<DockerConfig, "platform" | "dockerHost"> | Pick<LibvirtConfig, "platform" | "libvirtUri">;

/** The ssh target a stack's engine URL names; undefined when the stack is on this machine. */
export function stackSshTarget(settings: StackEngine): SshTarget | undefined {
  return settings.platform === "docker" ? sshTargetOfDockerHost(settings.dockerHost) : sshTargetOfLibvirtUri(settings.libvirtUri);
}

/**
 * The lab host of a stack, checked: this machine for local engines; over ssh, a host that answers, whose user may use
 * the engine (and measures as root where it is root or has passwordless sudo).
 */
export async function openLabHost(settings: StackEngine, stackName: string): Promise<LabHost> {
  const target = stackSshTarget(settings);
  if (target === undefined) return localLabHost();
  return checkedLabHost(target, settings.platform === "docker" ? dockerCheck : libvirtCheck, stackName);
}

/** The commands a lab host's user must be allowed to run as root through sudo for a measurement. */
export const measuringRootCommands = ["/usr/bin/cat", "/usr/bin/test", "/usr/bin/du", "/usr/bin/qemu-img", "/usr/bin/sh"];

/**
 * The lab host of a deployed stack, to measure on, from the engine URL its configuration gives (a DeployedStack's
 * dockerHost or libvirtUri): refused when its user can read no other user's /proc files and no Docker storage.
 */
export async function openDeployedLabHost(deployed: { dockerHost?: string; libvirtUri?: string }, stackName: string): Promise<LabHost> {
  const engine: StackEngine = deployed.dockerHost !== undefined ? { platform: "docker", dockerHost: deployed.dockerHost } : { platform: "libvirt", libvirtUri: deployed.libvirtUri ?? "qemu:///system" };
  const host = await openLabHost(engine, stackName);
  if (host.runsAsRoot || host.ssh === undefined) return host;
  await host.close();
  const user = host.ssh.user ?? "USER";
  throw new LabError(
    `Measuring stack ${stackName} on the lab host ${host.description} reads the instances' /proc files (PSS), Docker's storage and the VMs' disks as root, and ${user} there is neither root nor allowed passwordless sudo. Nothing was measured.`,
    `on the lab host, allow ${user} these commands through sudo without a password (\`echo '${user} ALL=(root) NOPASSWD: ${measuringRootCommands.join(", ")}' > /etc/sudoers.d/vm-container-lab\`), or reach the lab host as root.`,
  );
}
