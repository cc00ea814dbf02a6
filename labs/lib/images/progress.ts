import { performance } from "node:perf_hooks";
import type { Log } from "./types";

const heartbeatMs = 15_000;

/** Runs one build step, printing when it starts, every 15 s while it runs, and when it ends; resolves to its seconds. */
export async function timedStep(log: Log, name: string, what: string, work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  log(`${name}: ${what}`);
  const heartbeat = setInterval(() => log(`${name}: still working (${seconds().toFixed(0)} s)`), heartbeatMs);
  try {
    await work();
  } finally {
    clearInterval(heartbeat);
  }
  log(`${name}: done in ${seconds().toFixed(1)} s`);
  return seconds();
}
