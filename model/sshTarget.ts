/**
 * A lab host reached over ssh, as the stack's `dockerHost` (ssh://USER@HOST[:PORT]) or `libvirtUri`
 * (qemu+ssh://USER@HOST[:PORT]/system[?keyfile=PATH&no_verify=1]) names it. The program builds its providers from it
 * and the scripts their remote runner, so both read the same URL the same way.
 */
export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
  /** A libvirt URI's `keyfile=`: the private key to log in with (otherwise ssh's own defaults and agent). */
  keyFile?: string;
  /** A libvirt URI's `no_verify=1`: accept a host key that known_hosts does not hold. */
  noVerify: boolean;
}

function targetOf(url: URL): SshTarget {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    user: url.username === "" ? undefined : decodeURIComponent(url.username),
    host,
    port: url.port === "" ? undefined : Number(url.port),
    keyFile: url.searchParams.get("keyfile") ?? undefined,
    noVerify: ["1", "yes", "true", ""].includes(url.searchParams.get("no_verify") ?? "-"),
  };
}

/** The lab host of a Docker host URL when it is reached over ssh; undefined for unix:// and tcp://. */
export function sshTargetOfDockerHost(dockerHost: string): SshTarget | undefined {
  if (!dockerHost.startsWith("ssh://")) return undefined;
  const target = targetOf(new URL(dockerHost));
  // Docker's ssh URLs carry no parameters, so options belong in the user's ssh configuration.
  return { ...target, keyFile: undefined, noVerify: false };
}

/** The lab host of a libvirt URI when it is reached over ssh (qemu+ssh://); undefined for local and other transports. */
export function sshTargetOfLibvirtUri(libvirtUri: string): SshTarget | undefined {
  const url = new URL(libvirtUri);
  return url.protocol === "qemu+ssh:" && url.hostname !== "" ? targetOf(url) : undefined;
}

/** The URI a qemu+ssh URI's daemon has on the lab host itself (qemu+ssh://lab@host/system → qemu:///system); other URIs unchanged. */
export function libvirtUriOnLabHost(libvirtUri: string): string {
  return sshTargetOfLibvirtUri(libvirtUri) === undefined ? libvirtUri : `qemu://${new URL(libvirtUri).pathname}`;
}

/** USER@HOST, or HOST when the URL names no user. */
export function sshDestination(target: SshTarget): string {
  return target.user === undefined ? target.host : `${target.user}@${target.host}`;
}

/** How the lab names a lab host in its messages and results: USER@HOST[:PORT]. */
export function describeSshTarget(target: SshTarget): string {
  return `${sshDestination(target)}${target.port === undefined ? "" : `:${target.port}`}`;
}

/**
 * Options every ssh the lab starts gets: never ask for a password or a host key (a prompt would hang an unattended
 * run; a refused key fails at once instead), and give up on an unreachable host after 10 s.
 */
export const unattendedSshOptions = ["-o", "BatchMode=yes", "-o", "ConnectTimeout=10"] as const;

/** The ssh client options that reach the target: unattended, its port, its key and host-key rule. */
export function sshClientOptions(target: SshTarget): string[] {
  return [
    ...unattendedSshOptions,
    ...(target.port === undefined ? [] : ["-p", String(target.port)]),
    ...(target.keyFile === undefined ? [] : ["-i", target.keyFile, "-o", "IdentitiesOnly=yes"]),
    ...(target.noVerify ? ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"] : []),
  ];
}

/** A word as a POSIX shell reads it back unchanged: plain when it is safe, single-quoted otherwise. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One command line for the remote shell that runs `argv` word for word (ssh joins its arguments with spaces). */
export function remoteCommandLine(argv: readonly string[]): string {
  return argv.map(shellWord).join(" ");
}
