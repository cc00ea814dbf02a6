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

/** A stack's configuration after validation: every value typed, in range, with its default filled in. */
export interface LabConfig {
  platform: PlatformName;
  /** Prefix of every engine-side name (containers, networks, domains), so two stacks never collide. */
  namePrefix: string;
  /** 127.0.0.1 port on which the host reaches each app. */
  hostPorts: Record<AppName, number>;
  /** Memory of each instance: the container's limit or the VM's RAM. */
  memoryMiB: Record<AppName, number>;
  docker: { host: string; restartPolicy: ContainerRestartPolicy };
}

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

/** Validates a stack's configuration; throws ConfigError naming the first bad key. */
export function parseLabConfig(source: ConfigSource): LabConfig {
  const platform = oneOf("platform", source.get("platform"), platformNames);
  const namePrefix = source.get("namePrefix") ?? `vmcl-${platform}`;
  if (!/^[a-z][a-z0-9-]{0,23}$/.test(namePrefix)) throw new ConfigError("namePrefix", namePrefix, "1 to 24 lowercase letters, digits or dashes, starting with a letter");

  const hostPorts = perApp("hostPorts", source.getObject("hostPorts"), (port) => port >= 1024 && port <= 65535, "an integer port from 1024 to 65535");
  const ports = appNames.map((app) => hostPorts[app]);
  if (new Set(ports).size !== ports.length) throw new ConfigError("hostPorts", hostPorts, "a different port for each app");

  const range = memoryRangeMiB[platform];
  const memoryMiB = perApp("memoryMiB", source.getObject("memoryMiB"), (mib) => mib >= range.min && mib <= range.max, `an integer from ${range.min} to ${range.max} (MiB) on ${platform}`);

  const dockerHost = source.get("dockerHost") ?? "unix:///var/run/docker.sock";
  if (!/^(unix|tcp|ssh):\/\/\S+$/.test(dockerHost)) throw new ConfigError("dockerHost", dockerHost, "a Docker host URL: unix:///path, tcp://host:port or ssh://user@host");
  const restartPolicy = oneOf("restartPolicy", source.get("restartPolicy"), restartPolicies, "unless-stopped");

  return { platform, namePrefix, hostPorts, memoryMiB, docker: { host: dockerHost, restartPolicy } };
}
