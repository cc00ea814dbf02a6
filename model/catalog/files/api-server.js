"use strict";
// The lab's api app: plain Node.js on Debian's nodejs package, no npm dependencies inside the instance.
// `node server.js` runs it; `node --snapshot-blob B --build-snapshot server.js` writes a V8 startup snapshot of Node
// with it loaded, which `node --snapshot-blob B` starts from (the tuned profile). The modules it uses are loaded when
// it starts, not in the snapshot: Node marks its network modules as not verified in user snapshots.
const v8 = require("node:v8");

function encodeRedisCommand(words) {
  return `*${words.length}\r\n` + words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join("");
}

function redisCommand(net, redis, words) {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(redis);
    let reply = "";
    socket.setTimeout(2000, () => socket.destroy(new Error("redis timeout")));
    socket.on("connect", () => socket.write(encodeRedisCommand(words)));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.endsWith("\r\n")) {
        socket.end();
        if (reply.startsWith("-")) reject(new Error(reply.slice(1).trim()));
        else resolve(reply.slice(1).trim());
      }
    });
    socket.on("error", reject);
  });
}

// Reads its settings when it starts, not when a snapshot of it is built.
function main() {
  const http = require("node:http");
  const net = require("node:net");
  const os = require("node:os");
  const port = Number(process.env.API_PORT || 3000);
  const redis = { host: process.env.REDIS_HOST || "db", port: Number(process.env.REDIS_PORT || 6379) };
  const server = http.createServer(async (request, response) => {
    const send = (status, body) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body) + "\n");
    };
    try {
      if (request.method === "GET" && request.url === "/healthz") return send(200, { status: "ok" });
      if (request.method === "GET" && request.url === "/api/visits") {
        return send(200, { visits: Number(await redisCommand(net, redis, ["INCR", "visits"])), servedBy: os.hostname() });
      }
      send(404, { error: "not found" });
    } catch (error) {
      send(503, { error: String(error.message || error) });
    }
  });
  server.listen(port, () => console.log(`api listening on ${port}, redis at ${redis.host}:${redis.port}`));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

if (v8.startupSnapshot && v8.startupSnapshot.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(main);
else main();
