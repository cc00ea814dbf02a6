import * as command from "@pulumi/command";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { appNames, apps, type AppName, type ContainerNeeds } from "../../model/catalog/apps";
import type { AppInstance } from "../../model/deployment";
import { dockerEngineNames } from "../../model/engineNames";
import type { ContainerRestartPolicy } from "../../model/labConfig";
import type { BootProfile } from "../../model/bootProfile";
import { unattendedSshOptions } from "../../model/sshTarget";
import { appAddresses } from "./appAddresses";

const mebibyte = 1024 * 1024;
/** A holder runs only `sleep`. */
const netnsHolderMemoryMiB = 16;

export interface DockerAppsArgs {
  /** Prefix of the network, volume and container names on the engine. */
  namePrefix: string;
  /** Local image of each app (built by `npm run images`; never pulled). */
  images: Record<AppName, pulumi.Input<string>>;
  /** Local base image the apps' images are built on: the tuned profile's network namespace holders run it. */
  baseImage: pulumi.Input<string>;
  /** 127.0.0.1 port on which each app is published (typical profile). */
  hostPorts: Record<AppName, number>;
  /**
   * typical: each app in its own container on the lab network, published on 127.0.0.1 through Docker's port proxy.
   * tuned: no published port (the host reaches the app's address on the bridge), and each app's container joins a
   * network namespace that a holder container keeps, as the pause container of a Kubernetes pod does: the app's start
   * then makes no namespace, veth pair or DNS resolver of its own.
   */
  profile: BootProfile;
  /** The lab network's /24; the apps get .11, .12 and .13. */
  subnet: string;
  /** Memory limit of each container, in MiB. */
  memoryMiB: Record<AppName, number>;
  restartPolicy: ContainerRestartPolicy;
  /** Engine the resources are made on, as a DOCKER_HOST URL. */
  dockerHost: string;
  /** Labels put on every resource, marking it as the lab's. */
  labels: Record<string, string>;
}

function labelList(labels: Record<string, string>): { label: string; value: string }[] {
  return Object.entries(labels).map(([label, value]) => ({ label, value }));
}

/** tmpfs options of a scratch folder: a size cap, and nothing executable, no devices, no setuid files. */
function scratchMountOptions(sizeMiB: number): string {
  return `rw,noexec,nosuid,nodev,size=${sizeMiB}m`;
}

/** Least privilege from what the app needs: no other capability, no new privileges, a read-only root with tmpfs where it writes. */
function confinementArgs(needs: ContainerNeeds): Pick<docker.ContainerArgs, "capabilities" | "securityOpts" | "readOnly" | "tmpfs"> {
  const scratch = Object.entries(needs.scratchDirs);
  return {
    capabilities: { drops: ["ALL"], adds: needs.capabilities },
    securityOpts: ["no-new-privileges:true"],
    readOnly: true,
    tmpfs: scratch.length === 0 ? undefined : Object.fromEntries(scratch.map(([dir, sizeMiB]) => [dir, scratchMountOptions(sizeMiB)])),
  };
}

/** The three apps as containers on one lab network that cannot reach beyond the host. */
export class DockerApps extends pulumi.ComponentResource {
  public readonly instances: pulumi.Output<AppInstance[]>;
  public readonly networkName: pulumi.Output<string>;

  constructor(name: string, args: DockerAppsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("vm-container-lab:platform:DockerApps", name, {}, opts);
    const engineNames = dockerEngineNames(args.namePrefix);
    // Over ssh the provider runs the ssh client: it must fail on a refused key or unknown host, never wait for a prompt.
    const sshOpts = args.dockerHost.startsWith("ssh://") ? [...unattendedSshOptions] : undefined;
    const provider = new docker.Provider(`${name}-engine`, { host: args.dockerHost, sshOpts }, { parent: this });
    const childOptions = { parent: this, provider };

    const addresses = appAddresses(args.subnet);
    const network = new docker.Network(`${name}-network`, {
      name: engineNames.network,
      driver: "bridge",
      ipamConfigs: [{ subnet: args.subnet }],
      options: { "com.docker.network.bridge.enable_ip_masquerade": "false", "com.docker.network.bridge.name": engineNames.bridge },
      labels: labelList(args.labels),
    }, childOptions);

    const dataMounts: Partial<Record<AppName, docker.types.input.ContainerVolume>> = {};
    for (const appName of appNames) {
      const dataDir = apps[appName].container.dataDir;
      if (dataDir === undefined) continue;
      const volume = new docker.Volume(`${name}-${appName}-data`, { name: engineNames.volumes[appName], labels: labelList(args.labels) }, childOptions);
      dataMounts[appName] = { volumeName: volume.name, containerPath: dataDir };
    }

    const labNetwork = (appName: AppName): Pick<docker.ContainerArgs, "networksAdvanced"> => ({
      networksAdvanced: [{ name: network.name, aliases: [appName], ipv4Address: addresses[appName] }],
    });
    const netnsHolders = {} as Partial<Record<AppName, docker.Container>>;
    if (args.profile === "tuned") {
      for (const appName of appNames) {
        netnsHolders[appName] = new docker.Container(`${name}-${appName}-netns`, {
          name: engineNames.netnsHolders[appName],
          image: args.baseImage,
          command: ["sleep", "infinity"],
          ...labNetwork(appName),
          labels: labelList({ ...args.labels, "vm-container-lab.netns-of": appName }),
          memory: netnsHolderMemoryMiB,
          memorySwap: netnsHolderMemoryMiB,
          restart: args.restartPolicy,
          // sleep as PID 1 ignores SIGTERM, and it has nothing to finish.
          stopSignal: "SIGKILL",
          ...confinementArgs({ capabilities: [], scratchDirs: {}, maxTasks: 1 }),
        }, childOptions);
      }
    }

    const containers = {} as Record<AppName, docker.Container>;
    for (const appName of appNames) {
      const app = apps[appName];
      const dataMount = dataMounts[appName];
      const netnsHolder = netnsHolders[appName];
      // Container names are fixed, so a replacement (a new image or capability set) must remove the old one first.
      const options = { ...childOptions, dependsOn: app.dependsOn.map((dependency) => containers[dependency]), deleteBeforeReplace: true };
      containers[appName] = new docker.Container(`${name}-${appName}`, {
        name: engineNames.containers[appName],
        image: args.images[appName],
        ...(netnsHolder === undefined
          ? { ...labNetwork(appName), ports: [{ internal: app.port, external: args.hostPorts[appName], ip: "127.0.0.1" }] }
          : { networkMode: pulumi.interpolate`container:${netnsHolder.id}` }),
        envs: Object.entries(app.environment).map(([key, value]) => `${key}=${value}`),
        labels: labelList({ ...args.labels, "vm-container-lab.app": appName }),
        memory: args.memoryMiB[appName],
        // Equal to memory: no swap on top of the limit (Docker would otherwise allow as much again).
        memorySwap: args.memoryMiB[appName],
        restart: args.restartPolicy,
        volumes: dataMount ? [dataMount] : [],
        ...confinementArgs(app.container),
      }, options);
      // The docker provider has no pids limit (upstream's docker_container lacks pids_limit), so the engine gets it
      // right after the container started; a new container id replaces the command, so a new container gets it too.
      new command.local.Command(`${name}-${appName}-pids-limit`, {
        create: pulumi.interpolate`docker update --pids-limit ${app.container.maxTasks} ${containers[appName].id}`,
        environment: { DOCKER_HOST: args.dockerHost },
        triggers: [containers[appName].id],
        logging: "stderr",
      }, { parent: this });
    }

    this.networkName = network.name;
    this.instances = pulumi.all(appNames.map((appName) => containers[appName].id)).apply((ids) =>
      appNames.map((appName, index): AppInstance => ({
        app: appName,
        kind: "container",
        name: engineNames.containers[appName],
        instanceId: ids[index],
        endpoint: args.profile === "typical"
          ? { host: "127.0.0.1", port: args.hostPorts[appName], via: "lo" }
          : { host: addresses[appName], port: apps[appName].port, via: engineNames.bridge },
        memoryLimitBytes: args.memoryMiB[appName] * mebibyte,
      })),
    );
    this.registerOutputs({ instances: this.instances, networkName: this.networkName });
  }
}
