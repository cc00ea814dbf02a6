"use strict";
// The lab's api app: plain Node.js on Debian's nodejs package, no npm dependencies inside the instance.
const http = require("node:http");
const net = require("node:net");

const port = Number(process.env.API_PORT || 3000);
const redisHost = process.env.REDIS_HOST || "db";
const redisPort = Number(process.env.REDIS_PORT || 6379);

function encodeRedisCommand(words) {
  return `*${words.length}\r\n` + words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join("");
}

function redisCommand(words) {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: redisHost, port: redisPort });
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

const server = http.createServer(async (request, response) => {
  const send = (status, body) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body) + "\n");
  };
  try {
    if (request.method === "GET" && request.url === "/healthz") return send(200, { status: "ok" });
    if (request.method === "GET" && request.url === "/api/visits") {
      return send(200, { visits: Number(await redisCommand(["INCR", "visits"])), servedBy: require("node:os").hostname() });
    }
    send(404, { error: "not found" });
  } catch (error) {
    send(503, { error: String(error.message || error) });
  }
});

server.listen(port, () => console.log(`api listening on ${port}, redis at ${redisHost}:${redisPort}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
