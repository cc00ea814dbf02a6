/**
 * How an instance is confined on the host, assembled from what the kernel and the engines report: pure functions of
 * /proc/PID/status, `docker inspect` and QEMU's command line, so that both platforms end in the same shape.
 */
import type { DockerContainer } from "./dockerParsers";
import type { ProcStatus } from "./procParsers";
import type { Confinement } from "./resultsSchema";

/** Capability names by bit, as include/uapi/linux/capability.h numbers and names them (and `docker inspect` shows them). */
export const capabilityNames: readonly string[] = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
  "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
  "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
  "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
  "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
  "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
];

/**
 * The capabilities set in a mask as /proc/PID/status prints it (`CapEff: 00000000a80425fb`), lowest bit first.
 * A bit newer than this table comes back as "CAP_<bit>" (as capsh names it), so nothing the kernel grants goes unreported.
 */
export function decodeCapabilities(hexMask: string): string[] {
  const text = hexMask.trim();
  if (!/^[0-9a-fA-F]{1,16}$/.test(text)) throw new Error(`not a capability mask: ${JSON.stringify(hexMask)}`);
  const mask = BigInt(`0x${text}`);
  const names: string[] = [];
  for (let bit = 0; bit < 64; bit += 1) {
    if ((mask >> BigInt(bit)) & 1n) names.push(capabilityNames[bit] ?? `CAP_${bit}`);
  }
  return names;
}

/** The name of a user id in a passwd file's text, or undefined when no line has it. */
export function userNameOf(uid: number, passwdText: string): string | undefined {
  for (const line of passwdText.split("\n")) {
    const [name, , id] = line.split(":");
    if (name && id !== undefined && /^\d+$/.test(id) && Number(id) === uid) return name;
  }
  return undefined;
}

/** "redis (uid 101)"; "uid 101" when the passwd file does not name it. */
function userText(uid: number, passwdText: string): string {
  const name = userNameOf(uid, passwdText);
  return name === undefined ? `uid ${uid}` : `${name} (uid ${uid})`;
}

/** Seccomp as /proc/PID/status gives its mode (0 none, 1 strict, 2 filter), with the profile that set a filter where known. */
export function seccompText(mode: number, profile: string | undefined): string {
  if (mode === 0) return "none";
  if (mode === 1) return "strict";
  return profile === undefined ? "filter" : `filter: ${profile}`;
}

/** Which seccomp profile Docker applied: the `seccomp=` security option, or the engine's default profile without one. */
export function dockerSeccompProfile(securityOpts: readonly string[]): string {
  const option = securityOpts.find((opt) => /^seccomp[=:]/.test(opt));
  if (option === undefined) return "Docker's default profile";
  const value = option.slice("seccomp=".length);
  return value === "unconfined" ? "unconfined" : "custom profile";
}

/** What the host kernel says of an instance's main process (a container's PID 1, a VM's QEMU), on both platforms alike. */
function processFacts(status: ProcStatus, passwdText: string): Pick<Confinement, "process" | "user" | "uid" | "capabilities" | "noNewPrivileges"> {
  return {
    process: status.name,
    user: userText(status.uids.effective, passwdText),
    uid: status.uids.effective,
    capabilities: decodeCapabilities(status.capEff),
    noNewPrivileges: status.noNewPrivs,
  };
}

/** A container's confinement: its main process as the host kernel sees it, and the engine's settings for the rest. */
export function containerConfinement(container: DockerContainer, status: ProcStatus, passwdText: string): Confinement {
  return {
    ...processFacts(status, passwdText),
    seccomp: seccompText(status.seccompMode, dockerSeccompProfile(container.securityOpts)),
    readOnlyRootFs: container.readOnlyRootFs,
    pidsLimit: container.pidsLimit,
    kernel: "host",
    accelerator: "native",
    method:
      "/proc/PID/status of the container's main process (Uid, CapEff, NoNewPrivs, Seccomp), its user named by the container's own /etc/passwd; read-only root, seccomp profile and pids limit from docker inspect",
  };
}

/** What runs a QEMU guest's CPU, from QEMU's command line: `-accel kvm|tcg`, `-machine …,accel=…` or `-enable-kvm`. */
export function qemuAccelerator(argv: readonly string[]): "kvm" | "tcg" | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === "-enable-kvm") return "kvm";
    const value = argv[index + 1] ?? "";
    const named = argv[index] === "-accel" ? value.split(",")[0] : argv[index] === "-machine" ? /(?:^|,)accel=([a-z]+)/.exec(value)?.[1] : undefined;
    if (named === "kvm" || named === "tcg") return named;
  }
  return undefined;
}

/** The value of QEMU's `-sandbox` option (its seccomp filter), e.g. "on,obsolete=deny,elevateprivileges=deny". */
export function qemuSandbox(argv: readonly string[]): string | undefined {
  const index = argv.indexOf("-sandbox");
  return index >= 0 ? argv[index + 1] : undefined;
}

/** A VM's confinement: its QEMU process as the host kernel sees it, running the guest's own kernel. */
export function vmConfinement(argv: readonly string[], status: ProcStatus, passwdText: string): Confinement {
  const accelerator = qemuAccelerator(argv);
  if (accelerator === undefined) throw new Error(`no accelerator on the QEMU command line: ${argv.slice(0, 6).join(" ")} …`);
  const sandbox = qemuSandbox(argv);
  return {
    ...processFacts(status, passwdText),
    seccomp: seccompText(status.seccompMode, sandbox === undefined ? undefined : `QEMU -sandbox ${sandbox}`),
    kernel: "own",
    accelerator,
    method: "/proc/PID/status of the domain's QEMU process (Uid, CapEff, NoNewPrivs, Seccomp), its user named by the host's /etc/passwd; accelerator and sandbox from its command line",
  };
}
