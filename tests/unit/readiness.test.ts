import * as http from "node:http";
import * as net from "node:net";
import { checkReady, httpStatusOf, pollIntervalMs, pollUntilReady, waitUntilReady } from "../../labs/lib/readiness";

/** A stand-in Redis on 127.0.0.1 that answers PING with LOADING until told it is ready, and counts the connections. */
function fakeRedis(): Promise<{ port: number; connections: () => number; becomeReady: () => void; close: () => Promise<void> }> {
  let connections = 0;
  let ready = false;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.on("data", () => socket.end(ready ? "+PONG\r\n" : "-LOADING\r\n"));
    socket.on("error", () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({ port, connections: () => connections, becomeReady: () => (ready = true), close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets `server` listen on 127.0.0.1 for the length of `use`. */
async function listening(server: net.Server, use: (port: number) => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  try {
    await use((server.address() as net.AddressInfo).port);
  } finally {
    await new Promise((done) => server.close(done));
  }
}

describe("one HTTP ready check", () => {
  const check = { kind: "http", path: "/healthz", expectStatus: 200 } as const;

  it("passes on the expected status of the path asked for, and only then", async () => {
    const paths: string[] = [];
    const server = http.createServer((request, response) => {
      paths.push(request.url ?? "");
      response.writeHead(request.url === "/healthz" ? 200 : 404).end("ok");
    });
    await listening(server, async (port) => {
      expect(await checkReady(check, { host: "127.0.0.1", port })).toBe(true);
      expect(await checkReady({ ...check, path: "/" }, { host: "127.0.0.1", port })).toBe(false);
      expect(await checkReady({ ...check, expectStatus: 204 }, { host: "127.0.0.1", port })).toBe(false);
    });
    expect(paths).toEqual(["/healthz", "/", "/healthz"]);
  });

  it("fails at once on a connection closed without an answer, as a port proxy in front of a silent app does", async () => {
    await listening(net.createServer((socket) => socket.destroy()), async (port) => {
      const started = performance.now();
      expect(await checkReady(check, { host: "127.0.0.1", port }, 5_000)).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_000);
    });
  });

  it("reads the status code from an HTTP/1.x status line only", () => {
    expect(httpStatusOf("HTTP/1.1 200 OK\r\nServer: nginx\r\n")).toBe(200);
    expect(httpStatusOf("HTTP/1.0 503\r\n")).toBe(503);
    expect(httpStatusOf("+PONG\r\n")).toBeUndefined();
    expect(httpStatusOf("HTTP/2 200\r\n")).toBeUndefined();
  });
});

describe("waiting for an app's ready check", () => {
  it("polls slowly until the app's process has started, then every interval, and resolves when ready", async () => {
    const redis = await fakeRedis();
    let appStarted: () => void = () => undefined;
    const fastAfter = new Promise<void>((resolve) => (appStarted = resolve));
    try {
      const waiting = waitUntilReady({ kind: "redis-ping" }, { host: "127.0.0.1", port: redis.port }, { timeoutMs: 10_000, intervalMs: 5, slow: { slowIntervalMs: 200, fastAfter } });
      await sleep(500);
      const whileSlow = redis.connections();
      appStarted();
      await sleep(300);
      const afterFast = redis.connections() - whileSlow;
      redis.becomeReady();
      const readyAfterMs = await waiting;
      expect(whileSlow).toBeGreaterThanOrEqual(2);
      expect(whileSlow).toBeLessThanOrEqual(4);
      expect(afterFast).toBeGreaterThan(10);
      expect(readyAfterMs).toBeGreaterThan(800);
    } finally {
      await redis.close();
    }
  });

  it("thins out its attempts as time passes, and says how late it can have seen readiness", async () => {
    const redis = await fakeRedis();
    try {
      const waiting = pollUntilReady({ kind: "redis-ping" }, { host: "127.0.0.1", port: redis.port }, { timeoutMs: 10_000, intervalMs: 5, growth: { fractionOfElapsed: 0.02, maxIntervalMs: 50 } });
      await sleep(1_000);
      redis.becomeReady();
      const seen = await waiting;
      // Every 5 ms for 250 ms, then every 2 % of the time so far: about 120 attempts in a second, not 200.
      expect(redis.connections()).toBeLessThan(150);
      expect(seen?.readyAfterMs).toBeGreaterThan(1_000);
      expect(seen?.resolutionMs).toBeGreaterThanOrEqual(15);
      expect(seen?.resolutionMs).toBeLessThan(seen?.readyAfterMs ?? 0);
    } finally {
      await redis.close();
    }
  });

  it("makes no attempt before the gate or the slow interval, and counts from `since`", async () => {
    const redis = await fakeRedis();
    redis.becomeReady();
    try {
      const since = performance.now() - 40;
      const seen = await pollUntilReady({ kind: "redis-ping" }, { host: "127.0.0.1", port: redis.port }, { timeoutMs: 1_000, intervalMs: 5, slow: { slowIntervalMs: 10_000, fastAfter: sleep(100) }, since });
      expect(seen?.passingAttemptAtMs).toBeGreaterThan(130);
      expect(seen?.readyAfterMs).toBeGreaterThanOrEqual(seen?.passingAttemptAtMs ?? Infinity);
      expect(redis.connections()).toBe(1);
    } finally {
      await redis.close();
    }
  });

  it("sees an app that is ready at once with its first attempt, no pause before it", async () => {
    const redis = await fakeRedis();
    redis.becomeReady();
    try {
      expect((await pollUntilReady({ kind: "redis-ping" }, { host: "127.0.0.1", port: redis.port }, { timeoutMs: 1_000, intervalMs: 5 }))?.resolutionMs).toBeLessThan(1);
    } finally {
      await redis.close();
    }
  });

  it("keeps its pace while earlier attempts hang: a new attempt ends the oldest open one", async () => {
    // Holds every connection without a word until told to answer, as a VM whose NIC has no address yet answers no SYN.
    let answering = false;
    const held: net.Socket[] = [];
    const server = net.createServer((socket) => {
      socket.on("error", () => undefined);
      if (answering) socket.on("data", () => socket.end("+PONG\r\n"));
      else held.push(socket);
    });
    await listening(server, async (port) => {
      const waiting = pollUntilReady({ kind: "redis-ping" }, { host: "127.0.0.1", port }, { timeoutMs: 5_000, intervalMs: 5 });
      await sleep(300);
      answering = true;
      const seen = await waiting;
      for (const socket of held) socket.destroy();
      // Sixteen hung attempts fill the first 80 ms; skipping new ones until the oldest timed out (2 s) would see it late.
      expect(held.length).toBeGreaterThan(16);
      expect(seen?.readyAfterMs).toBeLessThan(600);
      expect(seen?.resolutionMs).toBeLessThan(50);
    });
  });

  it("gives up at the timeout", async () => {
    const redis = await fakeRedis();
    try {
      expect(await waitUntilReady({ kind: "redis-ping" }, { host: "127.0.0.1", port: redis.port }, { timeoutMs: 200, intervalMs: 10 })).toBeUndefined();
    } finally {
      await redis.close();
    }
  });
});

describe("the pause between ready checks", () => {
  const growing = { intervalMs: 5, growth: { fractionOfElapsed: 0.02, maxIntervalMs: 50 } };

  it("is the interval while the share of the time so far is shorter", () => {
    expect(pollIntervalMs(0, growing)).toBe(5);
    expect(pollIntervalMs(250, growing)).toBe(5);
  });

  it("grows with the time so far, up to its most", () => {
    expect(pollIntervalMs(1_000, growing)).toBeCloseTo(20, 12);
    expect(pollIntervalMs(2_500, growing)).toBe(50);
    expect(pollIntervalMs(60_000, growing)).toBe(50);
  });

  it("stays the interval without growth", () => {
    expect(pollIntervalMs(60_000, { intervalMs: 100 })).toBe(100);
  });
});
