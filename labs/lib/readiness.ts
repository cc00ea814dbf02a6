import * as http from "node:http";
import * as net from "node:net";
import type { ReadyCheck } from "../../model/catalog/apps";

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
  /** Pause between the starts of two attempts; the measurements use 10 ms or less. */
  intervalMs: number;
  /**
   * Poll only every `slowIntervalMs` until `fastAfter` resolves (e.g. once the app's process has started), then every
   * intervalMs: the probe then spends its CPU where the moment of readiness is decided, not during a VM's kernel boot.
   */
  slow?: { slowIntervalMs: number; fastAfter: Promise<unknown> };
}

/** At most this many attempts are open at once; each gives up after attemptTimeoutMs. */
const maxAttemptsInFlight = 16;
const attemptTimeoutMs = 2_000;

/**
 * Polls the ready check until it passes; resolves to the milliseconds from the call until the first passing answer
 * arrived, or undefined on timeout. Attempts overlap: a new one starts every interval even while earlier ones hang
 * (Docker's port proxy accepts connections before the app listens and holds them), so a hung attempt never delays
 * the moment readiness is seen.
 */
export function waitUntilReady(check: ReadyCheck, endpoint: Endpoint, options: WaitOptions): Promise<number | undefined> {
  // Hand-made, not zx's retry: retry runs one attempt at a time, and these overlap (up to 16 in flight, one started every intervalMs).
  return new Promise((resolve) => {
    const started = performance.now();
    let inFlight = 0;
    let finished = false;
    let fast = options.slow === undefined;
    let timer: NodeJS.Timeout | undefined;
    void options.slow?.fastAfter.then(() => {
      fast = true;
      if (finished) return;
      clearTimeout(timer);
      tick();
    });
    const finish = (result: number | undefined) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(result);
    };
    const attempt = () => {
      if (inFlight >= maxAttemptsInFlight) return;
      inFlight += 1;
      void checkReady(check, endpoint, attemptTimeoutMs).then((ready) => {
        inFlight -= 1;
        if (ready) finish(performance.now() - started);
      });
    };
    function tick(): void {
      if (finished) return;
      if (performance.now() - started >= options.timeoutMs) return finish(undefined);
      attempt();
      timer = setTimeout(tick, fast ? options.intervalMs : options.slow?.slowIntervalMs);
    }
    tick();
  });
}
