import * as path from "node:path";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { resolveAccelerator } from "../model/accelerator";
import { kernelCmdlineFor, type BootProfile } from "../model/bootProfile";
import { appNames, type AppName } from "../model/catalog/apps";
import type { AppInstance, ExecutionMode } from "../model/deployment";
import { stackMarkerKey } from "../model/engineNames";
import { parseLabConfig, type DockerConfig, type LabConfig, type LibvirtConfig } from "../model/labConfig";
import { seedFiles } from "../model/seed";
import { labHostImagePath, labHostLayout } from "../model/labHostLayout";
import { remoteCommandLine, sshClientOptions, sshDestination, sshTargetOfLibvirtUri, type SshTarget } from "../model/sshTarget";
import { DockerApps } from "./components/dockerApps";
import { LibvirtApps, vmSeedSettings } from "./components/libvirtApps";
import { appAddresses } from "./components/appAddresses";
import { layout, readAcceleratorChoice, readBuiltImages, repoRoot } from "./labFiles";

const config = new pulumi.Config();
const labConfig = parseLabConfig({ get: (key) => config.get(key), getObject: (key) => config.getObject(key) }, pulumi.getStack());
const labels = { "vm-container-lab": "true", [stackMarkerKey]: pulumi.getStack() };

interface Deployed {
  executionMode: ExecutionMode;
  profile: BootProfile;
  instances: pulumi.Output<AppInstance[]>;
  webUrl: string;
}

function deployContainers(settings: DockerConfig): Deployed {
  const images = readBuiltImages();
  const imageOf = Object.fromEntries(appNames.map((app) => [app, images.docker.apps[app].tag])) as Record<AppName, string>;
  const deployment = new DockerApps("apps", {
    namePrefix: settings.namePrefix,
    images: imageOf,
    baseImage: images.docker.base.tag,
    hostPorts: settings.hostPorts,
    profile: settings.containerProfile,
    subnet: settings.containerSubnet,
    memoryMiB: settings.memoryMiB,
    restartPolicy: settings.restartPolicy,
    dockerHost: settings.dockerHost,
    labels,
  });
  const webUrl = settings.containerProfile === "typical" ? `http://127.0.0.1:${settings.hostPorts.web}/` : `http://${appAddresses(settings.containerSubnet).web}/`;
  return { executionMode: "native", profile: settings.containerProfile, instances: deployment.instances, webUrl };
}

/**
 * Each VM's seed ISO, written at `pulumi up` by stacks/seed/writeSeed.ts; deleted after the VMs, pool and console logs,
 * with the stack's folder. A change of what a seed is made from replaces it (and so the VM that boots from it).
 */
function seedImages(settings: LibvirtConfig, stateDir: string): Record<AppName, command.local.Command> {
  const seeds = vmSeedSettings(settings.namePrefix, settings.hostOnlySubnet);
  const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
  const script = path.join(repoRoot, "stacks", "seed", "writeSeed.ts");
  const consoleDir = path.join(stateDir, "console");
  return Object.fromEntries(
    appNames.map((app) => {
      const outputPath = path.join(stateDir, "seeds", `${app}.iso`);
      const seedInput = JSON.stringify({ ...seeds[app], outputPath });
      const seed = new command.local.Command(`seed-${app}`, {
        // QEMU writes each serial console into stateDir/console, which must exist before the VMs start.
        create: `mkdir -p "${consoleDir}" && "${tsx}" "${script}" && echo "$LAB_SEED_OUTPUT"`,
        // Runs after the VMs and the pool are gone (the component depends on the seeds). The three seeds share their
        // folders and are deleted in parallel: whichever goes last removes them.
        delete: `rm -f "$LAB_SEED_OUTPUT"; rm -rf "${consoleDir}"; rmdir "$(dirname "$LAB_SEED_OUTPUT")" "${stateDir}" 2>/dev/null || true`,
        environment: { LAB_SEED: seedInput, LAB_SEED_OUTPUT: outputPath },
        triggers: [outputPath, JSON.stringify(seedFiles(seeds[app]))],
        logging: "stderr",
        // The new seed is written where the old one is, so the old one's delete must run first.
      }, { deleteBeforeReplace: true });
      return [app, seed];
    }),
  ) as Record<AppName, command.local.Command>;
}

/**
 * On a lab host over ssh, the stack's folder there: QEMU writes the consoles into it (the pool makes its own folder).
 * Made before the VMs, removed after them. The kernels must already be there (`npm run up` ships them).
 */
function labHostStateFolder(target: SshTarget, stateDir: string): command.local.Command {
  const ssh = (argv: string[]) => remoteCommandLine(["ssh", ...sshClientOptions(target), sshDestination(target), "--", remoteCommandLine(argv)]);
  return new command.local.Command("lab-host-folder", {
    create: ssh(["mkdir", "-p", path.posix.join(stateDir, "console")]),
    delete: ssh(["rm", "-rf", stateDir]),
    triggers: [sshDestination(target), stateDir],
    logging: "stderr",
  }, { deleteBeforeReplace: true });
}

function deployVms(settings: LibvirtConfig): Deployed {
  const images = readBuiltImages();
  const accelerator = resolveAccelerator(settings.accelerator, readAcceleratorChoice(), pulumi.getStack());
  // The seed ISOs are written here and uploaded by the provider; what QEMU opens by path lives on the lab host.
  const labHost = sshTargetOfLibvirtUri(settings.libvirtUri);
  const localStateDir = layout.libvirtStateDir(settings.namePrefix);
  const stateDir = labHost === undefined ? localStateDir : labHostLayout(labHost).libvirtStateDir(settings.namePrefix);
  const onLabHost = (file: string) => (labHost === undefined ? file : labHostImagePath(labHost, layout.images, file));
  const seeds = seedImages(settings, localStateDir);
  const labHostFolder = labHost === undefined ? [] : [labHostStateFolder(labHost, stateDir)];
  const deployment = new LibvirtApps("apps", {
    namePrefix: settings.namePrefix,
    libvirtUri: settings.libvirtUri,
    domainType: accelerator === "kvm" ? "kvm" : "qemu",
    memoryMiB: settings.memoryMiB,
    vcpus: settings.vcpus,
    diskMode: settings.diskMode,
    hostOnlySubnet: settings.hostOnlySubnet,
    tcgTranslationCacheMiB: settings.tcgTranslationCacheMiB,
    vmImage: {
      goldenPath: images.vm.goldenPath,
      kernelPath: onLabHost(images.vm.kernelPath),
      initrdPath: onLabHost(settings.vmProfile === "tuned" ? images.vm.tunedInitrdPath : images.vm.initrdPath),
      kernelCmdline: kernelCmdlineFor(settings.vmProfile, images.vm.kernelCmdline),
    },
    stateDir,
    seedImages: Object.fromEntries(appNames.map((app) => [app, seeds[app].stdout])) as Record<AppName, pulumi.Output<string>>,
    labels,
  }, { dependsOn: [...Object.values(seeds), ...labHostFolder] });
  return { executionMode: accelerator, profile: settings.vmProfile, instances: deployment.instances, webUrl: `http://${appAddresses(settings.hostOnlySubnet).web}/` };
}

function deploy(settings: LabConfig): Deployed {
  switch (settings.platform) {
    case "docker":
      return deployContainers(settings);
    case "libvirt":
      return deployVms(settings);
  }
}

const deployed = deploy(labConfig);

export const platform = labConfig.platform;
export const executionMode = deployed.executionMode;
export const profile = deployed.profile;
export const instances = deployed.instances;
export const webUrl = deployed.webUrl;
