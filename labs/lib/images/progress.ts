import { performance } from "node:perf_hooks";
import { withHeartbeat } from "../progress";
import type { Log } from "./types";

/** Runs one build step, printing when it starts, every 30 s while it runs, and when it ends; resolves to its seconds. */
export async function timedStep(log: Log, name: string, what: string, work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  log(`${name}: ${what}`);
  await withHeartbeat(`${name}: still working`, log, work);
  log(`${name}: done in ${seconds().toFixed(1)} s`);
  return seconds();
}
