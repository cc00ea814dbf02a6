import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describeFailure, ProgramResult, runProgram, runProgramChecked } from "./exec";
import { checkInput, diffProperties, InputFailure, isNonEmptyString, isStringMap, isUnknown, mapKnownItems, PropertyDiff, updatedOutputs, withoutProvider } from "./properties";

/**
 * libvirt networks, storage pools, volumes and domains as Pulumi dynamic resources that drive `virsh -c URI`
 * (and `qemu-img` for volume copies and sizes).
 *
 * Every kind uses the virsh helpers of the first section (virsh, virshWithXml, virshDefine, virshLookup,
 * virshRemove) and escapeXml. The provider objects are serialized into the stack state, so they and every helper
 * they call are plain module-level functions over Node built-ins (see exec.ts).
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

/**
 * True when virsh only says that the object does not exist (any more). For domains virsh 9.0 prints no more than
 * "failed to get domain 'NAME'": it tries the argument as id, UUID and name and drops libvirt's "not found".
 */
export function isVirshNotFound(output: string): boolean {
  return /\bnot found\b|no (network|storage pool|domain|storage vol(ume)?) with matching|failed to get domain '/i.test(output);
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

/** Reverses escapeXml for text read back from libvirt's XML. */
export function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

/** A normalized absolute path of a file (not the root directory). */
export function isAbsoluteFilePath(value: unknown): boolean {
  return typeof value === "string" && path.isAbsolute(value) && path.normalize(value) === value && value !== "/" && !value.endsWith("/");
}

/** A whole number from `min` to `max`. */
export function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

// ---------------------------------------------------------------------------------------------------------
// Volume

/** Disk image formats the lab uses. */
export type VolumeFormat = "qcow2" | "raw";

const volumeFormats: readonly string[] = ["qcow2", "raw"];

/** The program that reads image sizes and copies images. */
export const qemuImgProgram = "qemu-img";

/**
 * Arguments of a volume in a directory pool. Give exactly one of `backingPath`, `copyFromPath` and
 * `capacityBytes`: it says what the volume starts from.
 */
export interface VolumeArgs {
  /** libvirt connection URI, e.g. qemu:///system. */
  uri: pulumi.Input<string>;
  /** Name of the (started) storage pool the volume goes into. */
  pool: pulumi.Input<string>;
  /** Name of the volume, which is also its file name in a directory pool, e.g. web.qcow2. */
  name: pulumi.Input<string>;
  /** Format of the volume's file; an overlay (`backingPath`) must be qcow2. */
  format: pulumi.Input<VolumeFormat>;
  /** Makes a copy-on-write qcow2 overlay of this image: it only stores what the VM changes; the image must stay put. */
  backingPath?: pulumi.Input<string>;
  /** Format of `backingPath`; qcow2 unless set. */
  backingFormat?: pulumi.Input<VolumeFormat>;
  /** Makes a full, independent copy of this image (any format qemu-img reads), converted to `format`. */
  copyFromPath?: pulumi.Input<string>;
  /** Makes an empty volume of this many bytes. */
  capacityBytes?: pulumi.Input<number>;
}

/** A volume's inputs after check: `backingFormat` is filled in when `backingPath` is given. */
export interface VolumeInputs {
  uri: string;
  pool: string;
  name: string;
  format: VolumeFormat;
  backingPath?: string;
  backingFormat?: VolumeFormat;
  copyFromPath?: string;
  capacityBytes?: number;
}

/** What the state records for a volume. */
export interface VolumeOutputs extends VolumeInputs {
  /** Path of the volume's file. */
  path: string;
  /** libvirt's key of the volume (its id; the path, for a directory pool). */
  volumeKey: string;
}

/** Which of the three ways a volume starts. */
export type VolumeSource = "backing" | "copy" | "empty";

/** How a checked volume is made. */
export function volumeSource(inputs: VolumeInputs): VolumeSource {
  return inputs.backingPath !== undefined ? "backing" : inputs.copyFromPath !== undefined ? "copy" : "empty";
}

/** Fills in a volume's defaults and lists the inputs libvirt would reject or that do not say how to make it. */
export function checkVolumeInputs(news: Partial<VolumeInputs>): { inputs: VolumeInputs; failures: InputFailure[] } {
  const inputs = { ...news } as VolumeInputs;
  if (inputs.backingPath !== undefined && inputs.backingFormat === undefined) {
    inputs.backingFormat = "qcow2";
  }
  const failures: InputFailure[] = [];
  checkInput(failures, "uri", inputs.uri, isNonEmptyString, "must be a libvirt connection URI such as qemu:///system");
  checkInput(failures, "pool", inputs.pool, isLibvirtName, "must be the name of a storage pool");
  checkInput(failures, "name", inputs.name, isLibvirtName, "must start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-'");
  checkInput(failures, "format", inputs.format, (format) => volumeFormats.includes(format as string), "must be qcow2 or raw");
  const sources = (["backingPath", "copyFromPath", "capacityBytes"] as const).filter((key) => inputs[key] !== undefined);
  if (sources.length !== 1) {
    failures.push({ property: sources[1] ?? "capacityBytes", reason: "give exactly one of backingPath, copyFromPath and capacityBytes" });
  }
  checkInput(failures, "backingPath", inputs.backingPath, (file) => file === undefined || isAbsoluteFilePath(file), "must be a normalized absolute file path");
  checkInput(failures, "copyFromPath", inputs.copyFromPath, (file) => file === undefined || isAbsoluteFilePath(file), "must be a normalized absolute file path");
  checkInput(failures, "capacityBytes", inputs.capacityBytes, (bytes) => bytes === undefined || isIntegerIn(bytes, 1, Number.MAX_SAFE_INTEGER), "must be a positive whole number of bytes");
  if (inputs.backingPath === undefined && news.backingFormat !== undefined) {
    failures.push({ property: "backingFormat", reason: "only goes with backingPath" });
  }
  checkInput(failures, "backingFormat", inputs.backingFormat, (format) => format === undefined || volumeFormats.includes(format as string), "must be qcow2 or raw");
  if (inputs.backingPath !== undefined && inputs.format !== "qcow2" && !isUnknown(inputs.format)) {
    failures.push({ property: "format", reason: "an overlay on backingPath must be qcow2" });
  }
  return { inputs, failures };
}

/** The `virsh` arguments that make an overlay (`backingCapacityBytes` is the backing image's virtual size) or an empty volume. */
export function volumeCreateAsArgs(inputs: VolumeInputs, backingCapacityBytes?: number): string[] {
  if (inputs.backingPath !== undefined) {
    return [
      "vol-create-as",
      inputs.pool,
      inputs.name,
      String(backingCapacityBytes),
      "--format",
      "qcow2",
      "--backing-vol",
      inputs.backingPath,
      "--backing-vol-format",
      inputs.backingFormat ?? "qcow2",
    ];
  }
  return ["vol-create-as", inputs.pool, inputs.name, String(inputs.capacityBytes), "--format", inputs.format];
}

/** `qemu-img` arguments that copy `source` (of `sourceFormat`) into a new independent `target` file of `format`. */
export function qemuImgConvertArgs(source: string, sourceFormat: string, target: string, format: VolumeFormat): string[] {
  return ["convert", "-U", "-f", sourceFormat, "-O", format, source, target];
}

/** What `qemu-img info --output=json` says about an image. */
export interface ImageInfo {
  format: string;
  virtualSizeBytes: number;
}

/** Reads the format and virtual size from `qemu-img info --output=json`. */
export function parseQemuImgInfo(json: string): ImageInfo {
  const info = JSON.parse(json) as { format?: unknown; "virtual-size"?: unknown };
  if (typeof info.format !== "string" || typeof info["virtual-size"] !== "number") {
    throw new Error(`qemu-img info gave no format and virtual size: ${json.slice(0, 200)}`);
  }
  return { format: info.format, virtualSizeBytes: info["virtual-size"] };
}

/** The directory of a directory pool, from its XML (`virsh pool-dumpxml`). */
export function poolTargetPath(poolXmlText: string): string {
  const match = /<target>\s*<path>([^<]+)<\/path>/.exec(poolXmlText);
  if (!match) {
    throw new Error("the pool's XML has no <target><path>: only directory pools hold volumes made by copy");
  }
  return unescapeXml(match[1].trim());
}

async function imageInfo(file: string): Promise<ImageInfo> {
  return parseQemuImgInfo(await runProgramChecked(qemuImgProgram, ["info", "-U", "--output=json", file], { env: { ...process.env, LC_ALL: "C" } }));
}

/** Refreshes a pool so libvirt sees a file written behind its back; retried while another volume of the pool is being built. */
async function refreshPool(uri: string, pool: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const result = await virsh(uri, ["pool-refresh", pool]);
    if (result.exitCode === 0) {
      return;
    }
    if (attempt >= 30 || !/asynchronous jobs running/i.test(result.stderr)) {
      throw new Error(describeFailure(virshProgram, virshArgs(uri, ["pool-refresh", pool]), result));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Makes the volume's file the way its inputs say. */
async function createVolume(inputs: VolumeInputs): Promise<void> {
  const source = volumeSource(inputs);
  if (source === "backing") {
    const backing = await imageInfo(inputs.backingPath as string);
    if (backing.format !== inputs.backingFormat) {
      throw new Error(`${inputs.backingPath} is ${backing.format}, not ${inputs.backingFormat} as backingFormat says`);
    }
    await virshChecked(inputs.uri, volumeCreateAsArgs(inputs, backing.virtualSizeBytes));
  } else if (source === "empty") {
    await virshChecked(inputs.uri, volumeCreateAsArgs(inputs));
  } else {
    const copied = await imageInfo(inputs.copyFromPath as string);
    const target = path.join(poolTargetPath(await virshChecked(inputs.uri, ["pool-dumpxml", inputs.pool])), inputs.name);
    if (fs.existsSync(target)) {
      throw new Error(`${target} already exists and was not made by this stack. Remove it or choose another volume name.`);
    }
    try {
      await runProgramChecked(qemuImgProgram, qemuImgConvertArgs(inputs.copyFromPath as string, copied.format, target, inputs.format));
      await refreshPool(inputs.uri, inputs.pool);
    } catch (error) {
      fs.rmSync(target, { force: true });
      throw error;
    }
  }
}

/** Every volume input forces a replacement; the old volume goes first since its name must be free. */
export function diffVolume(olds: VolumeOutputs, news: VolumeInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, {
    replaceOnChange: ["uri", "pool", "name", "format", "backingPath", "backingFormat", "copyFromPath", "capacityBytes"],
    stableOutputs: ["path", "volumeKey"],
    deleteBeforeReplace: true,
  });
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const volumeProvider: pulumi.dynamic.ResourceProvider<VolumeInputs, VolumeOutputs> = {
  async check(_olds, news) {
    return checkVolumeInputs(news);
  },
  async diff(_id, olds, news) {
    return diffVolume(olds, news);
  },
  async create(inputs) {
    const existing = await virsh(inputs.uri, ["vol-info", "--pool", inputs.pool, inputs.name]);
    if (existing.exitCode === 0) {
      throw new Error(`The pool "${inputs.pool}" already has a volume named "${inputs.name}" that was not made by this stack. Remove it (virsh -c ${inputs.uri} vol-delete --pool ${inputs.pool} ${inputs.name}) or choose another name.`);
    }
    await createVolume(inputs);
    const volumePath = (await virshChecked(inputs.uri, ["vol-path", "--pool", inputs.pool, inputs.name])).trim();
    const volumeKey = (await virshChecked(inputs.uri, ["vol-key", "--pool", inputs.pool, inputs.name])).trim();
    return { id: volumeKey, outs: { ...withoutProvider(inputs), path: volumePath, volumeKey } };
  },
  async read(id, props) {
    const outputs = props as VolumeOutputs;
    const args = ["vol-info", "--pool", outputs.pool, outputs.name];
    const result = await virsh(outputs.uri, args);
    if (result.exitCode !== 0) {
      if (isVirshNotFound(result.stderr)) {
        return { id: "" };
      }
      throw new Error(describeFailure(virshProgram, virshArgs(outputs.uri, args), result));
    }
    return { id, props: outputs };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<VolumeOutputs>(olds, news, ["path", "volumeKey"]) };
  },
  async delete(_id, props) {
    await virshRemove(props.uri, ["vol-delete", "--pool", props.pool, props.name]);
  },
};

/** A volume in a libvirt storage pool: a qcow2 overlay, a full copy of an image, or an empty disk. Delete removes its file. */
export class Volume extends pulumi.dynamic.Resource {
  /** libvirt's key of the volume (its id). */
  declare public readonly volumeKey: pulumi.Output<string>;
  /** Path of the volume's file. */
  declare public readonly path: pulumi.Output<string>;
  /** Name of the volume in its pool. */
  declare public readonly name: pulumi.Output<string>;
  /** Format of the volume's file. */
  declare public readonly format: pulumi.Output<VolumeFormat>;

  constructor(name: string, args: VolumeArgs, opts?: pulumi.CustomResourceOptions) {
    super(volumeProvider, name, { ...args, path: undefined, volumeKey: undefined }, opts, "libvirt", "Volume");
  }
}

// ---------------------------------------------------------------------------------------------------------
// Domain

/** kvm: hardware virtualization through /dev/kvm; qemu: QEMU's TCG software emulation. */
export type DomainType = "kvm" | "qemu";

const domainTypes: readonly string[] = ["kvm", "qemu"];

/** How the guest sees a disk. */
export type DiskDevice = "disk" | "cdrom";

const diskDevices: readonly string[] = ["disk", "cdrom"];

/** The XML namespace of the lab's labels in a domain's <metadata> (a name only: nothing is ever fetched from it). */
export const labMetadataNamespace = "https://vm-container-lab.invalid/ns";

/** A disk of a domain, attached in the order given. */
export interface DomainDiskArgs {
  /** Absolute path of the image file. */
  path: pulumi.Input<string>;
  /** Device name in the guest: vdX is a virtio disk, sdX a SATA and hdX an IDE one (vda, vdb, ...). */
  target: pulumi.Input<string>;
  /** Format of the image file. */
  format: pulumi.Input<VolumeFormat>;
  /** Whether the guest may only read the disk; false unless set (a cdrom is always read-only). */
  readonly?: pulumi.Input<boolean>;
  /** disk unless set; a cdrom needs an sdX or hdX target. */
  device?: pulumi.Input<DiskDevice>;
}

/** A virtio network card of a domain. */
export interface DomainInterfaceArgs {
  /** Name of the libvirt network the card is plugged into. */
  network: pulumi.Input<string>;
  /** Unicast MAC address of the card, e.g. 52:54:00:12:34:56. */
  macAddress: pulumi.Input<string>;
}

/** Arguments of a VM that boots a kernel and initramfs from host files (direct kernel boot). */
export interface DomainArgs {
  /** libvirt connection URI, e.g. qemu:///system. */
  uri: pulumi.Input<string>;
  /** Name of the domain in libvirt. */
  name: pulumi.Input<string>;
  /** kvm (hardware virtualization) or qemu (TCG software emulation). */
  domainType: pulumi.Input<DomainType>;
  /** Guest RAM in MiB. */
  memoryMiB: pulumi.Input<number>;
  /** Number of virtual CPUs. */
  vcpus: pulumi.Input<number>;
  /** Absolute path of the kernel the domain boots. */
  kernelPath: pulumi.Input<string>;
  /** Absolute path of the initramfs; none when absent. */
  initrdPath?: pulumi.Input<string>;
  /** Kernel command line; empty when absent. It should send the console to ttyS0 for consoleLogPath to see it. */
  kernelCmdline?: pulumi.Input<string>;
  /** Disks in guest order. */
  disks: pulumi.Input<pulumi.Input<DomainDiskArgs>[]>;
  /** Network cards (virtio) in guest order. */
  interfaces: pulumi.Input<pulumi.Input<DomainInterfaceArgs>[]>;
  /** Absolute path of the file the first serial port (ttyS0, the console) is written to; libvirt's virtlogd writes it as root. */
  consoleLogPath: pulumi.Input<string>;
  /** Size of QEMU's TCG translation cache in MiB (only with domainType qemu); QEMU's own default when absent. */
  tcgTranslationCacheMiB?: pulumi.Input<number>;
  /** Labels written into the domain's <metadata> (lab:labels); none when absent. */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A disk after check. */
export interface DomainDisk {
  path: string;
  target: string;
  format: VolumeFormat;
  readonly: boolean;
  device: DiskDevice;
}

/** A network card after check. */
export interface DomainInterface {
  network: string;
  macAddress: string;
}

/** A domain's inputs after check: every default filled in. */
export interface DomainInputs {
  uri: string;
  name: string;
  domainType: DomainType;
  memoryMiB: number;
  vcpus: number;
  kernelPath: string;
  initrdPath?: string;
  kernelCmdline: string;
  disks: DomainDisk[];
  interfaces: DomainInterface[];
  consoleLogPath: string;
  tcgTranslationCacheMiB?: number;
  metadata: Record<string, string>;
}

/** What the state records for a domain. */
export interface DomainOutputs extends DomainInputs {
  /** libvirt's UUID of the domain (its id). */
  domainUuid: string;
  /** The top-most directory the provider made for the console log, or "" when it already existed. */
  createdDirectory: string;
}

/** The bus libvirt attaches a disk to, from its target's prefix. */
export function diskBus(target: string): "virtio" | "sata" | "ide" {
  return target.startsWith("vd") ? "virtio" : target.startsWith("sd") ? "sata" : "ide";
}

/** A unicast MAC address written as six lower-case pairs. */
export function isUnicastMac(value: unknown): boolean {
  return typeof value === "string" && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(value) && (parseInt(value.slice(0, 2), 16) & 1) === 0;
}

/** Fills in a domain's defaults and lists the inputs libvirt would reject. Unknown values (previews) pass unchecked. */
export function checkDomainInputs(news: Partial<DomainInputs>): { inputs: DomainInputs; failures: InputFailure[] } {
  const inputs = {
    ...news,
    kernelCmdline: news.kernelCmdline ?? "",
    disks: mapKnownItems(news.disks ?? [], (disk) => ({ ...disk, readonly: disk.readonly ?? false, device: disk.device ?? "disk" })),
    interfaces: mapKnownItems(news.interfaces ?? [], (card) => ({ ...card, macAddress: typeof card.macAddress === "string" ? card.macAddress.toLowerCase() : card.macAddress })),
    metadata: news.metadata ?? {},
  } as DomainInputs;
  const failures: InputFailure[] = [];
  checkInput(failures, "uri", inputs.uri, isNonEmptyString, "must be a libvirt connection URI such as qemu:///system");
  checkInput(failures, "name", inputs.name, isLibvirtName, "must start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-'");
  checkInput(failures, "domainType", inputs.domainType, (type) => domainTypes.includes(type as string), "must be kvm or qemu");
  checkInput(failures, "memoryMiB", inputs.memoryMiB, (mib) => isIntegerIn(mib, 16, 1024 * 1024), "must be a whole number of MiB from 16");
  checkInput(failures, "vcpus", inputs.vcpus, (count) => isIntegerIn(count, 1, 64), "must be a whole number from 1 to 64");
  checkInput(failures, "kernelPath", inputs.kernelPath, isAbsoluteFilePath, "must be a normalized absolute file path");
  checkInput(failures, "initrdPath", inputs.initrdPath, (file) => file === undefined || isAbsoluteFilePath(file), "must be a normalized absolute file path");
  checkInput(failures, "kernelCmdline", inputs.kernelCmdline, (line) => typeof line === "string", "must be a string");
  checkInput(failures, "consoleLogPath", inputs.consoleLogPath, isAbsoluteFilePath, "must be a normalized absolute file path");
  checkInput(failures, "metadata", inputs.metadata, isStringMap, "must map label names to strings");
  checkInput(failures, "tcgTranslationCacheMiB", inputs.tcgTranslationCacheMiB, (mib) => mib === undefined || isIntegerIn(mib, 1, 2048), "must be a whole number of MiB from 1 to 2048");
  if (inputs.tcgTranslationCacheMiB !== undefined && inputs.domainType === "kvm") {
    failures.push({ property: "tcgTranslationCacheMiB", reason: "only applies to domainType qemu (TCG): a kvm domain has no translation cache" });
  }
  if (Array.isArray(inputs.disks)) {
    const targets = new Set<string>();
    inputs.disks.forEach((disk, index) => {
      if (isUnknown(disk)) {
        return;
      }
      const at = `disks[${index}]`;
      checkInput(failures, `${at}.path`, disk.path, isAbsoluteFilePath, "must be a normalized absolute file path");
      checkInput(failures, `${at}.target`, disk.target, (target) => typeof target === "string" && /^(vd|sd|hd)[a-z]{1,2}$/.test(target), "must be a device name such as vda, sdb or hdc");
      checkInput(failures, `${at}.format`, disk.format, (format) => volumeFormats.includes(format as string), "must be qcow2 or raw");
      checkInput(failures, `${at}.readonly`, disk.readonly, (flag) => typeof flag === "boolean", "must be true or false");
      checkInput(failures, `${at}.device`, disk.device, (device) => diskDevices.includes(device as string), "must be disk or cdrom");
      if (disk.device === "cdrom" && typeof disk.target === "string" && disk.target.startsWith("vd")) {
        failures.push({ property: `${at}.target`, reason: "a cdrom cannot be a virtio disk: use an sdX or hdX target" });
      }
      if (typeof disk.target === "string" && !isUnknown(disk.target)) {
        if (targets.has(disk.target)) {
          failures.push({ property: `${at}.target`, reason: `${disk.target} is used by an earlier disk` });
        }
        targets.add(disk.target);
      }
    });
  } else {
    checkInput(failures, "disks", inputs.disks, () => false, "must be a list of disks");
  }
  if (Array.isArray(inputs.interfaces)) {
    inputs.interfaces.forEach((card, index) => {
      if (isUnknown(card)) {
        return;
      }
      checkInput(failures, `interfaces[${index}].network`, card.network, isLibvirtName, "must be the name of a libvirt network");
      checkInput(failures, `interfaces[${index}].macAddress`, card.macAddress, isUnicastMac, "must be a unicast MAC address such as 52:54:00:12:34:56");
    });
  } else {
    checkInput(failures, "interfaces", inputs.interfaces, () => false, "must be a list of network cards");
  }
  return { inputs, failures };
}

function diskXml(disk: DomainDisk): string[] {
  const readonly = disk.readonly || disk.device === "cdrom";
  return [
    `    <disk type="file" device="${disk.device}">`,
    `      <driver name="qemu" type="${escapeXml(disk.format)}"/>`,
    `      <source file="${escapeXml(disk.path)}"/>`,
    `      <target dev="${escapeXml(disk.target)}" bus="${diskBus(disk.target)}"/>`,
    ...(readonly ? ["      <readonly/>"] : []),
    "    </disk>",
  ];
}

/**
 * The libvirt XML of a domain: direct kernel boot, disks and virtio NICs in the order given, ttyS0 written to
 * consoleLogPath, no balloon, no USB, no graphics. For domainType qemu, tcgTranslationCacheMiB bounds TCG's
 * translation cache (<features><tcg><tb-cache>, libvirt 8.0 or later: QEMU's -accel tcg,tb-size=N).
 */
export function domainXml(inputs: DomainInputs): string {
  const lines = [`<domain type="${escapeXml(inputs.domainType)}">`, `  <name>${escapeXml(inputs.name)}</name>`];
  const labels = Object.keys(inputs.metadata).sort();
  if (labels.length > 0) {
    lines.push("  <metadata>", `    <lab:labels xmlns:lab="${labMetadataNamespace}">`);
    for (const label of labels) {
      lines.push(`      <lab:label name="${escapeXml(label)}">${escapeXml(inputs.metadata[label])}</lab:label>`);
    }
    lines.push("    </lab:labels>", "  </metadata>");
  }
  lines.push(
    `  <memory unit="MiB">${inputs.memoryMiB}</memory>`,
    `  <currentMemory unit="MiB">${inputs.memoryMiB}</currentMemory>`,
    `  <vcpu>${inputs.vcpus}</vcpu>`,
    "  <os>",
    `    <type arch="x86_64" machine="pc">hvm</type>`,
    `    <kernel>${escapeXml(inputs.kernelPath)}</kernel>`,
    ...(inputs.initrdPath !== undefined ? [`    <initrd>${escapeXml(inputs.initrdPath)}</initrd>`] : []),
    `    <cmdline>${escapeXml(inputs.kernelCmdline)}</cmdline>`,
    "  </os>",
    "  <features>",
    "    <acpi/>",
  );
  if (inputs.domainType === "qemu" && inputs.tcgTranslationCacheMiB !== undefined) {
    lines.push("    <tcg>", `      <tb-cache unit="MiB">${inputs.tcgTranslationCacheMiB}</tb-cache>`, "    </tcg>");
  }
  lines.push(
    "  </features>",
    `  <clock offset="utc"/>`,
    "  <on_poweroff>destroy</on_poweroff>",
    "  <on_reboot>restart</on_reboot>",
    "  <on_crash>destroy</on_crash>",
    "  <devices>",
    ...inputs.disks.flatMap(diskXml),
  );
  for (const card of inputs.interfaces) {
    lines.push(
      `    <interface type="network">`,
      `      <mac address="${escapeXml(card.macAddress)}"/>`,
      `      <source network="${escapeXml(card.network)}"/>`,
      `      <model type="virtio"/>`,
      "    </interface>",
    );
  }
  const logFile = escapeXml(inputs.consoleLogPath);
  lines.push(
    `    <serial type="file">`,
    `      <source path="${logFile}"/>`,
    `      <target port="0"/>`,
    "    </serial>",
    `    <console type="file">`,
    `      <source path="${logFile}"/>`,
    `      <target type="serial" port="0"/>`,
    "    </console>",
    `    <controller type="usb" model="none"/>`,
    `    <memballoon model="none"/>`,
    "  </devices>",
    "</domain>",
    "",
  );
  return lines.join("\n");
}

/** The console log and the copies virtlogd rotates it into (FILE.0, FILE.1, ...). */
export function consoleLogFiles(consoleLogPath: string): string[] {
  return [consoleLogPath, ...Array.from({ length: 10 }, (_, index) => `${consoleLogPath}.${index}`)];
}

function removeConsoleLogs(consoleLogPath: string): void {
  for (const file of consoleLogFiles(consoleLogPath)) {
    fs.rmSync(file, { force: true });
  }
}

/** Every domain input forces a replacement; the old domain goes first since its name must be free. */
export function diffDomain(olds: DomainOutputs, news: DomainInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, {
    replaceOnChange: [
      "uri",
      "name",
      "domainType",
      "memoryMiB",
      "vcpus",
      "kernelPath",
      "initrdPath",
      "kernelCmdline",
      "disks",
      "interfaces",
      "consoleLogPath",
      "tcgTranslationCacheMiB",
      "metadata",
    ],
    stableOutputs: ["domainUuid", "createdDirectory"],
    deleteBeforeReplace: true,
  });
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const domainProvider: pulumi.dynamic.ResourceProvider<DomainInputs, DomainOutputs> = {
  async check(_olds, news) {
    return checkDomainInputs(news);
  },
  async diff(_id, olds, news) {
    return diffDomain(olds, news);
  },
  async create(inputs) {
    if ((await virshLookup(inputs.uri, "dominfo", inputs.name)) !== undefined) {
      throw new Error(`A libvirt domain named "${inputs.name}" already exists and was not made by this stack. Remove it (virsh -c ${inputs.uri} destroy ${inputs.name}; virsh -c ${inputs.uri} undefine ${inputs.name}) or choose another name.`);
    }
    const createdDirectory = fs.mkdirSync(path.dirname(inputs.consoleLogPath), { recursive: true }) ?? "";
    removeConsoleLogs(inputs.consoleLogPath);
    try {
      await virshDefine(inputs.uri, "define", domainXml(inputs));
      try {
        await virshChecked(inputs.uri, ["start", inputs.name]);
      } catch (error) {
        await virshRemove(inputs.uri, ["undefine", inputs.name]);
        throw error;
      }
    } catch (error) {
      removeConsoleLogs(inputs.consoleLogPath);
      removeCreatedDirectories(path.dirname(inputs.consoleLogPath), createdDirectory);
      throw error;
    }
    const domainUuid = (await virshChecked(inputs.uri, ["domuuid", inputs.name])).trim();
    return { id: domainUuid, outs: { ...withoutProvider(inputs), domainUuid, createdDirectory } };
  },
  async read(id, props) {
    const outputs = props as DomainOutputs;
    const info = await virshLookup(outputs.uri, "dominfo", id);
    return info === undefined ? { id: "" } : { id, props: { ...outputs, domainUuid: info.UUID ?? id } };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<DomainOutputs>(olds, news, ["domainUuid", "createdDirectory"]) };
  },
  async delete(id, props) {
    await virshRemove(props.uri, ["destroy", id]);
    await virshRemove(props.uri, ["undefine", id]);
    removeConsoleLogs(props.consoleLogPath);
    removeCreatedDirectories(path.dirname(props.consoleLogPath), props.createdDirectory ?? "");
  },
};

/** A libvirt domain (VM), defined and started, not autostarted. Delete stops it hard, undefines it and removes its console log. */
export class Domain extends pulumi.dynamic.Resource {
  /** libvirt's UUID of the domain (its id). */
  declare public readonly domainUuid: pulumi.Output<string>;
  /** Name of the domain in libvirt. */
  declare public readonly name: pulumi.Output<string>;
  /** File the guest's serial console is written to. */
  declare public readonly consoleLogPath: pulumi.Output<string>;

  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(domainProvider, name, { ...args, domainUuid: undefined, createdDirectory: undefined }, opts, "libvirt", "Domain");
  }
}
