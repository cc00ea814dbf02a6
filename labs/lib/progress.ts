import { performance } from "node:perf_hooks";

/**
 * Runs `work` and, while it runs, logs "LABEL (N s)" every `everyMs` (30 s unless told): a long step shows that it
 * is alive on a terminal and in a log file alike. A periodic line rather than zx's `spinner`: a spinner redraws one
 * terminal line, which the log lines of other steps running at the same time would garble, and leaves nothing in a log.
 */
export async function withHeartbeat<T>(label: string, log: (line: string) => void, work: () => Promise<T>, everyMs = 30_000): Promise<T> {
  const started = performance.now();
  const heartbeat = setInterval(() => log(`${label} (${Math.round((performance.now() - started) / 1000)} s)`), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
  }
}
