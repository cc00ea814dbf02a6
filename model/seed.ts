import * as net from "node:net";
import { apps, type AppName } from "./catalog/apps";
import { LabError } from "./labError";

/**
 * The per-VM seed disk: a small ISO 9660 image the golden VM image reads at its first boot. This module holds
 * both sides of that format: the files the host writes and the guest's script and unit that apply them.
 */

/** The systemd unit that runs an app in the VM image (the seed script passes a shell variable as the app). */
export function appUnitName(app: AppName | "$app"): string {
  return `lab-${app}.service`;
}

/** Volume label the guest finds the seed disk by. */
export const seedVolumeLabel = "LABSEED";

/** What a VM is told by its seed. */
export interface SeedSettings {
  /** The one app this VM runs. */
  app: AppName;
  /** Host name of the VM (one DNS label). */
  hostname: string;
  /** Static IPv4 address of the VM's first NIC with its prefix length, e.g. 10.77.0.11/24. */
  address: string;
  /** Names the apps reach each other by (web, api, db) → IPv4 address. */
  hosts: Record<string, string>;
}

/** A file at the root of the seed disk. */
export interface SeedFile {
  name: string;
  content: string;
}

export const seedFileNames = { app: "app", hostname: "hostname", hosts: "hosts", network: "10-lab.network" } as const;

const dnsLabel = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function validate(settings: SeedSettings): void {
  const invalid = (what: string, remedy: string) => new LabError(`The seed of VM "${settings.hostname}" has ${what}.`, remedy);
  if (!(settings.app in apps)) throw invalid(`an unknown app "${settings.app}"`, `use one of ${Object.keys(apps).join(", ")}.`);
  if (!dnsLabel.test(settings.hostname)) throw invalid("a host name that is not one lower-case DNS label", "use letters, digits and inner hyphens only, at most 63 characters.");
  const [ip, prefix, ...rest] = settings.address.split("/");
  if (!net.isIPv4(ip) || rest.length > 0 || !/^\d{1,2}$/.test(prefix ?? "") || Number(prefix) > 32) {
    throw invalid(`the address "${settings.address}", which is not IPv4 with a prefix length`, "write it like 10.77.0.11/24.");
  }
  for (const [name, hostIp] of Object.entries(settings.hosts)) {
    if (!dnsLabel.test(name) || !net.isIPv4(hostIp)) throw invalid(`a hosts entry "${name}" → "${hostIp}" that is not a DNS label and an IPv4 address`, "map names like db to addresses like 10.77.0.10.");
  }
}

/** systemd-networkd configuration of the first NIC: eth0, because the kernel command line has net.ifnames=0. */
function networkFile(address: string): string {
  return ["[Match]", "Name=eth0", "", "[Network]", `Address=${address}`, "LinkLocalAddressing=no", "IPv6AcceptRA=no", ""].join("\n");
}

function hostsFile(hostname: string, hosts: Record<string, string>): string {
  const lines = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"];
  if (!(hostname in hosts)) lines.push(`127.0.1.1\t${hostname}`);
  for (const name of Object.keys(hosts).sort()) lines.push(`${hosts[name]}\t${name}`);
  return `${lines.join("\n")}\n`;
}

/** The files of a VM's seed disk; the same settings always give the same files. */
export function seedFiles(settings: SeedSettings): SeedFile[] {
  validate(settings);
  return [
    { name: seedFileNames.app, content: `${settings.app}\n` },
    { name: seedFileNames.hostname, content: `${settings.hostname}\n` },
    { name: seedFileNames.hosts, content: hostsFile(settings.hostname, settings.hosts) },
    { name: seedFileNames.network, content: networkFile(settings.address) },
  ];
}

/** Where the guest script lives in the VM image. */
export const seedScriptPath = "/usr/local/sbin/lab-seed";
const seedAppliedStamp = "/var/lib/lab-seed/applied";

/** The guest side: applies the seed once, before systemd-networkd starts, then enables and starts the one app. */
export const seedScript = `#!/bin/sh
# Applies this VM's seed disk (ISO 9660, label ${seedVolumeLabel}) at its first boot: host name, /etc/hosts,
# the address of eth0 for systemd-networkd, and the one app this VM runs.
set -eu
mnt=/run/lab-seed
device=""
for _ in $(seq 1 100); do
  device=$(blkid -L ${seedVolumeLabel}) && break
  sleep 0.1
done
[ -n "$device" ] || { echo "lab-seed: no disk labelled ${seedVolumeLabel}" >&2; exit 1; }
mkdir -p "$mnt"
mount -t iso9660 -o ro "$device" "$mnt"
app=$(cat "$mnt/${seedFileNames.app}")
unit="${appUnitName("$app")}"
if [ ! -f "/etc/systemd/system/$unit" ]; then
  umount "$mnt"
  echo "lab-seed: the seed names app '$app', which this image has no $unit for" >&2
  exit 1
fi
install -m 0644 "$mnt/${seedFileNames.hostname}" /etc/hostname
hostname -F /etc/hostname
install -m 0644 "$mnt/${seedFileNames.hosts}" /etc/hosts
install -m 0644 "$mnt/${seedFileNames.network}" /etc/systemd/network/${seedFileNames.network}
umount "$mnt"
systemctl enable "$unit"
# --no-block: this runs inside the boot transaction, which the app's start job joins.
systemctl start --no-block "$unit"
mkdir -p "$(dirname ${seedAppliedStamp})"
echo "$app" > ${seedAppliedStamp}
`;

export const seedUnitName = "lab-seed.service";

export const seedUnit = [
  "[Unit]",
  "Description=vm-container-lab seed: host name, address, hosts and app of this VM",
  `ConditionPathExists=!${seedAppliedStamp}`,
  "Before=systemd-networkd.service network-pre.target",
  "Wants=network-pre.target",
  "",
  "[Service]",
  "Type=oneshot",
  `ExecStart=${seedScriptPath}`,
  "StandardOutput=journal+console",
  "",
  "[Install]",
  "WantedBy=multi-user.target",
  "",
].join("\n");
