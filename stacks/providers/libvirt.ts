import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describeFailure, ProgramResult, runProgram } from "./exec";
import { checkInput, diffProperties, InputFailure, isNonEmptyString, PropertyDiff, updatedOutputs, withoutProvider } from "./properties";

/**
 * libvirt networks and storage pools as Pulumi dynamic resources that drive `virsh -c URI`.
 *
 * Domains and volumes come later: they reuse the virsh helpers of the first section (virsh, virshWithXml,
 * virshDefine, virshLookup, virshRemove) and escapeXml. The provider objects are serialized into the stack
 * state, so they and every helper they call are plain module-level functions over Node built-ins (see exec.ts).
 */

/** The `virsh` program, always run with an explicit connection URI. */
export const virshProgram = "virsh";

/** The arguments of `virsh -c URI ARGS...`. */
export function virshArgs(uri: string, args: readonly string[]): string[] {
  return ["-c", uri, ...args];
}

/** Runs virsh against `uri` and never throws on a non-zero exit. */
export function virsh(uri: string, args: readonly string[]): Promise<ProgramResult> {
  return runProgram(virshProgram, virshArgs(uri, args), { env: { ...process.env, LC_ALL: "C" } });
}

/** Runs virsh against `uri` and returns its standard output; throws with the command and its error when it fails. */
export async function virshChecked(uri: string, args: readonly string[]): Promise<string> {
  const result = await virsh(uri, args);
  if (result.exitCode !== 0) {
    throw new Error(describeFailure(virshProgram, virshArgs(uri, args), result));
  }
  return result.stdout;
}

/** True when virsh only says that the object does not exist (any more). */
export function isVirshNotFound(output: string): boolean {
  return /\bnot found\b|no (network|storage pool|domain|storage vol(ume)?) with matching/i.test(output);
}

/** True when virsh only says that the object is already stopped. */
export function isVirshNotActive(output: string): boolean {
  return /is not (active|running)/i.test(output);
}

/** Runs a removal (destroy, undefine, ...): an object that is already gone, or already stopped, counts as done. */
export async function virshRemove(uri: string, args: readonly string[]): Promise<void> {
  const result = await virsh(uri, args);
  if (result.exitCode !== 0 && !isVirshNotFound(result.stderr) && !isVirshNotActive(result.stderr)) {
    throw new Error(describeFailure(virshProgram, virshArgs(uri, args), result));
  }
}

/** Writes `xml` to a private temporary file, runs virsh with the arguments made from that file's path, and removes it. */
export async function virshWithXml(uri: string, argsForFile: (xmlFile: string) => string[], xml: string): Promise<string> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lab-virsh-"));
  try {
    const xmlFile = path.join(directory, "definition.xml");
    fs.writeFileSync(xmlFile, xml, { mode: 0o600 });
    return await virshChecked(uri, argsForFile(xmlFile));
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** Defines an object from XML: `defineCommand` is net-define, pool-define, define, ... */
export function virshDefine(uri: string, defineCommand: string, xml: string): Promise<string> {
  return virshWithXml(uri, (xmlFile) => [defineCommand, xmlFile], xml);
}

/** Parses the `Key: value` lines of net-info, pool-info, dominfo and the like. */
export function parseVirshInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([^:]+):\s*(.*)$/.exec(line.trim());
    if (match) {
      fields[match[1].trim()] = match[2].trim();
    }
  }
  return fields;
}

/** The fields of `virsh INFOCOMMAND NAME-OR-UUID`, or undefined when libvirt does not know the object. */
export async function virshLookup(uri: string, infoCommand: string, nameOrUuid: string): Promise<Record<string, string> | undefined> {
  const result = await virsh(uri, [infoCommand, nameOrUuid]);
  if (result.exitCode === 0) {
    return parseVirshInfo(result.stdout);
  }
  if (isVirshNotFound(result.stderr)) {
    return undefined;
  }
  throw new Error(describeFailure(virshProgram, virshArgs(uri, [infoCommand, nameOrUuid]), result));
}

/** `text` made safe for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A name libvirt and a shell both take without surprises. */
export function isLibvirtName(value: unknown): boolean {
  return typeof value === "string" && /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(value);
}

/** A dotted IPv4 address. */
export function isIpv4Address(value: unknown): boolean {
  return typeof value === "string" && /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(value) && value.split(".").every((part) => Number(part) <= 255);
}

// ---------------------------------------------------------------------------------------------------------
// Network

/** The range a network's DHCP server hands out. */
export interface DhcpRangeArgs {
  /** First address handed out. */
  start: pulumi.Input<string>;
  /** Last address handed out. */
  end: pulumi.Input<string>;
}

/** Arguments of a host-only libvirt network: a bridge on this host with no route or NAT to anywhere else. */
export interface NetworkArgs {
  /** libvirt connection URI, e.g. qemu:///system. */
  uri: pulumi.Input<string>;
  /** Name of the network in libvirt. */
  name: pulumi.Input<string>;
  /** Name of the bridge device libvirt creates (at most 15 characters). */
  bridge: pulumi.Input<string>;
  /** IPv4 address of the host on the bridge; without it the bridge has no host address and no DHCP. */
  address?: pulumi.Input<string>;
  /** Netmask of `address`, e.g. 255.255.255.0; give this or `prefix`. */
  netmask?: pulumi.Input<string>;
  /** Prefix length of `address`, e.g. 24; give this or `netmask`. */
  prefix?: pulumi.Input<number>;
  /** Addresses libvirt's DHCP server (dnsmasq) hands out on the bridge; needs `address`. */
  dhcp?: pulumi.Input<DhcpRangeArgs>;
  /**
   * Whether libvirt's DNS server (dnsmasq) answers on the bridge; false unless set, since it forwards names it
   * does not know to the host's resolvers. With dns off and no dhcp, libvirt runs no dnsmasq for the network.
   */
  dns?: pulumi.Input<boolean>;
}

/** A DHCP range after check. */
export interface DhcpRange {
  start: string;
  end: string;
}

/** A network's inputs after check. */
export interface NetworkInputs {
  uri: string;
  name: string;
  bridge: string;
  address?: string;
  netmask?: string;
  prefix?: number;
  dhcp?: DhcpRange;
  dns: boolean;
}

/** What the state records for a network. */
export interface NetworkOutputs extends NetworkInputs {
  networkUuid: string;
}

/** Fills in a network's defaults and lists the inputs libvirt would reject or that would not make a host-only network. */
export function checkNetworkInputs(news: Partial<NetworkInputs>): { inputs: NetworkInputs; failures: InputFailure[] } {
  const inputs = { ...news, dns: news.dns ?? false } as NetworkInputs;
  const failures: InputFailure[] = [];
  checkInput(failures, "uri", inputs.uri, isNonEmptyString, "must be a libvirt connection URI such as qemu:///system");
  checkInput(failures, "name", inputs.name, isLibvirtName, "must start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-'");
  checkInput(failures, "bridge", inputs.bridge, (bridge) => typeof bridge === "string" && /^[A-Za-z0-9_.-]{1,15}$/.test(bridge), "must be a device name of 1 to 15 letters, digits, '_', '.' or '-'");
  checkInput(failures, "address", inputs.address, (address) => address === undefined || isIpv4Address(address), "must be an IPv4 address such as 192.168.150.1");
  checkInput(failures, "netmask", inputs.netmask, (netmask) => netmask === undefined || isIpv4Address(netmask), "must be a netmask such as 255.255.255.0");
  checkInput(failures, "prefix", inputs.prefix, (prefix) => prefix === undefined || (Number.isInteger(prefix) && (prefix as number) >= 1 && (prefix as number) <= 32), "must be a prefix length from 1 to 32");
  checkInput(failures, "dns", inputs.dns, (dns) => typeof dns === "boolean", "must be true or false");
  if (inputs.netmask !== undefined && inputs.prefix !== undefined) {
    failures.push({ property: "prefix", reason: "give either netmask or prefix, not both" });
  }
  if (inputs.address !== undefined && inputs.netmask === undefined && inputs.prefix === undefined) {
    failures.push({ property: "prefix", reason: "give the prefix (or netmask) of address" });
  }
  if (inputs.dhcp !== undefined) {
    if (inputs.address === undefined) {
      failures.push({ property: "dhcp", reason: "needs address: the DHCP server answers on the host's address on the bridge" });
    }
    checkInput(failures, "dhcp", inputs.dhcp, (dhcp) => typeof dhcp === "object" && dhcp !== null, "must give start and end");
    if (typeof inputs.dhcp === "object" && inputs.dhcp !== null) {
      checkInput(failures, "dhcp.start", inputs.dhcp.start, isIpv4Address, "must be an IPv4 address");
      checkInput(failures, "dhcp.end", inputs.dhcp.end, isIpv4Address, "must be an IPv4 address");
    }
  }
  return { inputs, failures };
}

/** The libvirt XML of a host-only network. It never has a <forward> element: no NAT, no routing, no uplink. */
export function networkXml(inputs: NetworkInputs): string {
  const lines = ["<network>", `  <name>${escapeXml(inputs.name)}</name>`, `  <bridge name="${escapeXml(inputs.bridge)}" stp="on" delay="0"/>`];
  if (!inputs.dns) {
    lines.push(`  <dns enable="no"/>`);
  }
  if (inputs.address !== undefined) {
    const mask = inputs.prefix !== undefined ? `prefix="${inputs.prefix}"` : `netmask="${escapeXml(inputs.netmask ?? "")}"`;
    lines.push(`  <ip address="${escapeXml(inputs.address)}" ${mask}>`);
    if (inputs.dhcp !== undefined) {
      lines.push("    <dhcp>", `      <range start="${escapeXml(inputs.dhcp.start)}" end="${escapeXml(inputs.dhcp.end)}"/>`, "    </dhcp>");
    }
    lines.push("  </ip>");
  }
  lines.push("</network>");
  return `${lines.join("\n")}\n`;
}

/** Every network input forces a replacement; the old network goes first since its name and bridge must be free. */
export function diffNetwork(olds: NetworkOutputs, news: NetworkInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, {
    replaceOnChange: ["uri", "name", "bridge", "address", "netmask", "prefix", "dhcp", "dns"],
    stableOutputs: ["networkUuid"],
    deleteBeforeReplace: true,
  });
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const networkProvider: pulumi.dynamic.ResourceProvider<NetworkInputs, NetworkOutputs> = {
  async check(_olds, news) {
    return checkNetworkInputs(news);
  },
  async diff(_id, olds, news) {
    return diffNetwork(olds, news);
  },
  async create(inputs) {
    if ((await virshLookup(inputs.uri, "net-info", inputs.name)) !== undefined) {
      throw new Error(`A libvirt network named "${inputs.name}" already exists and was not made by this stack. Remove it (virsh -c ${inputs.uri} net-undefine ${inputs.name}) or choose another name.`);
    }
    await virshDefine(inputs.uri, "net-define", networkXml(inputs));
    try {
      await virshChecked(inputs.uri, ["net-start", inputs.name]);
    } catch (error) {
      await virshRemove(inputs.uri, ["net-undefine", inputs.name]);
      throw error;
    }
    const networkUuid = (await virshChecked(inputs.uri, ["net-uuid", inputs.name])).trim();
    return { id: networkUuid, outs: { ...withoutProvider(inputs), networkUuid } };
  },
  async read(id, props) {
    const outputs = props as NetworkOutputs;
    const info = await virshLookup(outputs.uri, "net-info", id);
    return info === undefined ? { id: "" } : { id, props: { ...outputs, networkUuid: info.UUID ?? id } };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<NetworkOutputs>(olds, news, ["networkUuid"]) };
  },
  async delete(id, props) {
    await virshRemove(props.uri, ["net-destroy", id]);
    await virshRemove(props.uri, ["net-undefine", id]);
  },
};

/** A host-only libvirt network: VMs on it reach each other and this host, nothing else. */
export class Network extends pulumi.dynamic.Resource {
  /** libvirt's UUID of the network (its id). */
  declare public readonly networkUuid: pulumi.Output<string>;
  /** Name of the network in libvirt. */
  declare public readonly name: pulumi.Output<string>;
  /** Name of the bridge device. */
  declare public readonly bridge: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.CustomResourceOptions) {
    super(networkProvider, name, { ...args, networkUuid: undefined }, opts, "libvirt", "Network");
  }
}

// ---------------------------------------------------------------------------------------------------------
// Pool

/** Arguments of a directory storage pool. */
export interface PoolArgs {
  /** libvirt connection URI, e.g. qemu:///system. */
  uri: pulumi.Input<string>;
  /** Name of the pool in libvirt. */
  name: pulumi.Input<string>;
  /** Absolute path of the pool's directory; made when missing. */
  path: pulumi.Input<string>;
}

/** A pool's inputs after check. */
export interface PoolInputs {
  uri: string;
  name: string;
  path: string;
}

/** What the state records for a pool. */
export interface PoolOutputs extends PoolInputs {
  poolUuid: string;
  /** The top-most directory the provider made for `path`, or "" when `path` already existed. */
  createdDirectory: string;
}

/** Lists the pool inputs libvirt would reject. */
export function checkPoolInputs(news: Partial<PoolInputs>): { inputs: PoolInputs; failures: InputFailure[] } {
  const inputs = { ...news } as PoolInputs;
  const failures: InputFailure[] = [];
  checkInput(failures, "uri", inputs.uri, isNonEmptyString, "must be a libvirt connection URI such as qemu:///system");
  checkInput(failures, "name", inputs.name, isLibvirtName, "must start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-'");
  checkInput(failures, "path", inputs.path, (dir) => typeof dir === "string" && path.isAbsolute(dir) && path.normalize(dir) === dir && dir !== "/", "must be a normalized absolute directory path other than /");
  return { inputs, failures };
}

/** The libvirt XML of a directory pool. */
export function poolXml(inputs: PoolInputs): string {
  return [
    `<pool type="dir">`,
    `  <name>${escapeXml(inputs.name)}</name>`,
    "  <target>",
    `    <path>${escapeXml(inputs.path)}</path>`,
    "  </target>",
    "</pool>",
    "",
  ].join("\n");
}

/** The directories to remove on delete, deepest first: `dir` and its parents up to `createdDirectory`; none if the provider made none. */
export function directoriesToRemove(dir: string, createdDirectory: string): string[] {
  if (createdDirectory === "" || (dir !== createdDirectory && !dir.startsWith(`${createdDirectory}/`))) {
    return [];
  }
  const directories = [dir];
  for (let current = dir; current !== createdDirectory; ) {
    current = path.dirname(current);
    directories.push(current);
  }
  return directories;
}

/** Removes the directories the provider made, deepest first, stopping at the first one that is not empty. */
function removeCreatedDirectories(dir: string, createdDirectory: string): void {
  for (const directory of directoriesToRemove(dir, createdDirectory)) {
    try {
      fs.rmdirSync(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        return;
      }
    }
  }
}

/** Every pool input forces a replacement; the old pool goes first since its name must be free. */
export function diffPool(olds: PoolOutputs, news: PoolInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, { replaceOnChange: ["uri", "name", "path"], stableOutputs: ["poolUuid", "createdDirectory"], deleteBeforeReplace: true });
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const poolProvider: pulumi.dynamic.ResourceProvider<PoolInputs, PoolOutputs> = {
  async check(_olds, news) {
    return checkPoolInputs(news);
  },
  async diff(_id, olds, news) {
    return diffPool(olds, news);
  },
  async create(inputs) {
    if ((await virshLookup(inputs.uri, "pool-info", inputs.name)) !== undefined) {
      throw new Error(`A libvirt storage pool named "${inputs.name}" already exists and was not made by this stack. Remove it (virsh -c ${inputs.uri} pool-undefine ${inputs.name}) or choose another name.`);
    }
    const createdDirectory = fs.mkdirSync(inputs.path, { recursive: true }) ?? "";
    try {
      await virshDefine(inputs.uri, "pool-define", poolXml(inputs));
      await virshChecked(inputs.uri, ["pool-build", inputs.name]);
      await virshChecked(inputs.uri, ["pool-start", inputs.name]);
      await virshChecked(inputs.uri, ["pool-autostart", inputs.name, "--disable"]);
    } catch (error) {
      await virshRemove(inputs.uri, ["pool-destroy", inputs.name]);
      await virshRemove(inputs.uri, ["pool-undefine", inputs.name]);
      removeCreatedDirectories(inputs.path, createdDirectory);
      throw error;
    }
    const poolUuid = (await virshChecked(inputs.uri, ["pool-uuid", inputs.name])).trim();
    return { id: poolUuid, outs: { ...withoutProvider(inputs), poolUuid, createdDirectory } };
  },
  async read(id, props) {
    const outputs = props as PoolOutputs;
    const info = await virshLookup(outputs.uri, "pool-info", id);
    return info === undefined ? { id: "" } : { id, props: { ...outputs, poolUuid: info.UUID ?? id } };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<PoolOutputs>(olds, news, ["poolUuid", "createdDirectory"]) };
  },
  async delete(id, props) {
    await virshRemove(props.uri, ["pool-destroy", id]);
    await virshRemove(props.uri, ["pool-undefine", id]);
    removeCreatedDirectories(props.path, props.createdDirectory ?? "");
  },
};

/** A libvirt directory storage pool, started and not autostarted. Delete keeps the directory unless the provider made it and it is empty. */
export class Pool extends pulumi.dynamic.Resource {
  /** libvirt's UUID of the pool (its id). */
  declare public readonly poolUuid: pulumi.Output<string>;
  /** Name of the pool in libvirt. */
  declare public readonly name: pulumi.Output<string>;
  /** Path of the pool's directory. */
  declare public readonly path: pulumi.Output<string>;

  constructor(name: string, args: PoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(poolProvider, name, { ...args, poolUuid: undefined }, opts, "libvirt", "Pool");
  }
}
