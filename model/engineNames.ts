import { createHash } from "node:crypto";
import { appNames, apps, type AppName } from "./catalog/apps";

/**
 * The names a stack's objects get on their engines, derived from the stack's name prefix in one place: the
 * components name what they create with them, and the lab's leftover sweep finds what a failed run left by them.
 */

/** Label (Docker) and metadata (libvirt) key whose value is the stack that made the object. */
export const stackMarkerKey = "vm-container-lab.stack";
/** Namespace of the lab's element in a libvirt domain's <metadata>. */
export const libvirtMetadataNamespace = "urn:vm-container-lab:metadata";

/** The virtio channel on which a VM's QEMU guest agent answers libvirt. */
export const guestAgentChannel = "org.qemu.guest_agent.0";

export interface DockerEngineNames {
  containers: Record<AppName, string>;
  /** Tuned profile: the container holding each app's network namespace, which the app's container joins. */
  netnsHolders: Record<AppName, string>;
  network: string;
  /** The lab network's bridge device on the host. */
  bridge: string;
  /** The data volume of each app that keeps data (the catalog's dataDir). */
  volumes: Partial<Record<AppName, string>>;
}

export function dockerEngineNames(namePrefix: string): DockerEngineNames {
  return {
    containers: Object.fromEntries(appNames.map((app) => [app, `${namePrefix}-${app}`])) as Record<AppName, string>,
    netnsHolders: Object.fromEntries(appNames.map((app) => [app, `${namePrefix}-${app}-netns`])) as Record<AppName, string>,
    network: `${namePrefix}-net`,
    bridge: bridgeName(namePrefix),
    volumes: Object.fromEntries(appNames.filter((app) => apps[app].container.dataDir !== undefined).map((app) => [app, `${namePrefix}-${app}-data`])),
  };
}

export interface LibvirtEngineNames {
  domains: Record<AppName, string>;
  /** The transient domain that measures the VM floor (the lab's kernel to a one-line init). */
  floorDomain: string;
  network: string;
  /** The network's bridge device on the host. */
  bridge: string;
  pool: string;
  /** MAC of each VM's network interface. */
  macs: Record<AppName, string>;
}

/** The bridge device of the stack's network: PREFIX-br, or (beyond Linux's 15 characters) a shortened prefix with a hash of the whole. */
export function bridgeName(namePrefix: string): string {
  const plain = `${namePrefix}-br`;
  if (plain.length <= 15) return plain;
  const hash = createHash("sha256").update(namePrefix).digest("hex").slice(0, 4);
  return `${namePrefix.slice(0, 8)}${hash}-br`;
}

/** A locally administered MAC in QEMU's 52:54:00 range, the same for the same prefix and app every time. */
export function macAddress(namePrefix: string, app: AppName): string {
  const bytes = createHash("sha256").update(`${namePrefix}/${app}`).digest("hex").slice(0, 6);
  return `52:54:00:${bytes.slice(0, 2)}:${bytes.slice(2, 4)}:${bytes.slice(4, 6)}`;
}

/** Most density copies of one stack: their addresses run from .20 to .254 of a /24. */
export const densityCopyLimit = 235;

/** The extra copies of the db app that `npm run density` starts, and what it makes for them. */
export interface DensityEngineNames {
  /** Container or domain name of copy `index` (1 to densityCopyLimit). */
  copy: (index: number) => string;
  /** Whether a container or domain name is one of the stack's copies. */
  isCopy: (name: string) => boolean;
  /** Docker: the copies' own network and its bridge device on the host. */
  network: string;
  bridge: string;
  /** libvirt: MAC of copy `index`'s NIC: 52:54:00, two bytes of the prefix's hash, the index. */
  mac: (index: number) => string;
}

export function densityEngineNames(namePrefix: string): DensityEngineNames {
  const copyPattern = new RegExp(`^${namePrefix}-density-\\d+$`);
  const prefixBytes = createHash("sha256").update(`${namePrefix}/density`).digest("hex").slice(0, 4);
  const inRange = (index: number) => {
    if (!Number.isInteger(index) || index < 1 || index > densityCopyLimit) throw new RangeError(`density copy ${index} is not from 1 to ${densityCopyLimit}`);
    return index;
  };
  return {
    copy: (index) => `${namePrefix}-density-${inRange(index)}`,
    isCopy: (name) => copyPattern.test(name),
    network: `${namePrefix}-density-net`,
    bridge: bridgeName(`${namePrefix}-density`),
    mac: (index) => `52:54:00:${prefixBytes.slice(0, 2)}:${prefixBytes.slice(2, 4)}:${inRange(index).toString(16).padStart(2, "0")}`,
  };
}

/** libvirt gives a VM's host-side tap device the guest's MAC with the first byte set to fe. */
export function tapMacAddress(guestMac: string): string {
  return `fe${guestMac.slice(2)}`;
}

export function libvirtEngineNames(namePrefix: string): LibvirtEngineNames {
  return {
    domains: Object.fromEntries(appNames.map((app) => [app, `${namePrefix}-${app}`])) as Record<AppName, string>,
    floorDomain: `${namePrefix}-floor`,
    network: `${namePrefix}-net`,
    bridge: bridgeName(namePrefix),
    pool: `${namePrefix}-pool`,
    macs: Object.fromEntries(appNames.map((app) => [app, macAddress(namePrefix, app)])) as Record<AppName, string>,
  };
}
