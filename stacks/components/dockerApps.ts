import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { appNames, apps, type AppName } from "../catalog/apps";
import type { AppInstance } from "../deployment";
import type { ContainerRestartPolicy } from "../labConfig";

const mebibyte = 1024 * 1024;

export interface DockerAppsArgs {
  /** Prefix of the network, volume and container names on the engine. */
  namePrefix: string;
  /** Local image of each app (built by `npm run images`; never pulled). */
  images: Record<AppName, pulumi.Input<string>>;
  /** 127.0.0.1 port on which each app is published. */
  hostPorts: Record<AppName, number>;
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

/** The three apps as containers on one lab network that cannot reach beyond the host. */
export class DockerApps extends pulumi.ComponentResource {
  public readonly instances: pulumi.Output<AppInstance[]>;
  public readonly networkName: pulumi.Output<string>;

  constructor(name: string, args: DockerAppsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("vm-container-lab:platform:DockerApps", name, {}, opts);
    const provider = new docker.Provider(`${name}-engine`, { host: args.dockerHost }, { parent: this });
    const childOptions = { parent: this, provider };

    const network = new docker.Network(`${name}-network`, {
      name: `${args.namePrefix}-net`,
      driver: "bridge",
      options: { "com.docker.network.bridge.enable_ip_masquerade": "false" },
      labels: labelList(args.labels),
    }, childOptions);

    const redisData = new docker.Volume(`${name}-db-data`, { name: `${args.namePrefix}-db-data`, labels: labelList(args.labels) }, childOptions);

    const containers = {} as Record<AppName, docker.Container>;
    for (const appName of appNames) {
      const app = apps[appName];
      containers[appName] = new docker.Container(`${name}-${appName}`, {
        name: `${args.namePrefix}-${appName}`,
        image: args.images[appName],
        networksAdvanced: [{ name: network.name, aliases: [appName] }],
        ports: [{ internal: app.port, external: args.hostPorts[appName], ip: "127.0.0.1" }],
        envs: Object.entries(app.environment).map(([key, value]) => `${key}=${value}`),
        labels: labelList({ ...args.labels, "vm-container-lab.app": appName }),
        memory: args.memoryMiB[appName],
        // Equal to memory: no swap on top of the limit (Docker would otherwise allow as much again).
        memorySwap: args.memoryMiB[appName],
        restart: args.restartPolicy,
        volumes: appName === "db" ? [{ volumeName: redisData.name, containerPath: "/var/lib/redis" }] : [],
      }, { ...childOptions, dependsOn: app.dependsOn.map((dependency) => containers[dependency]) });
    }

    this.networkName = network.name;
    this.instances = pulumi.all(appNames.map((appName) => containers[appName].id)).apply((ids) =>
      appNames.map((appName, index): AppInstance => ({
        app: appName,
        kind: "container",
        name: `${args.namePrefix}-${appName}`,
        instanceId: ids[index],
        endpoint: { host: "127.0.0.1", port: args.hostPorts[appName] },
        memoryLimitBytes: args.memoryMiB[appName] * mebibyte,
      })),
    );
    this.registerOutputs({ instances: this.instances, networkName: this.networkName });
  }
}
