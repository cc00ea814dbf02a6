import * as net from "node:net";
import type { ReadyCheck } from "../../model/catalog/apps";

export interface Endpoint {
  host: string;
  port: number;
}

/** One attempt of a catalog ready check; false on any error, refusal, timeout or abort. */
export function checkReady(check: ReadyCheck, endpoint: Endpoint, timeoutMs = 1_000, signal?: AbortSignal): Promise<boolean> {
  if (check.kind === "redis-ping") return firstLineAnswers(endpoint, "PING\r\n", isRedisPong, timeoutMs, signal);
  const request = `GET ${check.path} HTTP/1.1\r\nHost: ${endpoint.host}:${endpoint.port}\r\nConnection: close\r\n\r\n`;
  return firstLineAnswers(endpoint, request, (reply) => httpStatusOf(reply) === check.expectStatus, timeoutMs, signal);
}

/** Redis answers an inline PING with "+PONG"; anything else (loading, refused) is not ready. */
export function isRedisPong(reply: string): boolean {
  return reply.startsWith("+PONG\r\n");
}

/** The status code of an HTTP/1.x response's status line ("HTTP/1.1 200 OK"); undefined for anything else. */
export function httpStatusOf(reply: string): number | undefined {
  const status = /^HTTP\/1\.[01] (\d{3})[ \r]/.exec(reply)?.[1];
  return status === undefined ? undefined : Number(status);
}

/**
 * Writes `request` on a new connection and decides on the reply once its first line has arrived. A plain socket for
 * HTTP too, not node:http: on the lab host that costs the probe a quarter to a half less CPU per attempt, and the
 * probe polls every few ms while it times a boot.
 */
function firstLineAnswers(endpoint: Endpoint, request: string, isReady: (reply: string) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: endpoint.host, port: endpoint.port });
    let reply = "";
    const finish = (ready: boolean) => {
      signal?.removeEventListener("abort", abort);
      socket.destroy();
      resolve(ready);
    };
    const abort = () => finish(false);
    signal?.addEventListener("abort", abort);
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) finish(isReady(reply));
    });
    socket.on("error", () => finish(false));
    // A proxy in front of an app that does not listen yet may accept, then close without a word.
    socket.on("close", () => finish(false));
  });
}

export interface WaitOptions {
  timeoutMs: number;
  /** Least pause between the starts of two attempts; the measurements use 10 ms or less. */
  intervalMs: number;
  /**
   * Lengthen the pause to this share of the time since waiting began, up to maxIntervalMs: how late polling can see
   * readiness then stays that share of the figure, while the attempts (and the probe's CPU) thin out as a boot goes on.
   */
  growth?: { fractionOfElapsed: number; maxIntervalMs: number };
  /**
   * Poll only every `slowIntervalMs` until `fastAfter` resolves (e.g. once the app's process has started), then as
   * above: the probe then spends its CPU where the moment of readiness is decided, not during a VM's kernel boot.
   */
  slow?: { slowIntervalMs: number; fastAfter: Promise<unknown> };
  /** The performance.now() from which times are counted (a boot's start request); the call by default. */
  since?: number;
}

/** The pause before the next attempt, `elapsedMs` after waiting began, once polling is fast. */
export function pollIntervalMs(elapsedMs: number, options: Pick<WaitOptions, "intervalMs" | "growth">): number {
  const { intervalMs, growth } = options;
  return growth ? Math.max(intervalMs, Math.min(growth.maxIntervalMs, growth.fractionOfElapsed * elapsedMs)) : intervalMs;
}

/** At most this many attempts are open at once (a new one ends the oldest); each gives up after attemptTimeoutMs. */
const maxAttemptsInFlight = 16;
const attemptTimeoutMs = 2_000;

export interface ReadySeen {
  /** Milliseconds from `since` until the first passing answer arrived. */
  readyAfterMs: number;
  /** When the passing attempt began, in milliseconds from `since`. */
  passingAttemptAtMs: number;
  /** Pause between the start of the attempt before the passing one (or `since`) and the passing one's: how late polling can have seen readiness. */
  resolutionMs: number;
}

/**
 * Polls the ready check until it passes; resolves to when the first passing answer arrived, or undefined on timeout.
 * Attempts overlap: a new one starts every interval even while earlier ones hang (Docker's port proxy accepts
 * connections before the app listens and holds them; a VM whose NIC has no address yet answers no SYN), so a hung
 * attempt never delays the moment readiness is seen. When the most are open, a new attempt ends the oldest: one that
 * has hung longest is the least likely to be the first answered, and skipping new attempts instead would leave a gap
 * of up to attemptTimeoutMs in which readiness goes unseen. While polling is slow, the first attempt waits for the gate
 * or the slow interval: what is started has had no time to get ready yet.
 */
export function pollUntilReady(check: ReadyCheck, endpoint: Endpoint, options: WaitOptions): Promise<ReadySeen | undefined> {
  // Hand-made, not zx's retry: retry runs one attempt at a time, and these overlap (up to 16 in flight, one started every interval).
  return new Promise((resolve) => {
    const started = options.since ?? performance.now();
    const open: AbortController[] = [];
    let lastAttemptAt = 0;
    let finished = false;
    let fast = options.slow === undefined;
    let timer: NodeJS.Timeout | undefined;
    void options.slow?.fastAfter.then(() => {
      fast = true;
      if (finished) return;
      clearTimeout(timer);
      tick();
    });
    const finish = (result: ReadySeen | undefined) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      for (const attemptOpen of open.splice(0)) attemptOpen.abort();
      resolve(result);
    };
    const attempt = (elapsedMs: number) => {
      if (open.length >= maxAttemptsInFlight) open.shift()?.abort();
      const resolutionMs = elapsedMs - lastAttemptAt;
      lastAttemptAt = elapsedMs;
      const controller = new AbortController();
      open.push(controller);
      void checkReady(check, endpoint, attemptTimeoutMs, controller.signal).then((ready) => {
        const index = open.indexOf(controller);
        if (index >= 0) open.splice(index, 1);
        if (ready) finish({ readyAfterMs: performance.now() - started, passingAttemptAtMs: elapsedMs, resolutionMs });
      });
    };
    function tick(): void {
      if (finished) return;
      const elapsedMs = performance.now() - started;
      if (elapsedMs >= options.timeoutMs) return finish(undefined);
      attempt(elapsedMs);
      timer = setTimeout(tick, fast ? pollIntervalMs(elapsedMs, options) : options.slow?.slowIntervalMs);
    }
    if (fast) tick();
    else timer = setTimeout(tick, options.slow?.slowIntervalMs);
  });
}

/** pollUntilReady's milliseconds until ready, or undefined on timeout. */
export async function waitUntilReady(check: ReadyCheck, endpoint: Endpoint, options: WaitOptions): Promise<number | undefined> {
  return (await pollUntilReady(check, endpoint, options))?.readyAfterMs;
}
