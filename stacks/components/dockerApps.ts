import * as pulumi from "@pulumi/pulumi";
import { appNames, apps, type AppName } from "../catalog/apps";
import type { AppInstance } from "../deployment";
import type { ContainerRestartPolicy } from "../labConfig";
import * as docker from "../providers/docker";

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

/** The three apps as containers on one lab network that cannot reach beyond the host. */
export class DockerApps extends pulumi.ComponentResource {
  public readonly instances: pulumi.Output<AppInstance[]>;
  public readonly networkName: pulumi.Output<string>;

  constructor(name: string, args: DockerAppsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("vm-container-lab:platform:DockerApps", name, {}, opts);

    const network = new docker.Network(`${name}-network`, {
      name: `${args.namePrefix}-net`,
      ipMasquerade: false,
      labels: args.labels,
      dockerHost: args.dockerHost,
    }, { parent: this });

    const redisData = new docker.Volume(`${name}-db-data`, {
      name: `${args.namePrefix}-db-data`,
      labels: args.labels,
      dockerHost: args.dockerHost,
    }, { parent: this });

    const containers = {} as Record<AppName, docker.Container>;
    for (const appName of appNames) {
      const app = apps[appName];
      containers[appName] = new docker.Container(`${name}-${appName}`, {
        name: `${args.namePrefix}-${appName}`,
        image: args.images[appName],
        networks: [{ name: network.name, aliases: [appName] }],
        ports: [{ internal: app.port, external: args.hostPorts[appName] }],
        env: app.environment,
        labels: { ...args.labels, "vm-container-lab.app": appName },
        memoryBytes: args.memoryMiB[appName] * mebibyte,
        restartPolicy: args.restartPolicy,
        volumes: appName === "db" ? [{ volumeName: redisData.name, containerPath: "/var/lib/redis" }] : [],
        dockerHost: args.dockerHost,
      }, { parent: this, dependsOn: app.dependsOn.map((dependency) => containers[dependency]) });
    }

    this.networkName = network.name;
    this.instances = pulumi.all(appNames.map((appName) => containers[appName].containerId)).apply((ids) =>
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
