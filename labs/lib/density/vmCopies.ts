/**
 * Density copies as VMs: transient domains made from the stack db domain's inactive XML (its accelerator, machine,
 * CPU, RAM, kernel and command line), each with its own overlay, seed ISO, MAC and address on the stack's network.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { densityEngineNames } from "../../../model/engineNames";
import { buildSeedImage } from "../../../stacks/seed/seedImage";
import { formatBytes } from "../doctorChecks";
import { readBuiltImages } from "../images";
import { labPaths } from "../labEnv";
import type { DeployedStack } from "../measure/measureStack";
import { parseQemuImgInfo } from "../measure/qemuImgParsers";
import { xmlText } from "../measure/vmFloor";
import { measureVmMemory, systemDiskSource } from "../measure/vmMeasure";
import { checked } from "../shell";
import { copyAddress, type CopyPlatform } from "./copyPlatform";

/** What is a copy's own in its domain XML. */
export interface VmCopyFiles {
  name: string;
  mac: string;
  /** Its qcow2 overlay (vda). */
  diskPath: string;
  /** Its seed ISO (vdb). */
  seedPath: string;
  consoleLogPath: string;
}

/**
 * A copy's domain XML from the stack domain's inactive XML: another name and no UUID, its own overlay and seed ISO
 * as file disks where the stack's has volumes of its pool, its own MAC on the same network, its own console file.
 * Everything else, the lab's metadata (the stack's marker) among it, is the stack domain's.
 */
export function copyDomainXml(stackDomainXml: string, copy: VmCopyFiles): string {
  if ((stackDomainXml.match(/<interface\b/g) ?? []).length !== 1) throw new Error("the stack's domain does not have exactly one NIC, so a copy's MAC has no place");
  const ownFiles: Record<string, string> = { vda: copy.diskPath, vdb: copy.seedPath };
  const withDisks = stackDomainXml.replace(/<disk\b[\s\S]*?<\/disk>/g, (disk) => {
    const target = /<target dev=['"]([^'"]+)['"]/.exec(disk)?.[1];
    const file = target === undefined ? undefined : ownFiles[target];
    if (file === undefined) throw new Error(`the stack's domain has a disk ${target ?? "without a target"}, for which a copy has no file`);
    return disk.replace(/^<disk type=['"]\w+['"]/, "<disk type='file'").replace(/<source\b[^>]*\/>/, `<source file='${xmlText(file)}'/>`);
  });
  return withDisks
    .replace(/<name>[^<]*<\/name>/, `<name>${xmlText(copy.name)}</name>`)
    .replace(/\s*<uuid>[^<]*<\/uuid>/, "")
    .replace(/(<interface\b[\s\S]*?<mac address=)['"][^'"]*['"]/, `$1'${copy.mac}'`)
    .replace(/(<(?:serial|console) type=['"]file['"]>\s*<source path=)['"][^'"]*['"]/g, `$1'${xmlText(copy.consoleLogPath)}'`);
}

/** The image below the stack db's disk (the pool's copy of the golden image); with full copies, the golden image itself. */
async function goldenBase(uri: string, stackDomainXml: string, domain: string): Promise<{ path: string; format: string }> {
  const source = systemDiskSource(stackDomainXml);
  if (!source) throw new Error(`${domain} has no vda disk to base copies on`);
  const diskPath = "file" in source ? source.file : (await checked($({ quiet: true })`virsh -c ${uri} vol-path --pool ${source.pool} ${source.volume}`)).stdout.trim();
  const chain = parseQemuImgInfo((await checked($({ quiet: true })`qemu-img info --output=json --backing-chain --force-share ${diskPath}`)).stdout);
  const bottom = chain.length > 1 ? chain[chain.length - 1] : undefined;
  return bottom ? { path: bottom.filename, format: bottom.format } : { path: readBuiltImages().vm.goldenPath, format: "qcow2" };
}

/** The libvirt side of a density run, for the deployed libvirt stack. */
export async function vmCopies(deployed: DeployedStack, db: AppInstance): Promise<CopyPlatform> {
  const uri = deployed.libvirtUri ?? "qemu:///system";
  const virsh = (args: string[]) => checked($({ quiet: true, timeout: "2m", timeoutSignal: "SIGKILL" })`virsh -c ${uri} ${args}`);
  const names = densityEngineNames(deployed.namePrefix);
  // Inside the stack's folder: QEMU may enter it, and `npm run down` removes it with the stack.
  const workDir = path.join(labPaths.libvirtStateDir(deployed.namePrefix), "density");
  const stackXml = (await virsh(["dumpxml", "--inactive", db.name])).stdout;
  const base = await goldenBase(uri, stackXml, db.name);
  const vcpus = /<vcpu\b[^>]*>(\d+)<\/vcpu>/.exec(stackXml)?.[1] ?? "?";

  const removeAll = async (): Promise<string[]> => {
    const copies = (await virsh(["list", "--all", "--name"])).stdout.split("\n").map((line) => line.trim()).filter(names.isCopy);
    for (const copy of copies) {
      await $({ nothrow: true, quiet: true, timeout: "1m", timeoutSignal: "SIGKILL" })`virsh -c ${uri} destroy ${copy}`;
      // Copies are transient, gone once destroyed; one defined by hand would still be there.
      if ((await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`virsh -c ${uri} domstate ${copy}`).ok) await virsh(["undefine", copy]);
    }
    const hadFiles = fs.existsSync(workDir);
    fs.rmSync(workDir, { recursive: true, force: true });
    return [...copies, ...(hadFiles ? [workDir] : [])];
  };

  return {
    kind: "vm",
    startCall: "virsh create",
    settings:
      `the domain settings of ${db.name} (RAM ${formatBytes(db.memoryLimitBytes)}, ${vcpus} vCPU, ${deployed.executionMode.toUpperCase()}, its kernel, initramfs and command line) from its inactive XML; ` +
      `each copy a transient domain with its own qcow2 overlay on ${base.path}, its own seed ISO (host name, address) and its own MAC and address on ${db.endpoint.via}`,
    memoryLimitBytes: db.memoryLimitBytes,
    prepare: async () => {
      await removeAll();
      fs.mkdirSync(workDir, { recursive: true, mode: 0o755 });
    },
    prepareCopy: async (index) => {
      const name = names.copy(index);
      const address = copyAddress(db.endpoint.host, index);
      const files: VmCopyFiles = {
        name,
        mac: names.mac(index),
        diskPath: path.join(workDir, `${name}.qcow2`),
        seedPath: path.join(workDir, `${name}-seed.iso`),
        consoleLogPath: path.join(workDir, `${name}.log`),
      };
      await checked($({ quiet: true })`qemu-img create -q -f qcow2 -F ${base.format} -b ${base.path} ${files.diskPath}`);
      await buildSeedImage({ app: db.app, hostname: name, address: `${address}/24`, hosts: { [db.app]: address }, outputPath: files.seedPath });
      const xmlPath = path.join(workDir, `${name}.xml`);
      fs.writeFileSync(xmlPath, copyDomainXml(stackXml, files));
      return {
        name,
        endpoint: { host: address, port: apps[db.app].port, via: db.endpoint.via },
        start: async () => {
          await virsh(["create", xmlPath]);
          return (await virsh(["domuuid", name])).stdout.trim();
        },
      };
    },
    memory: (instance) => measureVmMemory(instance, uri),
    removeAll,
  };
}
