import type { Endpoint } from "../../model/deployment";
import { LabError } from "../../model/labError";
import { localLabHost, type LabHost } from "./labHost";

/** The device in `ip -j route get ADDRESS`'s answer, e.g. [{"dst":"10.77.0.13","dev":"vmcl-libvirt-br",…}]. */
export function parseRouteDevice(json: string): string | undefined {
  try {
    const routes = JSON.parse(json) as { dev?: string }[];
    return routes[0]?.dev;
  } catch {
    return undefined;
  }
}

/**
 * Refuses a probe whose target the host would not reach through the endpoint's own device (`lo`, or the stack's
 * bridge): with the libvirt stack down, a VM's address is routed to the default gateway, and the lab's probes must
 * never leave this machine.
 */
export async function assertProbeStaysHome(endpoint: Endpoint, host: LabHost = localLabHost()): Promise<void> {
  const answer = await host.run(["ip", "-j", "route", "get", endpoint.host], { nothrow: true, timeoutMs: 5_000 });
  const device = answer.ok ? parseRouteDevice(answer.stdout) : undefined;
  if (device !== undefined && device === endpoint.via) return;
  const remedy = endpoint.via === "lo"
    ? "the app's port must be published on 127.0.0.1; re-deploy the stack (`npm run up -- docker`)."
    : `bring the stack up so its bridge ${endpoint.via} exists (\`npm run up -- libvirt\`), or check the host's routes with \`ip route get ${endpoint.host}\`.`;
  throw new LabError(
    `Refusing to probe ${endpoint.host}:${endpoint.port}: this host routes it through ${device ?? "no device"}, not through the lab's ${endpoint.via}, so a probe could leave the machine.`,
    remedy,
  );
}
