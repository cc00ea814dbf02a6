import { LabError } from "./labError";
import { appNames, type AppName } from "./catalog/apps";
import { bootProfiles, type BootProfile } from "./bootProfile";

export const platformNames = ["docker", "libvirt"] as const;
export type PlatformName = (typeof platformNames)[number];

export const restartPolicies = ["no", "unless-stopped", "always", "on-failure"] as const;
export type ContainerRestartPolicy = (typeof restartPolicies)[number];

/** Allowed guest or container memory per platform, in MiB: below the minimum the apps do not start. */
export const memoryRangeMiB: Record<PlatformName, { min: number; max: number }> = {
  docker: { min: 16, max: 4096 },
  libvirt: { min: 256, max: 8192 },
};

export const accelerators = ["auto", "kvm", "tcg"] as const;
export type AcceleratorSetting = (typeof accelerators)[number];

export const diskModes = ["overlay", "full-copy"] as const;
/** overlay: each VM disk is a copy-on-write qcow2 backed by the golden image; full-copy: each VM gets its own copy. */
export type DiskMode = (typeof diskModes)[number];

interface CommonConfig {
  /** Prefix of every engine-side name (containers, networks, domains), so two stacks never collide. */
  namePrefix: string;
  /** Memory of each instance: the container's limit or the VM's RAM. */
  memoryMiB: Record<AppName, number>;
}

export interface DockerConfig extends CommonConfig {
  platform: "docker";
  /** 127.0.0.1 port on which the host reaches each app. */
  hostPorts: Record<AppName, number>;
  dockerHost: string;
  restartPolicy: ContainerRestartPolicy;
  /** How the containers start: typical (ports published on 127.0.0.1 through Docker's proxy) or tuned (no published port: the host reaches each app on the lab network's bridge). */
  containerProfile: BootProfile;
  /** The lab network's /24: the host is its gateway, the apps get fixed addresses from .11. */
  containerSubnet: string;
}

export interface LibvirtConfig extends CommonConfig {
  platform: "libvirt";
  libvirtUri: string;
  accelerator: AcceleratorSetting;
  vcpus: number;
  diskMode: DiskMode;
  /** Host-only /24 network of the VMs: the host is .1, the apps get fixed addresses from .11. */
  hostOnlySubnet: string;
  /** Bound on QEMU's TCG translation cache, so memory figures do not measure the JIT. */
  tcgTranslationCacheMiB: number;
  /** How the VMs boot: typical (initramfs, systemd, the app's unit) or tuned (quiet kernel, lab-init starts only the app). */
  vmProfile: BootProfile;
}

/** A stack's configuration after validation: every value typed, in range, with its default filled in. */
export type LabConfig = DockerConfig | LibvirtConfig;

/** The boot profile a stack's settings ask for: containerProfile on docker, vmProfile on libvirt. */
export function profileOf(settings: LabConfig): BootProfile {
  return settings.platform === "docker" ? settings.containerProfile : settings.vmProfile;
}

/**
 * Whether an up must take the deployed stack down before it applies `settings`. A docker stack that changes profile
 * must: the tuned profile gives each app's fixed address to a network-namespace holder, which Pulumi creates while the
 * typical profile's container still holds that address (and the other way round), so the engine refuses it. A libvirt
 * stack's domains are replaced in place.
 */
export function profileChangeNeedsFreshStack(settings: LabConfig, deployedProfile: string | undefined): boolean {
  return settings.platform === "docker" && deployedProfile !== undefined && deployedProfile !== settings.containerProfile;
}

/** The lab's command that sets (or, for a key that must go, removes) one key of a stack's configuration. */
export function configFixCommand(stack: string, key: string, fix: "set" | "rm"): string {
  const path = key.includes(".") ? " --path" : "";
  return `npm run pulumi -- config ${fix} -s ${stack}${path} vm-container-lab:${key}${fix === "set" ? " VALUE" : ""}`;
}

/** A bad configuration value: the problem names the key, the value and what is allowed; the remedy the exact command. */
export class ConfigError extends LabError {
  constructor(stack: string, key: string, value: unknown, allowed: string, fix: "set" | "rm" = "set") {
    super(
      `Stack ${stack}: configuration value vm-container-lab:${key} is ${JSON.stringify(value)}; allowed: ${allowed}. Nothing was created or changed.`,
      `\`${configFixCommand(stack, key, fix)}\` (or edit stacks/Pulumi.${stack}.yaml).`,
    );
    this.name = "ConfigError";
  }
}

/** Reads one configuration key: plain strings, or parsed objects for structured keys. */
export interface ConfigSource {
  get(key: string): string | undefined;
  getObject<T>(key: string): T | undefined;
}

function oneOf<T extends string>(stack: string, key: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  const chosen = value ?? fallback;
  if (chosen === undefined || !allowed.includes(chosen as T)) throw new ConfigError(stack, key, value, allowed.join(", "));
  return chosen as T;
}

function perApp(stack: string, key: string, value: Record<string, unknown> | undefined, isValid: (n: number) => boolean, allowed: string): Record<AppName, number> {
  if (value === undefined || typeof value !== "object" || value === null) {
    throw new ConfigError(stack, key, value, `an object with a number for each of ${appNames.join(", ")}`);
  }
  const unknownApps = Object.keys(value).filter((name) => !appNames.includes(name as AppName));
  if (unknownApps.length > 0) throw new ConfigError(stack, `${key}.${unknownApps[0]}`, value[unknownApps[0]], `only the apps ${appNames.join(", ")}`, "rm");
  const result = {} as Record<AppName, number>;
  for (const app of appNames) {
    const entry = value[app];
    if (typeof entry !== "number" || !Number.isInteger(entry) || !isValid(entry)) throw new ConfigError(stack, `${key}.${app}`, entry, allowed);
    result[app] = entry;
  }
  return result;
}

function integerIn(stack: string, key: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new ConfigError(stack, key, value, `an integer from ${min} to ${max}`);
  return parsed;
}

/** Only private /24 networks: the VMs' network is host-only and must not shadow a routed one. */
export function isPrivateSlash24(subnet: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(subnet);
  if (!match) return false;
  const [first, second, third] = match.slice(1).map(Number);
  if ([first, second, third].some((octet) => octet > 255)) return false;
  return first === 10 || (first === 172 && second >= 16 && second <= 31) || (first === 192 && second === 168);
}

function parseDockerConfig(stack: string, source: ConfigSource, common: CommonConfig): DockerConfig {
  const hostPorts = perApp(stack, "hostPorts", source.getObject("hostPorts"), (port) => port >= 1024 && port <= 65535, "an integer port from 1024 to 65535");
  const ports = appNames.map((app) => hostPorts[app]);
  if (new Set(ports).size !== ports.length) throw new ConfigError(stack, "hostPorts", hostPorts, "a different port for each app");
  const dockerHost = source.get("dockerHost") ?? "unix:///var/run/docker.sock";
  if (!/^(unix|tcp|ssh):\/\/\S+$/.test(dockerHost)) throw new ConfigError(stack, "dockerHost", dockerHost, "a Docker host URL: unix:///path, tcp://host:port or ssh://user@host");
  const restartPolicy = oneOf(stack, "restartPolicy", source.get("restartPolicy"), restartPolicies, "unless-stopped");
  const containerProfile = oneOf(stack, "containerProfile", source.get("containerProfile"), bootProfiles, "typical");
  const containerSubnet = source.get("containerSubnet") ?? "10.78.0.0/24";
  if (!isPrivateSlash24(containerSubnet)) throw new ConfigError(stack, "containerSubnet", containerSubnet, "a private /24 written as a.b.c.0/24 (10.x, 172.16-31.x or 192.168.x)");
  return { platform: "docker", ...common, hostPorts, dockerHost, restartPolicy, containerProfile, containerSubnet };
}

function parseLibvirtConfig(stack: string, source: ConfigSource, common: CommonConfig): LibvirtConfig {
  const libvirtUri = source.get("libvirtUri") ?? "qemu:///system";
  if (!/^qemu(\+\w+)?:\/\/\S*\/(system|session)$/.test(libvirtUri)) throw new ConfigError(stack, "libvirtUri", libvirtUri, "a QEMU libvirt URI such as qemu:///system");
  const hostOnlySubnet = source.get("hostOnlySubnet") ?? "10.77.0.0/24";
  if (!isPrivateSlash24(hostOnlySubnet)) throw new ConfigError(stack, "hostOnlySubnet", hostOnlySubnet, "a private /24 written as a.b.c.0/24 (10.x, 172.16-31.x or 192.168.x)");
  return {
    platform: "libvirt",
    ...common,
    libvirtUri,
    accelerator: oneOf(stack, "accelerator", source.get("accelerator"), accelerators, "auto"),
    vcpus: integerIn(stack, "vcpus", source.get("vcpus"), 1, 1, 8),
    diskMode: oneOf(stack, "diskMode", source.get("diskMode"), diskModes, "overlay"),
    hostOnlySubnet,
    tcgTranslationCacheMiB: integerIn(stack, "tcgTranslationCacheMiB", source.get("tcgTranslationCacheMiB"), 64, 16, 1024),
    vmProfile: oneOf(stack, "vmProfile", source.get("vmProfile"), bootProfiles, "typical"),
  };
}

/** Validates the configuration of stack `stack`; throws ConfigError naming the first bad key. */
export function parseLabConfig(source: ConfigSource, stack: string): LabConfig {
  const platform = oneOf(stack, "platform", source.get("platform"), platformNames);
  const namePrefix = source.get("namePrefix") ?? `vmcl-${platform}`;
  if (!/^[a-z][a-z0-9-]{0,23}$/.test(namePrefix)) throw new ConfigError(stack, "namePrefix", namePrefix, "1 to 24 lowercase letters, digits or dashes, starting with a letter");
  const range = memoryRangeMiB[platform];
  const memoryMiB = perApp(stack, "memoryMiB", source.getObject("memoryMiB"), (mib) => mib >= range.min && mib <= range.max, `an integer from ${range.min} to ${range.max} (MiB) on ${platform}`);
  const common = { namePrefix, memoryMiB };
  return platform === "docker" ? parseDockerConfig(stack, source, common) : parseLibvirtConfig(stack, source, common);
}
