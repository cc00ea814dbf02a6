import * as net from "node:net";
import type { Stack } from "@pulumi/pulumi/automation";
import { appNames } from "../../model/catalog/apps";
import { bridgeName, stackMarkerKey } from "../../model/engineNames";
import { ConfigError, parseLabConfig, type DockerConfig, type LabConfig, type LibvirtConfig } from "../../model/labConfig";
import { resolveAccelerator } from "../../model/accelerator";
import { ensureAcceleratorChoice } from "./acceleratorChoice";
import { $ } from "zx";
import { LabError } from "../../model/labError";
import { openLabHost } from "./remote/labHostAccess";

/**
 * Checks that run before the engine is asked to change anything: a value that cannot work on this host is refused
 * here with the command that fixes it, instead of being discovered after a working instance was deleted.
 */

/** The stack's configuration, validated as the program validates it. */
export async function stackSettings(stack: Stack, stackName: string): Promise<LabConfig> {
  const config = Object.fromEntries(Object.entries(await stack.getAllConfig()).map(([key, item]) => [key.replace(/^vm-container-lab:/, ""), item.value]));
  const parseObject = (key: string) => {
    try {
      return config[key] === undefined ? undefined : JSON.parse(config[key]);
    } catch {
      return config[key];
    }
  };
  return parseLabConfig({ get: (key) => config[key], getObject: parseObject }, stackName);
}

/** One line of a failed probe's output, for an error message. */
function lastLine(text: string): string {
  return text.trim().split("\n").filter(Boolean).slice(-1)[0] ?? "no output";
}

/** The engine the stack targets answers (the Docker host, or the libvirt URI); a lab host over ssh is checked first (login, CLI, group). */
export async function checkEngineAnswers(settings: LabConfig, stackName: string): Promise<void> {
  await (await openLabHost(settings, stackName)).close();
  if (settings.platform === "docker") {
    const answer = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`docker -H ${settings.dockerHost} version --format ${"{{.Server.Version}}"}`;
    if (!answer.ok) {
      throw new LabError(
        `The Docker engine at ${settings.dockerHost} (vm-container-lab:dockerHost of stack ${stackName}) does not answer: ${lastLine(answer.stderr || answer.stdout)}.`,
        settings.dockerHost.startsWith("unix://")
          ? "`npm run bootstrap` starts the local engine; for another engine, `npm run pulumi -- config set -s docker vm-container-lab:dockerHost URL`."
          : `start that engine or fix the URL: \`npm run pulumi -- config set -s ${stackName} vm-container-lab:dockerHost URL\`.`,
      );
    }
    return;
  }
  const answer = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`virsh -c ${settings.libvirtUri} uri`;
  if (!answer.ok) {
    throw new LabError(
      `libvirt at ${settings.libvirtUri} (vm-container-lab:libvirtUri of stack ${stackName}) does not answer: ${lastLine(answer.stderr || answer.stdout)}.`,
      settings.libvirtUri === "qemu:///system"
        ? "`npm run bootstrap` starts virtlogd and libvirtd."
        : `start libvirtd there or fix the URI: \`npm run pulumi -- config set -s ${stackName} vm-container-lab:libvirtUri URI\`.`,
    );
  }
}

/** The accelerator setting against this host's probe (probing once when none ran yet). */
export async function checkAccelerator(settings: LibvirtConfig, stackName: string, log: (line: string) => void): Promise<void> {
  const choice = await ensureAcceleratorChoice(log);
  const accelerator = resolveAccelerator(settings.accelerator, choice, stackName);
  log(`accelerator: ${accelerator} (setting ${settings.accelerator}; probe of ${choice.probedAt}: ${choice.chosen})`);
}

/** Host ports that `docker ps --format '{{.Ports}}'` shows published, e.g. "127.0.0.1:18080->80/tcp". */
export function publishedHostPorts(portsListing: string): number[] {
  return [...portsListing.matchAll(/:(\d+)->/g)].map((match) => Number(match[1]));
}

/** Whether a listener already holds 127.0.0.1:PORT (binding it fails). */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/** Each app's host port is free, or already published by this stack's own containers. */
export async function checkHostPorts(settings: DockerConfig, stackName: string): Promise<void> {
  const own = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`docker -H ${settings.dockerHost} ps --filter ${`label=${stackMarkerKey}=${stackName}`} --format ${"{{.Ports}}"}`;
  const ownPorts = publishedHostPorts(own.stdout);
  for (const app of appNames) {
    const port = settings.hostPorts[app];
    if (ownPorts.includes(port) || !(await portTaken(port))) continue;
    const holder = await $({ nothrow: true, quiet: true, timeout: "10s", timeoutSignal: "SIGKILL" })`ss -ltnpH ${`sport = :${port}`}`;
    const process = /users:\(\("([^"]+)",pid=(\d+)/.exec(holder.stdout);
    throw new ConfigError(stackName, `hostPorts.${app}`, port, `a port that is free on 127.0.0.1 (${port} is taken by ${process ? `${process[1]}, pid ${process[2]}` : "another listener"})`);
  }
}

/** "10.77.0.0/24" → [first, last] address as integers. */
export function cidrRange(cidr: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr);
  if (!match) return undefined;
  const address = match.slice(1, 5).reduce((value, octet) => value * 256 + Number(octet), 0);
  const bits = match[5] === undefined ? 32 : Number(match[5]);
  const size = 2 ** (32 - bits);
  const first = address - (address % size);
  return [first, first + size - 1];
}

export function cidrsOverlap(a: string, b: string): boolean {
  const first = cidrRange(a);
  const second = cidrRange(b);
  return first !== undefined && second !== undefined && first[0] <= second[1] && second[0] <= first[1];
}

/** Routes from `ip -j route show` that overlap the subnet and do not go through the stack's own bridge. */
export function conflictingRoutes(routesJson: string, subnet: string, ownBridge: string): { dst: string; dev: string }[] {
  const routes = JSON.parse(routesJson) as { dst: string; dev?: string }[];
  return routes
    .filter((route) => route.dst !== "default" && route.dev !== ownBridge && cidrsOverlap(route.dst, subnet))
    .map((route) => ({ dst: route.dst, dev: route.dev ?? "?" }));
}

/** The VMs' host-only subnet must not shadow a network this host already routes elsewhere. */
export async function checkSubnet(settings: LibvirtConfig, stackName: string): Promise<void> {
  const routes = await $({ nothrow: true, quiet: true, timeout: "10s", timeoutSignal: "SIGKILL" })`ip -j route show`;
  if (!routes.ok) return;
  const conflicts = conflictingRoutes(routes.stdout, settings.hostOnlySubnet, bridgeName(settings.namePrefix));
  if (conflicts.length > 0) {
    const routed = conflicts.map((route) => `${route.dst} via ${route.dev}`).join(", ");
    throw new ConfigError(stackName, "hostOnlySubnet", settings.hostOnlySubnet, `a private /24 this host does not route already (it routes ${routed})`);
  }
}
