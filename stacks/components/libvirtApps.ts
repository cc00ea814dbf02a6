import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { appNames, apps, type AppName } from "../../model/catalog/apps";
import type { AppInstance } from "../../model/deployment";
import type { DiskMode } from "../../model/labConfig";
import { guestAgentChannel, libvirtEngineNames, libvirtMetadataNamespace } from "../../model/engineNames";
import * as libvirt from "@pulumi/libvirt";
import { appAddresses } from "./appAddresses";

const mebibyte = 1024 * 1024;

/** The golden VM image and what direct kernel boot needs next to it (the `vm` section of .lab/images/images.json). */
export interface VmImageArgs {
  /** qcow2 disk holding the root file system; copied once into the stack's pool. */
  goldenPath: string;
  /** Kernel the VMs boot directly. */
  kernelPath: string;
  /** Initramfs that mounts root=/dev/vda. */
  initrdPath: string;
  /** Kernel command line (root=/dev/vda, console=ttyS0, ...). */
  kernelCmdline: string;
}

export interface LibvirtAppsArgs {
  /** Prefix of the domain, network, pool and volume names in libvirt (and of the bridge's name). */
  namePrefix: string;
  /** libvirt connection URI, e.g. qemu:///system. */
  libvirtUri: string;
  /** kvm (hardware virtualization) or qemu (TCG emulation, where KVM is unusable). */
  domainType: "kvm" | "qemu";
  /** RAM of each VM, in MiB. */
  memoryMiB: Record<AppName, number>;
  /** Virtual CPUs of each VM. */
  vcpus: number;
  /** overlay: each VM disk is a qcow2 overlay on one base copy of the golden image; full-copy: each VM gets its own copy. */
  diskMode: DiskMode;
  /** Host-only /24 of the VMs, e.g. 10.77.0.0/24: the host is .1 on the bridge, db .11, api .12, web .13. */
  hostOnlySubnet: string;
  /** TCG translation cache of each VM in MiB; only used when domainType is qemu. */
  tcgTranslationCacheMiB: number;
  /** The golden VM image and its kernel, initramfs and command line. */
  vmImage: VmImageArgs;
  /** Absolute folder of this stack's pool (stateDir/pool) and console logs (stateDir/console), e.g. .lab/libvirt/<namePrefix>. */
  stateDir: string;
  /** Path of each VM's seed ISO (label LABSEED, see labs/lib/images/seedImage.ts), attached read-only as vdb. */
  seedImages: Record<AppName, pulumi.Input<string>>;
  /** Labels written into each domain's metadata (the stack's marker among them), besides vm-container-lab.app. */
  labels?: Record<string, string>;
}

/** What each VM's seed must say (the settings of buildSeedImage in labs/lib/images/seedImage.ts, without outputPath). */
export interface VmSeedSettings {
  app: AppName;
  /** Host name of the VM: its domain name. */
  hostname: string;
  /** The VM's address with its prefix length, e.g. 10.77.0.11/24. */
  address: string;
  /** The app names, which the apps reach each other by, → their addresses. */
  hosts: Record<string, string>;
}

/** The seed settings of every VM of a stack: what the seed ISOs given as seedImages must hold. */
export function vmSeedSettings(namePrefix: string, subnet: string): Record<AppName, VmSeedSettings> {
  const addresses = appAddresses(subnet);
  const settings = (app: AppName): VmSeedSettings => ({ app, hostname: `${namePrefix}-${app}`, address: `${addresses[app]}/24`, hosts: { ...addresses } });
  return Object.fromEntries(appNames.map((app) => [app, settings(app)])) as Record<AppName, VmSeedSettings>;
}

/** Where each VM's serial console is logged. */
export function consoleLogPaths(stateDir: string): Record<AppName, string> {
  return Object.fromEntries(appNames.map((app) => [app, path.join(stateDir, "console", `${app}.log`)])) as Record<AppName, string>;
}

/**
 * A kernel command line as the libvirt provider's `cmdlines` wants it, in the shape it reads back (so a second
 * `pulumi up` sees no change): one map of every key=value argument, then one map per flag, under "_".
 */
export function kernelCmdlineArgs(cmdline: string): Record<string, string>[] {
  const words = cmdline.trim().split(/\s+/).filter((word) => word !== "");
  const valued = Object.fromEntries(words.filter((word) => word.includes("=")).map((word) => [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]));
  const flags = words.filter((word) => !word.includes("=")).map((word) => ({ _: word }));
  return [valued, ...flags];
}

function escapeXmlAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The XSLT the provider applies to each domain's XML: what its schema has no field for. The lab's labels go into the
 * domain's metadata (the leftover sweep finds a domain by them), the serial console goes to a file (boot can be
 * followed and timed), a virtio channel for the QEMU guest agent is added (the lab runs commands inside a VM through
 * it), the memory balloon is removed (a VM's RAM is exactly its configured memory), graphics and video are dropped,
 * and under TCG the translation cache is bounded.
 */
export function domainXslt(options: { consoleLogPath: string; tcgTranslationCacheMiB?: number; labels?: Record<string, string> }): string {
  const log = escapeXmlAttribute(options.consoleLogPath);
  const tcg = options.tcgTranslationCacheMiB === undefined ? "" : `<tcg><tb-cache unit="MiB">${options.tcgTranslationCacheMiB}</tb-cache></tcg>`;
  const labels = Object.entries(options.labels ?? {})
    .map(([name, value]) => `<vmcl:label name="${escapeXmlAttribute(name)}" value="${escapeXmlAttribute(value)}"/>`)
    .join("");
  const metadata = `<vmcl:labels xmlns:vmcl="${libvirtMetadataNamespace}">${labels}</vmcl:labels>`;
  return [
    '<?xml version="1.0"?>',
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">',
    '  <xsl:output omit-xml-declaration="yes" indent="yes"/>',
    '  <xsl:template match="node()|@*"><xsl:copy><xsl:apply-templates select="node()|@*"/></xsl:copy></xsl:template>',
    '  <xsl:template match="/domain/features|/domain/metadata|/domain/devices/graphics|/domain/devices/video|/domain/devices/memballoon|/domain/devices/console|/domain/devices/serial|/domain/devices/channel"/>',
    `  <xsl:template match="/domain"><xsl:copy><xsl:apply-templates select="node()|@*"/><metadata>${metadata}</metadata><features><acpi/>${tcg}</features></xsl:copy></xsl:template>`,
    "  <xsl:template match=\"/domain/devices\"><xsl:copy><xsl:apply-templates select=\"node()|@*\"/>" +
      `<serial type="file"><source path="${log}"/><target port="0"/></serial>` +
      `<console type="file"><source path="${log}"/><target type="serial" port="0"/></console>` +
      `<channel type="unix"><target type="virtio" name="${guestAgentChannel}"/></channel>` +
      '<memballoon model="none"/></xsl:copy></xsl:template>',
    "</xsl:stylesheet>",
    "",
  ].join("\n");
}

const networkWithoutDnsXslt = [
  '<?xml version="1.0"?>',
  '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">',
  '  <xsl:output omit-xml-declaration="yes" indent="yes"/>',
  '  <xsl:template match="node()|@*"><xsl:copy><xsl:apply-templates select="node()|@*"/></xsl:copy></xsl:template>',
  '  <xsl:template match="/network/dns"/>',
  '  <xsl:template match="/network"><xsl:copy><xsl:apply-templates select="node()|@*"/><dns enable="no"/></xsl:copy></xsl:template>',
  "</xsl:stylesheet>",
  "",
].join("\n");

/** The three apps as libvirt VMs on one host-only network, booted directly from the golden image's kernel. */
export class LibvirtApps extends pulumi.ComponentResource {
  public readonly instances: pulumi.Output<AppInstance[]>;
  /** File each VM's serial console (kernel and systemd messages) is written to. */
  public readonly consoleLogs: Record<AppName, string>;
  public readonly networkName: pulumi.Output<string>;
  public readonly poolName: pulumi.Output<string>;

  constructor(name: string, args: LibvirtAppsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("vm-container-lab:platform:LibvirtApps", name, {}, opts);

    if (!path.isAbsolute(args.stateDir)) throw new Error(`stateDir "${args.stateDir}" must be an absolute path`);
    const stateDir = path.normalize(args.stateDir);
    const prefix = args.namePrefix;
    const engineNames = libvirtEngineNames(prefix);
    const addresses = appAddresses(args.hostOnlySubnet);
    this.consoleLogs = consoleLogPaths(stateDir);
    const provider = new libvirt.Provider(`${name}-hypervisor`, { uri: args.libvirtUri }, { parent: this });
    // Every libvirt object has a fixed name, so a replacement must delete the old one first.
    const childOptions = { parent: this, provider, deleteBeforeReplace: true };

    const network = new libvirt.Network(`${name}-network`, {
      name: engineNames.network,
      mode: "none",
      bridge: engineNames.bridge,
      // The provider gives the host the subnet's first address (.1).
      addresses: [args.hostOnlySubnet],
      dhcp: { enabled: false },
      autostart: false,
      // Without DNS (and DHCP) libvirt starts no dnsmasq for the network, so nothing on it can resolve or reach out.
      xml: { xslt: networkWithoutDnsXslt },
    }, childOptions);

    const pool = new libvirt.Pool(`${name}-pool`, { name: engineNames.pool, type: "dir", target: { path: path.join(stateDir, "pool") } }, childOptions);

    // overlay: one base copy of the golden image in the pool, so the VMs never depend on the build's folder.
    const base = args.diskMode === "overlay"
      ? new libvirt.Volume(`${name}-base`, { pool: pool.name, name: `${prefix}-base.qcow2`, format: "qcow2", source: args.vmImage.goldenPath }, childOptions)
      : undefined;

    const domains = {} as Record<AppName, libvirt.Domain>;
    for (const app of appNames) {
      const disk = new libvirt.Volume(`${name}-${app}-disk`, {
        pool: pool.name,
        name: `${prefix}-${app}.qcow2`,
        format: "qcow2",
        ...(base !== undefined ? { baseVolumeId: base.id } : { source: args.vmImage.goldenPath }),
      }, childOptions);
      const seed = new libvirt.Volume(`${name}-${app}-seed`, { pool: pool.name, name: `${prefix}-${app}-seed.iso`, source: args.seedImages[app] }, childOptions);

      domains[app] = new libvirt.Domain(`${name}-${app}`, {
        name: engineNames.domains[app],
        type: args.domainType,
        memory: args.memoryMiB[app],
        vcpu: args.vcpus,
        kernel: args.vmImage.kernelPath,
        initrd: args.vmImage.initrdPath,
        cmdlines: kernelCmdlineArgs(args.vmImage.kernelCmdline),
        disks: [{ volumeId: disk.id }, { volumeId: seed.id }],
        networkInterfaces: [{ networkId: network.id, mac: engineNames.macs[app] }],
        autostart: false,
        running: true,
        xml: {
          xslt: domainXslt({
            consoleLogPath: this.consoleLogs[app],
            labels: { ...args.labels, "vm-container-lab.app": app },
            tcgTranslationCacheMiB: args.domainType === "qemu" ? args.tcgTranslationCacheMiB : undefined,
          }),
        },
      }, { ...childOptions, dependsOn: apps[app].dependsOn.map((dependency) => domains[dependency]) });
    }

    this.networkName = network.name;
    this.poolName = pool.name;
    this.instances = pulumi.all(appNames.map((app) => domains[app].id)).apply((uuids) =>
      appNames.map((app, index): AppInstance => ({
        app,
        kind: "vm",
        name: engineNames.domains[app],
        instanceId: uuids[index],
        endpoint: { host: addresses[app], port: apps[app].port, via: engineNames.bridge },
        memoryLimitBytes: args.memoryMiB[app] * mebibyte,
      })),
    );
    this.registerOutputs({ instances: this.instances, consoleLogs: this.consoleLogs, networkName: this.networkName, poolName: this.poolName });
  }
}
