import * as pulumi from "@pulumi/pulumi";
import { describeFailure, ProgramResult, runProgram } from "./exec";
import {
  checkInput,
  diffProperties,
  InputFailure,
  isNonEmptyString,
  isPortNumber,
  isStringMap,
  mapKnownItems,
  PropertyDiff,
  updatedOutputs,
  withoutProvider,
} from "./properties";

/**
 * Docker networks, volumes and containers as Pulumi dynamic resources that drive the local `docker` CLI.
 *
 * The provider objects below are serialized into the stack state by Pulumi, so they and every helper they
 * call are plain module-level functions over Node built-ins (see exec.ts). Nothing here ever pulls an image.
 */

/** The engine the lab talks to when neither `dockerHost` nor DOCKER_HOST says otherwise. */
export const defaultDockerHost = "unix:///var/run/docker.sock";

/** The Docker engine to use: the explicit value, else DOCKER_HOST from `env`, else the local socket. */
export function resolveDockerHost(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return explicit ?? (env.DOCKER_HOST || defaultDockerHost);
}

/** Docker's own rule for container, network and volume names. */
export function isDockerName(value: unknown): boolean {
  return typeof value === "string" && /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value);
}

/** True when a failed docker command only says that the object does not exist (any more). */
export function isDockerNotFound(output: string): boolean {
  return /no such (container|network|volume|object|image)|\bnot found\b/i.test(output);
}

/** `--label key=value` pairs, sorted by key so that the same labels always give the same command. */
export function labelArgs(labels: Record<string, string>): string[] {
  return Object.keys(labels)
    .sort()
    .flatMap((key) => ["--label", `${key}=${labels[key]}`]);
}

function dockerEnvironment(dockerHost: string): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: dockerHost };
}

function dockerProbe(args: readonly string[], dockerHost: string): Promise<ProgramResult> {
  return runProgram("docker", args, { env: dockerEnvironment(dockerHost) });
}

async function docker(args: readonly string[], dockerHost: string): Promise<string> {
  const result = await dockerProbe(args, dockerHost);
  if (result.exitCode !== 0) {
    throw new Error(describeFailure("docker", args, result));
  }
  return result.stdout.trim();
}

/** Runs a removal command; an object that is already gone counts as removed. */
async function dockerRemove(args: readonly string[], dockerHost: string): Promise<void> {
  const result = await dockerProbe(args, dockerHost);
  if (result.exitCode !== 0 && !isDockerNotFound(result.stderr)) {
    throw new Error(describeFailure("docker", args, result));
  }
}

/** Inspects an object for `pulumi refresh`: its inspected value, or undefined when the engine no longer has it. */
async function dockerInspect(kind: "container" | "network" | "volume", idOrName: string, format: string, dockerHost: string): Promise<string | undefined> {
  const args = [kind, "inspect", "--format", format, idOrName];
  const result = await dockerProbe(args, dockerHost);
  if (result.exitCode === 0) {
    return result.stdout.trim();
  }
  if (isDockerNotFound(result.stderr)) {
    return undefined;
  }
  throw new Error(describeFailure("docker", args, result));
}

/** Refuses to take over an object somebody else made: the provider only ever deletes what it created. */
async function requireAbsent(kind: "network" | "volume", name: string, dockerHost: string): Promise<void> {
  if ((await dockerInspect(kind, name, "{{.Name}}", dockerHost)) !== undefined) {
    throw new Error(`A Docker ${kind} named "${name}" already exists and was not made by this stack. Remove it (docker ${kind} rm ${name}) or choose another name.`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Network

/** Arguments of a Docker bridge network. */
export interface NetworkArgs {
  /** Name of the network on the engine. */
  name: pulumi.Input<string>;
  /** Labels put on the network. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** When true, containers on the network cannot reach anything outside it (`docker network create --internal`). */
  internal?: pulumi.Input<boolean>;
  /** Whether traffic leaving the network is masqueraded (NATed) to the host's addresses; false unless set. */
  ipMasquerade?: pulumi.Input<boolean>;
  /** Subnet in CIDR form, e.g. 172.30.10.0/24; Docker picks one when absent. */
  subnet?: pulumi.Input<string>;
  /** Engine to talk to, as DOCKER_HOST; default: DOCKER_HOST of the Pulumi process, else unix:///var/run/docker.sock. */
  dockerHost?: pulumi.Input<string>;
}

/** A network's inputs after check: every default filled in. */
export interface NetworkInputs {
  name: string;
  labels: Record<string, string>;
  internal: boolean;
  ipMasquerade: boolean;
  subnet?: string;
  dockerHost: string;
}

/** What the state records for a network. */
export interface NetworkOutputs extends NetworkInputs {
  networkId: string;
}

/** Fills in a network's defaults and lists the inputs Docker would reject. */
export function checkNetworkInputs(news: Partial<NetworkInputs>, env: NodeJS.ProcessEnv): { inputs: NetworkInputs; failures: InputFailure[] } {
  const inputs = {
    ...news,
    labels: news.labels ?? {},
    internal: news.internal ?? false,
    ipMasquerade: news.ipMasquerade ?? false,
    dockerHost: resolveDockerHost(news.dockerHost, env),
  } as NetworkInputs;
  const failures: InputFailure[] = [];
  checkInput(failures, "name", inputs.name, isDockerName, "must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
  checkInput(failures, "labels", inputs.labels, isStringMap, "must map label names to strings");
  checkInput(failures, "subnet", inputs.subnet, (subnet) => subnet === undefined || (typeof subnet === "string" && /^[0-9a-fA-F.:]+\/\d{1,3}$/.test(subnet)), "must be a CIDR block such as 172.30.10.0/24");
  return { inputs, failures };
}

/** The `docker` arguments that create a network. */
export function networkCreateArgs(inputs: NetworkInputs): string[] {
  return [
    "network",
    "create",
    "--driver",
    "bridge",
    ...labelArgs(inputs.labels),
    ...(inputs.internal ? ["--internal"] : []),
    "--opt",
    `com.docker.network.bridge.enable_ip_masquerade=${inputs.ipMasquerade}`,
    ...(inputs.subnet === undefined ? [] : ["--subnet", inputs.subnet]),
    inputs.name,
  ];
}

/** Every network input forces a replacement: Docker cannot change a network in place. */
export function diffNetwork(olds: NetworkOutputs, news: NetworkInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, {
    replaceOnChange: ["name", "labels", "internal", "ipMasquerade", "subnet", "dockerHost"],
    stableOutputs: ["networkId"],
    deleteBeforeReplace: true,
  });
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const networkProvider: pulumi.dynamic.ResourceProvider<NetworkInputs, NetworkOutputs> = {
  async check(_olds, news) {
    return checkNetworkInputs(news, process.env);
  },
  async diff(_id, olds, news) {
    return diffNetwork(olds, news);
  },
  async create(inputs) {
    await requireAbsent("network", inputs.name, inputs.dockerHost);
    const networkId = await docker(networkCreateArgs(inputs), inputs.dockerHost);
    return { id: networkId, outs: { ...withoutProvider(inputs), networkId } };
  },
  async read(id, props) {
    const outputs = props as NetworkOutputs;
    const networkId = await dockerInspect("network", id, "{{.Id}}", outputs.dockerHost);
    return networkId === undefined ? { id: "" } : { id, props: { ...outputs, networkId } };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<NetworkOutputs>(olds, news, ["networkId"]) };
  },
  async delete(id, props) {
    await dockerRemove(["network", "rm", id], props.dockerHost);
  },
};

/** A Docker bridge network; masquerading stays off unless `ipMasquerade` is set. */
export class Network extends pulumi.dynamic.Resource {
  /** The engine's id of the network. */
  declare public readonly networkId: pulumi.Output<string>;
  /** Name of the network on the engine. */
  declare public readonly name: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.CustomResourceOptions) {
    super(networkProvider, name, { ...args, networkId: undefined }, opts, "docker", "Network");
  }
}

// ---------------------------------------------------------------------------------------------------------
// Volume

/** Arguments of a named Docker volume (local driver). */
export interface VolumeArgs {
  /** Name of the volume on the engine. */
  name: pulumi.Input<string>;
  /** Labels put on the volume. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Engine to talk to, as DOCKER_HOST; default: DOCKER_HOST of the Pulumi process, else unix:///var/run/docker.sock. */
  dockerHost?: pulumi.Input<string>;
}

/** A volume's inputs after check: every default filled in. */
export interface VolumeInputs {
  name: string;
  labels: Record<string, string>;
  dockerHost: string;
}

/** What the state records for a volume. */
export interface VolumeOutputs extends VolumeInputs {
  volumeName: string;
}

/** Fills in a volume's defaults and lists the inputs Docker would reject. */
export function checkVolumeInputs(news: Partial<VolumeInputs>, env: NodeJS.ProcessEnv): { inputs: VolumeInputs; failures: InputFailure[] } {
  const inputs = { ...news, labels: news.labels ?? {}, dockerHost: resolveDockerHost(news.dockerHost, env) } as VolumeInputs;
  const failures: InputFailure[] = [];
  checkInput(failures, "name", inputs.name, isDockerName, "must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
  checkInput(failures, "labels", inputs.labels, isStringMap, "must map label names to strings");
  return { inputs, failures };
}

/** The `docker` arguments that create a volume. */
export function volumeCreateArgs(inputs: VolumeInputs): string[] {
  return ["volume", "create", ...labelArgs(inputs.labels), inputs.name];
}

/** Every volume input forces a replacement (which loses the volume's data). */
export function diffVolume(olds: VolumeOutputs, news: VolumeInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, { replaceOnChange: ["name", "labels", "dockerHost"], stableOutputs: ["volumeName"], deleteBeforeReplace: true });
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const volumeProvider: pulumi.dynamic.ResourceProvider<VolumeInputs, VolumeOutputs> = {
  async check(_olds, news) {
    return checkVolumeInputs(news, process.env);
  },
  async diff(_id, olds, news) {
    return diffVolume(olds, news);
  },
  async create(inputs) {
    await requireAbsent("volume", inputs.name, inputs.dockerHost);
    const volumeName = await docker(volumeCreateArgs(inputs), inputs.dockerHost);
    return { id: volumeName, outs: { ...withoutProvider(inputs), volumeName } };
  },
  async read(id, props) {
    const outputs = props as VolumeOutputs;
    const volumeName = await dockerInspect("volume", id, "{{.Name}}", outputs.dockerHost);
    return volumeName === undefined ? { id: "" } : { id, props: { ...outputs, volumeName } };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<VolumeOutputs>(olds, news, ["volumeName"]) };
  },
  async delete(id, props) {
    await dockerRemove(["volume", "rm", id], props.dockerHost);
  },
};

/** A named Docker volume. Deleting the resource deletes the volume and its data. */
export class Volume extends pulumi.dynamic.Resource {
  /** Name of the volume on the engine (its id). */
  declare public readonly volumeName: pulumi.Output<string>;
  /** Name of the volume on the engine, as given. */
  declare public readonly name: pulumi.Output<string>;

  constructor(name: string, args: VolumeArgs, opts?: pulumi.CustomResourceOptions) {
    super(volumeProvider, name, { ...args, volumeName: undefined }, opts, "docker", "Volume");
  }
}

// ---------------------------------------------------------------------------------------------------------
// Container

/** Docker's restart policies (`docker create --restart`). */
export type RestartPolicy = "no" | "unless-stopped" | "always" | "on-failure";

const restartPolicies: readonly string[] = ["no", "unless-stopped", "always", "on-failure"];

/** A network a container joins. */
export interface ContainerNetworkArgs {
  /** Name of the Docker network. */
  name: pulumi.Input<string>;
  /** Extra DNS names of the container on that network. */
  aliases?: pulumi.Input<pulumi.Input<string>[]>;
}

/** A container port published on the host. */
export interface ContainerPortArgs {
  /** Port inside the container (TCP). */
  internal: pulumi.Input<number>;
  /** Port on the host. */
  external: pulumi.Input<number>;
  /** Host address the port is bound to; 127.0.0.1 unless set, so nothing is reachable from other machines. */
  ip?: pulumi.Input<string>;
}

/** A named volume mounted into a container. */
export interface ContainerVolumeArgs {
  /** Name of the Docker volume. */
  volumeName: pulumi.Input<string>;
  /** Absolute path inside the container. */
  containerPath: pulumi.Input<string>;
}

/** Arguments of a container made from a local image. */
export interface ContainerArgs {
  /** Name of the container on the engine. */
  name: pulumi.Input<string>;
  /** Image reference; it must already be on the host (`npm run images`): nothing is ever pulled. */
  image: pulumi.Input<string>;
  /** Networks to join, the first one at creation; Docker's default bridge when empty. */
  networks?: pulumi.Input<pulumi.Input<ContainerNetworkArgs>[]>;
  /** Ports published on the host. */
  ports?: pulumi.Input<pulumi.Input<ContainerPortArgs>[]>;
  /** Environment variables of the container. */
  env?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Labels put on the container. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Memory limit in bytes (Docker's minimum is 6 MiB); unlimited when absent. */
  memoryBytes?: pulumi.Input<number>;
  /** What Docker does when the container stops; "no" unless set. */
  restartPolicy?: pulumi.Input<RestartPolicy>;
  /** Command and arguments replacing the image's CMD. */
  command?: pulumi.Input<pulumi.Input<string>[]>;
  /** Named volumes to mount. */
  volumes?: pulumi.Input<pulumi.Input<ContainerVolumeArgs>[]>;
  /** Engine to talk to, as DOCKER_HOST; default: DOCKER_HOST of the Pulumi process, else unix:///var/run/docker.sock. */
  dockerHost?: pulumi.Input<string>;
}

/** A container's network after check. */
export interface ContainerNetwork {
  name: string;
  aliases: string[];
}

/** A published port after check. */
export interface ContainerPort {
  internal: number;
  external: number;
  ip: string;
}

/** A mounted volume after check. */
export interface ContainerVolume {
  volumeName: string;
  containerPath: string;
}

/** A container's inputs after check: every default filled in. */
export interface ContainerInputs {
  name: string;
  image: string;
  networks: ContainerNetwork[];
  ports: ContainerPort[];
  env: Record<string, string>;
  labels: Record<string, string>;
  memoryBytes?: number;
  restartPolicy: RestartPolicy;
  command: string[];
  volumes: ContainerVolume[];
  dockerHost: string;
}

/** What the state records for a container. */
export interface ContainerOutputs extends ContainerInputs {
  containerId: string;
}

/** The host address ports are published on unless a port says otherwise. */
export const defaultPublishAddress = "127.0.0.1";

/** Docker refuses memory limits below 6 MiB. */
const minimumMemoryBytes = 6 * 1024 * 1024;

/** Fills in a container's defaults and lists the inputs Docker would reject. Unknown values (previews) pass unchecked. */
export function checkContainerInputs(news: Partial<ContainerInputs>, env: NodeJS.ProcessEnv): { inputs: ContainerInputs; failures: InputFailure[] } {
  const inputs = {
    ...news,
    networks: mapKnownItems(news.networks ?? [], (network) => ({ ...network, aliases: network.aliases ?? [] })),
    ports: mapKnownItems(news.ports ?? [], (port) => ({ ...port, ip: port.ip ?? defaultPublishAddress })),
    env: news.env ?? {},
    labels: news.labels ?? {},
    restartPolicy: news.restartPolicy ?? "no",
    command: news.command ?? [],
    volumes: news.volumes ?? [],
    dockerHost: resolveDockerHost(news.dockerHost, env),
  } as ContainerInputs;
  const failures: InputFailure[] = [];
  checkInput(failures, "name", inputs.name, isDockerName, "must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
  checkInput(failures, "image", inputs.image, isNonEmptyString, "must name a local image");
  checkInput(failures, "env", inputs.env, isStringMap, "must map variable names to strings");
  checkInput(failures, "labels", inputs.labels, isStringMap, "must map label names to strings");
  checkInput(failures, "restartPolicy", inputs.restartPolicy, (policy) => restartPolicies.includes(policy as string), `must be one of ${restartPolicies.join(", ")}`);
  checkInput(failures, "memoryBytes", inputs.memoryBytes, (bytes) => bytes === undefined || (Number.isInteger(bytes) && (bytes as number) >= minimumMemoryBytes), `must be a whole number of bytes, at least ${minimumMemoryBytes}`);
  if (Array.isArray(inputs.ports)) {
    inputs.ports.forEach((port, index) => {
      checkInput(failures, `ports[${index}].internal`, port.internal, isPortNumber, "must be a port number from 1 to 65535");
      checkInput(failures, `ports[${index}].external`, port.external, isPortNumber, "must be a port number from 1 to 65535");
    });
  }
  if (Array.isArray(inputs.volumes)) {
    inputs.volumes.forEach((volume, index) => {
      checkInput(failures, `volumes[${index}].containerPath`, volume.containerPath, (path) => typeof path === "string" && path.startsWith("/") && !path.includes(":"), "must be an absolute path without ':'");
    });
  }
  return { inputs, failures };
}

/** `ip:external:internal` for `docker create --publish`, with IPv6 addresses in brackets. */
export function publishSpec(port: ContainerPort): string {
  const address = port.ip.includes(":") ? `[${port.ip}]` : port.ip;
  return `${address}:${port.external}:${port.internal}/tcp`;
}

/** The `docker` arguments that create (not start) a container, joined to its first network only. */
export function containerCreateArgs(inputs: ContainerInputs): string[] {
  const firstNetwork = inputs.networks[0];
  return [
    "create",
    "--name",
    inputs.name,
    "--pull",
    "never",
    ...labelArgs(inputs.labels),
    ...Object.keys(inputs.env)
      .sort()
      .flatMap((key) => ["--env", `${key}=${inputs.env[key]}`]),
    ...(inputs.memoryBytes === undefined ? [] : ["--memory", `${inputs.memoryBytes}b`]),
    "--restart",
    inputs.restartPolicy,
    ...inputs.ports.flatMap((port) => ["--publish", publishSpec(port)]),
    ...inputs.volumes.flatMap((volume) => ["--volume", `${volume.volumeName}:${volume.containerPath}`]),
    ...(firstNetwork === undefined ? [] : ["--network", firstNetwork.name, ...firstNetwork.aliases.flatMap((alias) => ["--network-alias", alias])]),
    inputs.image,
    ...inputs.command,
  ];
}

/** The `docker` arguments that join a created container to one more network. */
export function networkConnectArgs(containerId: string, network: ContainerNetwork): string[] {
  return ["network", "connect", ...network.aliases.flatMap((alias) => ["--alias", alias]), network.name, containerId];
}

/** Every container input forces a replacement: the container is created anew, never edited. */
export function diffContainer(olds: ContainerOutputs, news: ContainerInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, {
    replaceOnChange: ["name", "image", "networks", "ports", "env", "labels", "memoryBytes", "restartPolicy", "command", "volumes", "dockerHost"],
    stableOutputs: ["containerId"],
    deleteBeforeReplace: true,
  });
}

/** The error a missing image gives: the lab builds its images itself and never pulls. */
export function missingImageMessage(image: string): string {
  return `Docker image "${image}" is not on this host, and this lab never pulls images.\nFix: run \`npm run images\` to build the lab's images, then run the update again.`;
}

async function requireLocalImage(image: string, dockerHost: string): Promise<void> {
  const args = ["image", "inspect", "--format", "{{.Id}}", image];
  const result = await dockerProbe(args, dockerHost);
  if (result.exitCode === 0) {
    return;
  }
  if (isDockerNotFound(result.stderr)) {
    throw new Error(missingImageMessage(image));
  }
  throw new Error(describeFailure("docker", args, result));
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const containerProvider: pulumi.dynamic.ResourceProvider<ContainerInputs, ContainerOutputs> = {
  async check(_olds, news) {
    return checkContainerInputs(news, process.env);
  },
  async diff(_id, olds, news) {
    return diffContainer(olds, news);
  },
  async create(inputs) {
    await requireLocalImage(inputs.image, inputs.dockerHost);
    const containerId = await docker(containerCreateArgs(inputs), inputs.dockerHost);
    try {
      for (const network of inputs.networks.slice(1)) {
        await docker(networkConnectArgs(containerId, network), inputs.dockerHost);
      }
      await docker(["start", containerId], inputs.dockerHost);
    } catch (error) {
      await dockerRemove(["rm", "--force", containerId], inputs.dockerHost);
      throw error;
    }
    return { id: containerId, outs: { ...withoutProvider(inputs), containerId } };
  },
  async read(id, props) {
    const outputs = props as ContainerOutputs;
    const containerId = await dockerInspect("container", id, "{{.Id}}", outputs.dockerHost);
    return containerId === undefined ? { id: "" } : { id, props: { ...outputs, containerId } };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<ContainerOutputs>(olds, news, ["containerId"]) };
  },
  async delete(id, props) {
    await dockerRemove(["rm", "--force", "--volumes", id], props.dockerHost);
  },
};

/** A container made with `docker create`, joined to its networks and started. */
export class Container extends pulumi.dynamic.Resource {
  /** The engine's id of the container. */
  declare public readonly containerId: pulumi.Output<string>;
  /** Name of the container on the engine. */
  declare public readonly name: pulumi.Output<string>;

  constructor(name: string, args: ContainerArgs, opts?: pulumi.CustomResourceOptions) {
    super(containerProvider, name, { ...args, containerId: undefined }, opts, "docker", "Container");
  }
}
