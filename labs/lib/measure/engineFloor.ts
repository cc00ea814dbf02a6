import * as net from "node:net";
import { performance } from "node:perf_hooks";
import { $ } from "zx";
import { checked } from "../shell";
import { httpStatusOf } from "../readiness";
import { localLabHost, type LabHost } from "../labHost";
import type { BootFloor } from "./resultsSchema";

/**
 * The container engine's floor: how long a no-op container made from the lab's base image takes from the start
 * request until it has exited, on the same host as the stack. What an app container takes beyond it is the app and
 * its ready check; the floor itself is the engine (runtime, namespaces, cgroups, network, storage mounts). Timed two
 * ways: through the Docker CLI (a process per call, as `docker start` in the boot samples) and through the Engine API
 * on the unix socket (no CLI process).
 */

/** The unix socket of a `unix://` Docker host; other hosts have no socket the lab can time the API on. */
export function engineSocket(dockerHost: string): string | undefined {
  return dockerHost.startsWith("unix://") ? dockerHost.slice("unix://".length) : undefined;
}

/**
 * One Engine API request on the unix socket: its status and body. HTTP/1.0 on a plain socket, not node:http: the engine
 * then answers without chunking and closes, and a boot sample's start request costs the measuring process about half
 * the CPU (it shares the host's cores with the instance being timed).
 */
export function engineRequest(socketPath: string, method: string, requestPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    let reply = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.end(`${method} ${requestPath} HTTP/1.0\r\nHost: docker\r\nContent-Length: 0\r\n\r\n`));
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const answer = parseHttpAnswer(reply);
      if (answer) resolve(answer);
      else reject(new Error(`Engine API ${method} ${requestPath}: not an HTTP answer: ${JSON.stringify(reply.slice(0, 200))}`));
    });
  });
}

/** Status and body of a whole HTTP/1.x answer; undefined for anything else. */
export function parseHttpAnswer(reply: string): { status: number; body: string } | undefined {
  const status = httpStatusOf(reply);
  const bodyAt = reply.indexOf("\r\n\r\n");
  return status === undefined || bodyAt < 0 ? undefined : { status, body: reply.slice(bodyAt + 4) };
}

async function timedApiRun(socketPath: string, containerId: string): Promise<number> {
  const started = performance.now();
  const start = await engineRequest(socketPath, "POST", `/containers/${containerId}/start`);
  if (start.status !== 204) throw new Error(`Engine API start of the floor container answered ${start.status}: ${start.body.trim()}`);
  const wait = await engineRequest(socketPath, "POST", `/containers/${containerId}/wait`);
  if (wait.status !== 200) throw new Error(`Engine API wait of the floor container answered ${wait.status}: ${wait.body.trim()}`);
  return performance.now() - started;
}

async function timedCliRun(dockerHost: string, containerId: string): Promise<number> {
  const started = performance.now();
  await checked($({ quiet: true })`docker -H ${dockerHost} start --attach ${containerId}`);
  return performance.now() - started;
}

/** One `docker start --attach` timed by the lab host's own clock, so that the figure holds no ssh round trip. */
async function timedCliRunOn(host: LabHost, containerId: string): Promise<number> {
  const timed = 'start=$(date +%s%N); docker start --attach "$1" >/dev/null || exit 1; end=$(date +%s%N); echo $(( (end - start) / 1000 ))';
  return Number((await checked(host.run(["sh", "-c", timed, "sh", containerId]))).stdout.trim()) / 1000;
}

/** The engine floor through the CLI on a lab host over ssh, run there against its own engine; the container is removed after. */
async function measureEngineFloorOn(host: LabHost, baseImage: string, samples: number): Promise<{ cli: BootFloor }> {
  const containerId = (await checked(host.run(["docker", "create", "--network", "none", "--label", "vm-container-lab=floor", baseImage, "/bin/true"]))).stdout.trim();
  try {
    const cliMs: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) cliMs.push(await timedCliRunOn(host, containerId));
    return { cli: { samplesMs: cliMs, method: `\`docker start --attach\` on the lab host ${host.description} (timed there) of a no-op container (/bin/true, no network) of the lab's base image ${baseImage}, until it exited` } };
  } finally {
    await host.run(["docker", "rm", "--force", containerId], { nothrow: true });
  }
}

/**
 * Samples of the engine floor through the CLI and, on a unix socket, the Engine API; the no-op container is removed
 * after. On a lab host over ssh, through the CLI there only.
 */
export async function measureEngineFloors(dockerHost: string, baseImage: string, samples: number, host: LabHost = localLabHost()): Promise<{ cli: BootFloor; api?: BootFloor }> {
  if (host.ssh !== undefined) return measureEngineFloorOn(host, baseImage, samples);
  const created = await checked($({ quiet: true })`docker -H ${dockerHost} create --network none --label vm-container-lab=floor ${baseImage} /bin/true`);
  const containerId = created.stdout.trim();
  const socketPath = engineSocket(dockerHost);
  try {
    const cliMs: number[] = [];
    const apiMs: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      cliMs.push(await timedCliRun(dockerHost, containerId));
      if (socketPath) apiMs.push(await timedApiRun(socketPath, containerId));
    }
    const what = `a no-op container (/bin/true, no network) of the lab's base image ${baseImage}`;
    return {
      cli: { samplesMs: cliMs, method: `\`docker start --attach\` of ${what}, until it exited` },
      api: socketPath ? { samplesMs: apiMs, method: `Engine API on ${socketPath}: POST /containers/ID/start, then /wait until ${what} exited` } : undefined,
    };
  } finally {
    await $({ nothrow: true, quiet: true })`docker -H ${dockerHost} rm --force ${containerId}`;
  }
}
