import * as http from "node:http";
import * as net from "node:net";
import type { ReadyCheck } from "../../stacks/catalog/apps";

export interface Endpoint {
  host: string;
  port: number;
}

/** One attempt of a catalog ready check; false on any error, refusal or timeout. */
export function checkReady(check: ReadyCheck, endpoint: Endpoint, timeoutMs = 1_000): Promise<boolean> {
  return check.kind === "http" ? httpReady(endpoint, check.path, check.expectStatus, timeoutMs) : redisPingReady(endpoint, timeoutMs);
}

function httpReady(endpoint: Endpoint, path: string, expectStatus: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: endpoint.host, port: endpoint.port, path, timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === expectStatus);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

/** Redis answers an inline PING with "+PONG"; anything else (loading, refused) is not ready. */
export function isRedisPong(reply: string): boolean {
  return reply.startsWith("+PONG\r\n");
}

function redisPingReady(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: endpoint.host, port: endpoint.port });
    let reply = "";
    const finish = (ready: boolean) => {
      socket.destroy();
      resolve(ready);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) finish(isRedisPong(reply));
    });
    socket.on("error", () => finish(false));
  });
}

export interface WaitOptions {
  timeoutMs: number;
  /** Pause between attempts; the measurements use 10 ms or less. */
  intervalMs: number;
  /** Called about every progressEveryMs while still waiting. */
  onProgress?: (elapsedMs: number) => void;
  progressEveryMs?: number;
}

/** Polls the ready check until it passes; resolves to the milliseconds from the call until it did, or undefined on timeout. */
export async function waitUntilReady(check: ReadyCheck, endpoint: Endpoint, options: WaitOptions): Promise<number | undefined> {
  const started = performance.now();
  let lastProgress = started;
  while (performance.now() - started < options.timeoutMs) {
    if (await checkReady(check, endpoint, Math.min(1_000, options.timeoutMs))) return performance.now() - started;
    const now = performance.now();
    if (options.onProgress && now - lastProgress >= (options.progressEveryMs ?? 10_000)) {
      lastProgress = now;
      options.onProgress(now - started);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  return undefined;
}
