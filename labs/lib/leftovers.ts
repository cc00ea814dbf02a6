import * as fs from "node:fs";
import { appNames } from "../../model/catalog/apps";
import { densityCopyLimit, densityEngineNames, dockerEngineNames, libvirtEngineNames, libvirtMetadataNamespace, stackMarkerKey, tapMacAddress } from "../../model/engineNames";
import type { DockerConfig, LabConfig, LibvirtConfig } from "../../model/labConfig";
import { $ } from "zx";
import { labPaths } from "./labEnv";
import { checked } from "./shell";
import { labHostFor, type LabHost } from "./labHost";
import { labHostLayout } from "../../model/labHostLayout";

/**
 * What a lab stack can leave on this host when a run fails or is killed, found on the engines themselves by the
 * stack's marker (Docker labels, libvirt metadata, the name prefix) rather than by Pulumi's state.
 */
export const leftoverKinds = [
  "container",
  "docker network",
  "docker volume",
  "domain",
  "libvirt volume",
  "pool",
  "libvirt network",
  "tap",
  "bridge",
  "files",
  /** The stack's folder on a lab host reached over ssh (consoles, pool). */
  "lab host files",
] as const;
export type LeftoverKind = (typeof leftoverKinds)[number];

export interface MarkedObject {
  kind: LeftoverKind;
  /** The engine's name of the object (a path for files). */
  name: string;
}

function lines(text: string): string[] {
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
}

/**
 * `NAME<TAB>LABEL` lines (docker `--format '{{.Name}}\t{{.Label "…"}}'`) → the names marked for the stack or named as
 * its own (listed, or of a kind `isOwn` knows, such as density copies).
 */
export function markedDockerNames(listing: string, stack: string, ownNames: readonly string[], isOwn: (name: string) => boolean = () => false): string[] {
  return lines(listing)
    .map((line) => line.split("\t"))
    .filter(([name, label]) => label === stack || ownNames.includes(name) || isOwn(name))
    .map(([name]) => name);
}

async function dockerListing(settings: DockerConfig, args: string[]): Promise<string> {
  const format = `{{.Name${args[0] === "ps" ? "s" : ""}}}\t{{.Label "${stackMarkerKey}"}}`;
  return (await checked($({ quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`docker -H ${settings.dockerHost} ${args} --format ${format}`)).stdout;
}

async function dockerObjects(settings: DockerConfig, stack: string): Promise<MarkedObject[]> {
  const names = dockerEngineNames(settings.namePrefix);
  const density = densityEngineNames(settings.namePrefix);
  const [containers, networks, volumes] = await Promise.all([
    dockerListing(settings, ["ps", "--all"]),
    dockerListing(settings, ["network", "ls"]),
    dockerListing(settings, ["volume", "ls"]),
  ]);
  return [
    ...markedDockerNames(containers, stack, [...Object.values(names.containers), ...Object.values(names.netnsHolders)], density.isCopy).map((name): MarkedObject => ({ kind: "container", name })),
    ...markedDockerNames(networks, stack, [names.network, density.network]).map((name): MarkedObject => ({ kind: "docker network", name })),
    ...markedDockerNames(volumes, stack, Object.values(names.volumes)).map((name): MarkedObject => ({ kind: "docker volume", name })),
  ];
}

async function virsh(settings: LibvirtConfig, args: string[]): Promise<string> {
  return (await checked($({ quiet: true, timeout: "1m", timeoutSignal: "SIGKILL" })`virsh -c ${settings.libvirtUri} ${args}`)).stdout;
}

/** The stack a domain's lab metadata names, from `virsh metadata DOMAIN URI`. */
export function stackInDomainMetadata(metadata: string): string | undefined {
  return new RegExp(`name="${stackMarkerKey.replace(/\./g, "\\.")}" value="([^"]*)"`).exec(metadata)?.[1];
}

/**
 * The host the stack's VMs run on: this machine, or the lab host over ssh, where their taps, bridge and folder are.
 * No access check here: up's and down's preflight made it.
 */
function vmHost(settings: LibvirtConfig): LabHost {
  return labHostFor({ libvirtUri: settings.libvirtUri });
}

/** `NAME MAC` lines → network devices. */
export function parseDeviceListing(listing: string): { name: string; mac: string }[] {
  return lines(listing).map((line) => {
    const [name, mac = ""] = line.split(/\s+/);
    return { name, mac };
  });
}

async function networkDevicesOn(host: LabHost): Promise<{ name: string; mac: string }[]> {
  if (host.ssh === undefined) return networkDevices();
  const listing = await checked(host.run(["sh", "-c", 'for device in /sys/class/net/*; do echo "${device##*/} $(cat "$device/address" 2>/dev/null)"; done']));
  return parseDeviceListing(listing.stdout);
}

/** Host network devices with their MAC (`/sys/class/net/DEV/address`). */
function networkDevices(): { name: string; mac: string }[] {
  return fs.readdirSync("/sys/class/net").map((name) => {
    try {
      return { name, mac: fs.readFileSync(`/sys/class/net/${name}/address`, "utf8").trim() };
    } catch {
      return { name, mac: "" };
    }
  });
}

async function libvirtObjects(settings: LibvirtConfig, stack: string): Promise<MarkedObject[]> {
  const names = libvirtEngineNames(settings.namePrefix);
  const density = densityEngineNames(settings.namePrefix);
  const ownDomains = [...Object.values(names.domains), names.floorDomain];
  const domains: MarkedObject[] = [];
  for (const domain of lines(await virsh(settings, ["list", "--all", "--name"]))) {
    if (ownDomains.includes(domain) || density.isCopy(domain)) {
      domains.push({ kind: "domain", name: domain });
    } else if (domain.startsWith(`${settings.namePrefix}-`)) {
      const metadata = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`virsh -c ${settings.libvirtUri} metadata ${domain} ${libvirtMetadataNamespace}`;
      if (stackInDomainMetadata(metadata.stdout) === stack) domains.push({ kind: "domain", name: domain });
    }
  }
  const pools = lines(await virsh(settings, ["pool-list", "--all", "--name"])).filter((pool) => pool === names.pool);
  const volumes: MarkedObject[] = [];
  for (const pool of pools) {
    const listing = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`virsh -c ${settings.libvirtUri} vol-list ${pool}`;
    // An inactive pool lists nothing; its files are swept with the stack's folder.
    if (listing.ok) volumes.push(...lines(listing.stdout).slice(2).map((line): MarkedObject => ({ kind: "libvirt volume", name: line.split(/\s+/)[0] })));
  }
  const networks = lines(await virsh(settings, ["net-list", "--all", "--name"])).filter((network) => network === names.network);
  const densityMacs = Array.from({ length: densityCopyLimit }, (_, offset) => density.mac(offset + 1));
  const tapMacs = [...appNames.map((app) => names.macs[app]), ...densityMacs].map(tapMacAddress);
  const host = vmHost(settings);
  const devices = await networkDevicesOn(host);
  const stateDir = labPaths.libvirtStateDir(settings.namePrefix);
  const labHostDir = host.ssh === undefined ? undefined : labHostLayout(host.ssh).libvirtStateDir(settings.namePrefix);
  const labHostFiles = labHostDir !== undefined && (await host.fileExists(labHostDir)) ? [{ kind: "lab host files", name: labHostDir } as MarkedObject] : [];
  await host.close();
  return [
    ...domains,
    ...volumes,
    ...pools.map((name): MarkedObject => ({ kind: "pool", name })),
    ...networks.map((name): MarkedObject => ({ kind: "libvirt network", name })),
    ...devices.filter((device) => tapMacs.includes(device.mac)).map((device): MarkedObject => ({ kind: "tap", name: device.name })),
    ...devices.filter((device) => device.name === names.bridge).map((device): MarkedObject => ({ kind: "bridge", name: device.name })),
    ...(fs.existsSync(stateDir) ? [{ kind: "files", name: stateDir } as MarkedObject] : []),
    ...labHostFiles,
  ];
}

/** Everything on this host that carries the stack's marker, in the order it must be removed. */
export async function markedObjects(settings: LabConfig, stack: string): Promise<MarkedObject[]> {
  const found = settings.platform === "docker" ? await dockerObjects(settings, stack) : await libvirtObjects(settings, stack);
  return found.sort((a, b) => leftoverKinds.indexOf(a.kind) - leftoverKinds.indexOf(b.kind));
}

/** Pulumi resource types whose objects the sweep can find, by the `name` output the engine knows them by. */
const kindOfResourceType: Record<string, LeftoverKind> = {
  "docker:index/container:Container": "container",
  "docker:index/network:Network": "docker network",
  "docker:index/volume:Volume": "docker volume",
  "libvirt:index/domain:Domain": "domain",
  "libvirt:index/volume:Volume": "libvirt volume",
  "libvirt:index/pool:Pool": "pool",
  "libvirt:index/network:Network": "libvirt network",
};

export interface StateResource {
  type: string;
  /** True for resources a provider manages (false for components and the stack itself). */
  custom?: boolean;
  outputs?: Record<string, unknown>;
}

/**
 * The marked objects Pulumi's state does not account for. A tap belongs to a domain and a bridge to a libvirt
 * network, so they count as known while the state holds any domain or network; the stack's folder while the state
 * holds any managed resource (the seed ISOs in it belong to the lab's own command resources).
 */
export function objectsUnknownToState(objects: readonly MarkedObject[], resources: readonly StateResource[]): MarkedObject[] {
  const known = new Set(
    resources.flatMap((resource) => {
      const kind = kindOfResourceType[resource.type];
      const name = resource.outputs?.name;
      return kind !== undefined && typeof name === "string" ? [`${kind}/${name}`] : [];
    }),
  );
  const holds = (kind: LeftoverKind) => [...known].some((key) => key.startsWith(`${kind}/`));
  const stateHoldsAnything = resources.some((resource) => resource.custom === true && !resource.type.startsWith("pulumi:providers:"));
  return objects.filter((object) => {
    if (object.kind === "tap") return !holds("domain");
    if (object.kind === "bridge") return !holds("libvirt network");
    if (object.kind === "files" || object.kind === "lab host files") return !stateHoldsAnything;
    return !known.has(`${object.kind}/${object.name}`);
  });
}

/** libvirt objects go in two steps: stopped (which may fail when already stopped), then undefined. */
const libvirtStopAndUndefine: Partial<Record<LeftoverKind, [string, string]>> = {
  domain: ["destroy", "undefine"],
  pool: ["pool-destroy", "pool-undefine"],
  "libvirt network": ["net-destroy", "net-undefine"],
};

async function removeObject(settings: LabConfig, object: MarkedObject): Promise<void> {
  const docker = (args: string[]) => checked($({ quiet: true, timeout: "1m", timeoutSignal: "SIGKILL" })`docker -H ${(settings as DockerConfig).dockerHost} ${args}`);
  const twoSteps = libvirtStopAndUndefine[object.kind];
  if (twoSteps !== undefined) {
    const uri = (settings as LibvirtConfig).libvirtUri;
    await $({ nothrow: true, quiet: true, timeout: "1m", timeoutSignal: "SIGKILL" })`virsh -c ${uri} ${twoSteps[0]} ${object.name}`;
    // A transient domain (the VM floor, a density copy) is gone once destroyed: there is nothing to undefine.
    if (object.kind === "domain" && !(await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`virsh -c ${uri} domstate ${object.name}`).ok) return;
    await virsh(settings as LibvirtConfig, [twoSteps[1], object.name]);
    return;
  }
  switch (object.kind) {
    case "container":
      await docker(["rm", "--force", "--volumes", object.name]);
      return;
    case "docker network":
      await docker(["network", "rm", object.name]);
      return;
    case "docker volume":
      await docker(["volume", "rm", "--force", object.name]);
      return;
    case "libvirt volume":
      await virsh(settings as LibvirtConfig, ["vol-delete", "--pool", libvirtEngineNames(settings.namePrefix).pool, object.name]);
      return;
    case "tap":
    case "bridge": {
      // Destroying a domain or network usually takes these with it: only what is still there is deleted.
      const host = vmHost(settings as LibvirtConfig);
      try {
        if (await host.fileExists(`/sys/class/net/${object.name}`)) await checked(host.run(["ip", "link", "delete", object.name], { asRoot: true, timeoutMs: 30_000 }));
      } finally {
        await host.close();
      }
      return;
    }
    case "files":
      fs.rmSync(object.name, { recursive: true, force: true });
      return;
    case "lab host files": {
      const host = vmHost(settings as LibvirtConfig);
      await checked(host.run(["rm", "-rf", object.name], { asRoot: true, timeoutMs: 60_000 })).finally(() => host.close());
      return;
    }
  }
}

export interface SweepOutcome {
  swept: MarkedObject[];
  /** Objects that could not be removed, with the engine's reason. */
  failed: { object: MarkedObject; reason: string }[];
}

/** Removes the given objects in dependency order (domains before their volumes and pools, containers before networks). */
export async function sweep(settings: LabConfig, objects: readonly MarkedObject[]): Promise<SweepOutcome> {
  const outcome: SweepOutcome = { swept: [], failed: [] };
  const ordered = [...objects].sort((a, b) => leftoverKinds.indexOf(a.kind) - leftoverKinds.indexOf(b.kind));
  for (const object of ordered) {
    try {
      await removeObject(settings, object);
      outcome.swept.push(object);
    } catch (error) {
      outcome.failed.push({ object, reason: (error instanceof Error ? error.message : String(error)).split("\n").slice(-1)[0] });
    }
  }
  return outcome;
}

export function describeObjects(objects: readonly MarkedObject[]): string {
  return objects.map((object) => `${object.kind} ${object.name}`).join(", ");
}
