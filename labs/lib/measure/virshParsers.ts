/**
 * Parsers for `virsh dominfo`, `virsh domstats --balloon` and `virsh domblkinfo`. Pure functions of the text;
 * memory and disk figures in bytes (virsh prints memory in KiB).
 */

/** Reads `Key:   value` lines as virsh prints them for dominfo and domblkinfo. */
function parseColonTable(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([^:]+):\s*(.*?)\s*$/.exec(line);
    if (match) values.set(match[1].trim(), match[2]);
  }
  return values;
}

function requiredValue(values: Map<string, string>, key: string, command: string): string {
  const value = values.get(key);
  if (value === undefined) throw new Error(`${command}: no "${key}:" line`);
  return value;
}

function kibToBytes(text: string, what: string): number {
  const match = /^(\d+) KiB$/.exec(text);
  if (!match) throw new Error(`${what}: ${JSON.stringify(text)} is not "N KiB"`);
  return Number(match[1]) * 1024;
}

/** A domain as `virsh dominfo DOMAIN` describes it. */
export interface VirshDominfo {
  /** Runtime id; undefined while the domain is not running (virsh prints "-"). */
  id?: number;
  /** Domain name. */
  name: string;
  /** Domain UUID: the instanceId of a VM in the stack outputs. */
  uuid: string;
  /** running, paused, shut off, … */
  state: string;
  /** Virtual CPUs. */
  vcpus: number;
  /** Host CPU time the domain used so far, in seconds; only while it runs. */
  cpuTimeSeconds?: number;
  /** RAM the guest may have at most (the domain's <memory>). */
  maxMemoryBytes: number;
  /** RAM the guest has now (<currentMemory>, or the balloon's current size). */
  usedMemoryBytes: number;
  /** Whether the domain is defined (survives being stopped) rather than transient. */
  persistent: boolean;
}

/** Parses `virsh dominfo DOMAIN`. */
export function parseVirshDominfo(text: string): VirshDominfo {
  const command = "virsh dominfo";
  const values = parseColonTable(text);
  const id = requiredValue(values, "Id", command);
  const cpuTime = values.get("CPU time");
  return {
    id: id === "-" ? undefined : Number(id),
    name: requiredValue(values, "Name", command),
    uuid: requiredValue(values, "UUID", command),
    state: requiredValue(values, "State", command),
    vcpus: Number(requiredValue(values, "CPU(s)", command)),
    cpuTimeSeconds: cpuTime === undefined ? undefined : Number(cpuTime.replace(/s$/, "")),
    maxMemoryBytes: kibToBytes(requiredValue(values, "Max memory", command), `${command} Max memory`),
    usedMemoryBytes: kibToBytes(requiredValue(values, "Used memory", command), `${command} Used memory`),
    persistent: requiredValue(values, "Persistent", command) === "yes",
  };
}

/** One domain's block of `virsh domstats`: its `key=value` fields as printed. */
export interface DomainStats {
  /** Domain name from the `Domain: 'NAME'` line. */
  domain: string;
  /** Its `key=value` fields, values as printed. */
  fields: Map<string, string>;
}

/** Parses `virsh domstats [--balloon …] [DOMAIN…]`: one block per domain, `Domain: 'NAME'` then indented `key=value`. */
export function parseVirshDomstats(text: string): DomainStats[] {
  const domains: DomainStats[] = [];
  for (const line of text.split("\n")) {
    const header = /^Domain: '(.*)'\s*$/.exec(line);
    if (header) {
      domains.push({ domain: header[1], fields: new Map() });
      continue;
    }
    const entry = /^\s+([^=\s]+)=(.*)$/.exec(line);
    if (!entry) continue;
    const current = domains[domains.length - 1];
    if (current === undefined) throw new Error(`virsh domstats: field "${entry[1]}" before any "Domain:" line`);
    current.fields.set(entry[1], entry[2]);
  }
  return domains;
}

/** The balloon figures of one domain; the guest-reported ones exist only while a balloon driver runs in the guest. */
export interface BalloonStats {
  /** RAM the guest has now, after ballooning. */
  currentBytes: number;
  /** RAM the guest may balloon up to. */
  maximumBytes: number;
  /** Resident set of the QEMU process on the host (libvirt reads it from /proc); only while the domain runs. */
  rssBytes?: number;
  /** Guest-reported: RAM the guest's kernel sees (total minus memory it reserved). */
  availableBytes?: number;
  /** Guest-reported: RAM the guest leaves completely unused (its MemFree). */
  unusedBytes?: number;
  /** Guest-reported: RAM the guest could use without swapping (its MemAvailable). */
  usableBytes?: number;
  /** Guest-reported: page cache the guest could drop. */
  diskCachesBytes?: number;
  /** Guest-reported: when the guest last updated its figures, seconds since the epoch; 0 = never. */
  lastUpdateEpochSeconds?: number;
}

function optionalKib(fields: Map<string, string>, key: string): number | undefined {
  const value = fields.get(key);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`virsh domstats: ${key}=${value} is not a number of KiB`);
  return Number(value) * 1024;
}

/** Balloon figures of one domain's domstats block (libvirt reports them in KiB). */
export function balloonStats(stats: DomainStats): BalloonStats {
  const currentBytes = optionalKib(stats.fields, "balloon.current");
  const maximumBytes = optionalKib(stats.fields, "balloon.maximum");
  if (currentBytes === undefined || maximumBytes === undefined) throw new Error(`virsh domstats of "${stats.domain}": no balloon.current or balloon.maximum (run with --balloon)`);
  const lastUpdate = stats.fields.get("balloon.last-update");
  return {
    currentBytes,
    maximumBytes,
    rssBytes: optionalKib(stats.fields, "balloon.rss"),
    availableBytes: optionalKib(stats.fields, "balloon.available"),
    unusedBytes: optionalKib(stats.fields, "balloon.unused"),
    usableBytes: optionalKib(stats.fields, "balloon.usable"),
    diskCachesBytes: optionalKib(stats.fields, "balloon.disk_caches"),
    lastUpdateEpochSeconds: lastUpdate === undefined ? undefined : Number(lastUpdate),
  };
}

/**
 * RAM the guest itself counts as used, counted like hostUsedBytes on the host (total minus MemAvailable): available minus
 * usable. Undefined without a balloon driver in the guest.
 */
export function guestUsedBytes(balloon: BalloonStats): number | undefined {
  if (balloon.availableBytes === undefined || balloon.usableBytes === undefined) return undefined;
  return balloon.availableBytes - balloon.usableBytes;
}

/** One disk of a domain, as `virsh domblkinfo DOMAIN TARGET` reports it. */
export interface VirshBlockInfo {
  /** Size of the disk the guest sees (the image's virtual size). */
  capacityBytes: number;
  /** Host bytes holding guest data: for a running domain's qcow2 file the highest offset QEMU wrote, otherwise allocated blocks (like `du`). */
  allocationBytes: number;
  /** Length of the image file (like `ls -l`); the device size for block devices. */
  physicalBytes: number;
}

/** Parses `virsh domblkinfo DOMAIN TARGET` (plain bytes; `--human` output is refused because it is rounded). */
export function parseVirshDomblkinfo(text: string): VirshBlockInfo {
  const command = "virsh domblkinfo";
  const values = parseColonTable(text);
  const bytes = (key: string) => {
    const value = requiredValue(values, key, command);
    if (!/^\d+$/.test(value)) throw new Error(`${command}: ${key} is ${JSON.stringify(value)}, not a number of bytes; run it without --human`);
    return Number(value);
  };
  return { capacityBytes: bytes("Capacity"), allocationBytes: bytes("Allocation"), physicalBytes: bytes("Physical") };
}
