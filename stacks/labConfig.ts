import { appNames, type AppName } from "./catalog/apps";

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
}

/** A stack's configuration after validation: every value typed, in range, with its default filled in. */
export type LabConfig = DockerConfig | LibvirtConfig;

/** A bad configuration value: the message names the key, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(key: string, value: unknown, allowed: string) {
    super(`Configuration value vm-container-lab:${key} is ${JSON.stringify(value)}; allowed: ${allowed}. Fix it in stacks/Pulumi.<stack>.yaml or with \`pulumi config set${key.includes(".") ? " --path" : ""} ${key} VALUE\`.`);
    this.name = "ConfigError";
  }
}

/** Reads one configuration key: plain strings, or parsed objects for structured keys. */
export interface ConfigSource {
  get(key: string): string | undefined;
  getObject<T>(key: string): T | undefined;
}

function oneOf<T extends string>(key: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  const chosen = value ?? fallback;
  if (chosen === undefined || !allowed.includes(chosen as T)) throw new ConfigError(key, value, allowed.join(", "));
  return chosen as T;
}

function perApp(key: string, value: Record<string, unknown> | undefined, isValid: (n: number) => boolean, allowed: string): Record<AppName, number> {
  if (value === undefined || typeof value !== "object" || value === null) {
    throw new ConfigError(key, value, `an object with a number for each of ${appNames.join(", ")}`);
  }
  const unknownApps = Object.keys(value).filter((name) => !appNames.includes(name as AppName));
  if (unknownApps.length > 0) throw new ConfigError(`${key}.${unknownApps[0]}`, value[unknownApps[0]], `only the apps ${appNames.join(", ")}`);
  const result = {} as Record<AppName, number>;
  for (const app of appNames) {
    const entry = value[app];
    if (typeof entry !== "number" || !Number.isInteger(entry) || !isValid(entry)) throw new ConfigError(`${key}.${app}`, entry, allowed);
    result[app] = entry;
  }
  return result;
}

function integerIn(key: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new ConfigError(key, value, `an integer from ${min} to ${max}`);
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

function parseDockerConfig(source: ConfigSource, common: CommonConfig): DockerConfig {
  const hostPorts = perApp("hostPorts", source.getObject("hostPorts"), (port) => port >= 1024 && port <= 65535, "an integer port from 1024 to 65535");
  const ports = appNames.map((app) => hostPorts[app]);
  if (new Set(ports).size !== ports.length) throw new ConfigError("hostPorts", hostPorts, "a different port for each app");
  const dockerHost = source.get("dockerHost") ?? "unix:///var/run/docker.sock";
  if (!/^(unix|tcp|ssh):\/\/\S+$/.test(dockerHost)) throw new ConfigError("dockerHost", dockerHost, "a Docker host URL: unix:///path, tcp://host:port or ssh://user@host");
  const restartPolicy = oneOf("restartPolicy", source.get("restartPolicy"), restartPolicies, "unless-stopped");
  return { platform: "docker", ...common, hostPorts, dockerHost, restartPolicy };
}

function parseLibvirtConfig(source: ConfigSource, common: CommonConfig): LibvirtConfig {
  const libvirtUri = source.get("libvirtUri") ?? "qemu:///system";
  if (!/^qemu(\+\w+)?:\/\/\S*\/(system|session)$/.test(libvirtUri)) throw new ConfigError("libvirtUri", libvirtUri, "a QEMU libvirt URI such as qemu:///system");
  const hostOnlySubnet = source.get("hostOnlySubnet") ?? "10.77.0.0/24";
  if (!isPrivateSlash24(hostOnlySubnet)) throw new ConfigError("hostOnlySubnet", hostOnlySubnet, "a private /24 written as a.b.c.0/24 (10.x, 172.16-31.x or 192.168.x)");
  return {
    platform: "libvirt",
    ...common,
    libvirtUri,
    accelerator: oneOf("accelerator", source.get("accelerator"), accelerators, "auto"),
    vcpus: integerIn("vcpus", source.get("vcpus"), 1, 1, 8),
    diskMode: oneOf("diskMode", source.get("diskMode"), diskModes, "overlay"),
    hostOnlySubnet,
    tcgTranslationCacheMiB: integerIn("tcgTranslationCacheMiB", source.get("tcgTranslationCacheMiB"), 64, 16, 1024),
  };
}

/** Validates a stack's configuration; throws ConfigError naming the first bad key. */
export function parseLabConfig(source: ConfigSource): LabConfig {
  const platform = oneOf("platform", source.get("platform"), platformNames);
  const namePrefix = source.get("namePrefix") ?? `vmcl-${platform}`;
  if (!/^[a-z][a-z0-9-]{0,23}$/.test(namePrefix)) throw new ConfigError("namePrefix", namePrefix, "1 to 24 lowercase letters, digits or dashes, starting with a letter");
  const range = memoryRangeMiB[platform];
  const memoryMiB = perApp("memoryMiB", source.getObject("memoryMiB"), (mib) => mib >= range.min && mib <= range.max, `an integer from ${range.min} to ${range.max} (MiB) on ${platform}`);
  const common = { namePrefix, memoryMiB };
  return platform === "docker" ? parseDockerConfig(source, common) : parseLibvirtConfig(source, common);
}
