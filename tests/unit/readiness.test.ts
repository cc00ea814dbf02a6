import * as net from "node:net";
import { waitUntilReady } from "../../labs/lib/readiness";

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

  it("gives up at the timeout", async () => {
    const redis = await fakeRedis();
    try {
      expect(await waitUntilReady({ kind: "redis-ping" }, { host: "127.0.0.1", port: redis.port }, { timeoutMs: 200, intervalMs: 10 })).toBeUndefined();
    } finally {
      await redis.close();
    }
  });
});
