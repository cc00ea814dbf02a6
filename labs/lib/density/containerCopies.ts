/** Density copies as containers: `docker run` of the stack's db image with its limits and confinement, on a network of their own. */
import { z } from "zod";
import { $ } from "zx";
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { densityEngineNames, stackMarkerKey } from "../../../model/engineNames";
import { LabError } from "../../../model/labError";
import { formatBytes } from "../doctorChecks";
import { measureContainerMemory } from "../measure/containerMeasure";
import type { DeployedStack } from "../measure/measureStack";
import { conflictingRoutes } from "../preflight";
import { checked } from "../shell";
import { copyAddress, type CopyPlatform } from "./copyPlatform";

/** The copies' network: a lab-only /24 beside the stacks' own (10.77 for VMs, 10.78 for containers). */
export const densityContainerSubnet = "10.76.0.0/24";

/** What the stack's db container runs with, as `docker container inspect` reports it. */
const inspectSchema = z
  .array(
    z.object({
      Image: z.string(),
      Config: z.object({ Image: z.string() }),
      HostConfig: z.object({
        Memory: z.number(),
        MemorySwap: z.number(),
        CapDrop: z.array(z.string()).nullable(),
        CapAdd: z.array(z.string()).nullable(),
        SecurityOpt: z.array(z.string()).nullable(),
        ReadonlyRootfs: z.boolean(),
        Tmpfs: z.record(z.string(), z.string()).nullish(),
        PidsLimit: z.number().nullish(),
      }),
      Mounts: z.array(z.object({ Type: z.string(), Destination: z.string() })),
    }),
  )
  .length(1);

/** The settings copies take over from the stack's db container. */
export interface ContainerTemplate {
  /** Image id the stack's container runs, and its tag. */
  imageId: string;
  imageTag: string;
  memoryBytes: number;
  memorySwapBytes: number;
  capDrop: string[];
  capAdd: string[];
  securityOpts: string[];
  readOnlyRootFs: boolean;
  /** tmpfs mounts: folder → mount options. */
  tmpfs: Record<string, string>;
  pidsLimit?: number;
  /** Folders the stack mounts a volume on (the app's data): each copy gets an anonymous volume there. */
  volumeDestinations: string[];
}

/** The template from `docker container inspect` of the stack's db container. */
export function containerTemplate(inspectJson: string): ContainerTemplate {
  const parsed = inspectSchema.safeParse(JSON.parse(inspectJson));
  if (!parsed.success) throw new Error(`docker container inspect: not the one container expected (${parsed.error.issues[0]?.message ?? "unknown shape"})`);
  const [container] = parsed.data;
  const host = container.HostConfig;
  return {
    imageId: container.Image,
    imageTag: container.Config.Image,
    memoryBytes: host.Memory,
    memorySwapBytes: host.MemorySwap,
    capDrop: host.CapDrop ?? [],
    capAdd: host.CapAdd ?? [],
    securityOpts: host.SecurityOpt ?? [],
    readOnlyRootFs: host.ReadonlyRootfs,
    tmpfs: host.Tmpfs ?? {},
    ...(host.PidsLimit ? { pidsLimit: host.PidsLimit } : {}),
    volumeDestinations: container.Mounts.filter((mount) => mount.Type === "volume").map((mount) => mount.Destination),
  };
}

/** `docker run` arguments of one copy: the template's limits and confinement, the copy's name, address and labels; never restarted. */
export function copyRunArgs(template: ContainerTemplate, copy: { name: string; network: string; address: string; labels: Record<string, string> }): string[] {
  return [
    "--detach",
    "--name", copy.name,
    "--network", copy.network,
    "--ip", copy.address,
    "--restart", "no",
    ...Object.entries(copy.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]),
    "--memory", `${template.memoryBytes}b`,
    "--memory-swap", `${template.memorySwapBytes}b`,
    ...template.capDrop.flatMap((capability) => ["--cap-drop", capability]),
    ...template.capAdd.flatMap((capability) => ["--cap-add", capability]),
    ...template.securityOpts.flatMap((option) => ["--security-opt", option]),
    ...(template.readOnlyRootFs ? ["--read-only"] : []),
    ...Object.entries(template.tmpfs).flatMap(([dir, options]) => ["--tmpfs", options === "" ? dir : `${dir}:${options}`]),
    ...(template.pidsLimit === undefined ? [] : ["--pids-limit", String(template.pidsLimit)]),
    ...template.volumeDestinations.flatMap((dir) => ["--mount", `type=volume,destination=${dir}`]),
    template.imageId,
  ];
}

/** In words, for the results: what copies share with the stack's db and what each has of its own. */
export function containerCopySettings(template: ContainerTemplate, stackContainer: string, network: string): string {
  const confinement = [
    `memory limit ${formatBytes(template.memoryBytes)} (swap limit ${formatBytes(template.memorySwapBytes)})`,
    ...(template.capDrop.length > 0 ? [`cap-drop ${template.capDrop.join(",")}`] : []),
    ...(template.capAdd.length > 0 ? [`cap-add ${template.capAdd.join(",")}`] : []),
    ...template.securityOpts,
    ...(template.readOnlyRootFs ? ["read-only root"] : []),
    ...(template.pidsLimit === undefined ? [] : [`pids limit ${template.pidsLimit}`]),
  ];
  const own = [`an anonymous volume at ${template.volumeDestinations.join(", ") || "no folder"}`, `an address on ${network} (${densityContainerSubnet}, internal, no masquerade)`, "no published port", "no restart policy"];
  return `image ${template.imageTag} with ${confinement.join(", ")}, read from ${stackContainer}; each copy has ${own.join(", ")}`;
}

/** The docker side of a density run, for the deployed docker stack. */
export async function containerCopies(deployed: DeployedStack, db: AppInstance): Promise<CopyPlatform> {
  const dockerHost = deployed.dockerHost ?? "unix:///var/run/docker.sock";
  const docker = (args: string[]) => checked($({ quiet: true, timeout: "2m", timeoutSignal: "SIGKILL" })`docker -H ${dockerHost} ${args}`);
  const names = densityEngineNames(deployed.namePrefix);
  const template = containerTemplate((await docker(["container", "inspect", db.name])).stdout);
  const marker = { "vm-container-lab": "true", [stackMarkerKey]: deployed.stack };

  const removeAll = async (): Promise<string[]> => {
    const listed = (await docker(["ps", "--all", "--format", "{{.Names}}"])).stdout.split("\n").map((line) => line.trim());
    const copies = listed.filter(names.isCopy);
    if (copies.length > 0) await docker(["rm", "--force", "--volumes", ...copies]);
    const network = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`docker -H ${dockerHost} network inspect ${names.network}`;
    if (network.ok) await docker(["network", "rm", names.network]);
    return [...copies, ...(network.ok ? [names.network] : [])];
  };

  return {
    kind: "container",
    startCall: "docker run",
    settings: containerCopySettings(template, db.name, names.network),
    memoryLimitBytes: template.memoryBytes,
    prepare: async () => {
      await removeAll();
      const routes = await $({ nothrow: true, quiet: true, timeout: "10s", timeoutSignal: "SIGKILL" })`ip -j route show`;
      const conflicts = routes.ok ? conflictingRoutes(routes.stdout, densityContainerSubnet, names.bridge) : [];
      if (conflicts.length > 0) {
        throw new LabError(
          `The density copies' network ${densityContainerSubnet} overlaps what this host routes already (${conflicts.map((route) => `${route.dst} via ${route.dev}`).join(", ")}).`,
          "free that range on this host; the lab keeps it for `npm run density -- docker`.",
        );
      }
      await docker([
        "network", "create",
        "--driver", "bridge",
        "--internal",
        "--subnet", densityContainerSubnet,
        "--opt", "com.docker.network.bridge.enable_ip_masquerade=false",
        "--opt", `com.docker.network.bridge.name=${names.bridge}`,
        ...Object.entries(marker).flatMap(([key, value]) => ["--label", `${key}=${value}`]),
        names.network,
      ]);
    },
    prepareCopy: async (index) => {
      const name = names.copy(index);
      const address = copyAddress(densityContainerSubnet.split("/")[0], index);
      const args = copyRunArgs(template, { name, network: names.network, address, labels: { ...marker, "vm-container-lab.app": db.app, "vm-container-lab.density-copy": String(index) } });
      return {
        name,
        endpoint: { host: address, port: apps[db.app].port, via: names.bridge },
        start: async () => (await docker(["run", ...args])).stdout.trim(),
      };
    },
    memory: measureContainerMemory,
    removeAll,
  };
}
