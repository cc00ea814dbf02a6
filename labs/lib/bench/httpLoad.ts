import * as http from "node:http";
import { performance } from "node:perf_hooks";
import { nearestRank } from "../measure/stats";

/** One bounded run of HTTP requests through the lab's request path (web → api → db). */
export interface RequestPathSample {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Requests per second and latency percentiles of the answered requests of one run. */
export function summarizeRequests(latenciesMs: readonly number[], errors: number, durationMs: number): RequestPathSample {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error(`no request was answered in ${durationMs} ms (${errors} failed)`);
  return {
    requests: sorted.length,
    errors,
    requestsPerSecond: (sorted.length * 1000) / durationMs,
    p50Ms: nearestRank(sorted, 0.5),
    p99Ms: nearestRank(sorted, 0.99),
  };
}

function timedGet(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent, timeout: 5_000 }, (response) => {
      response.resume();
      response.on("end", () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`status ${response.statusCode}`))));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

/** `concurrency` clients on kept-alive connections request `url` one after another for `durationMs`. */
export async function loadRequestPath(url: string, concurrency: number, durationMs: number): Promise<RequestPathSample> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let errors = 0;
  const deadline = performance.now() + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      try {
        latenciesMs.push(await timedGet(url, agent));
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  return summarizeRequests(latenciesMs, errors, performance.now() - started);
}
