/**
 * Parser for `virsh domstats --balloon`. Pure functions of the text; memory figures in bytes (virsh prints KiB).
 */

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
