import * as fs from "node:fs";
import { retry } from "zx";

/**
 * Every process a lab run starts inherits this variable (the Pulumi CLI, its language host, plugins and program,
 * probes), so the processes a killed run left behind can be found by it and ended by PID. Daemons the lab starts
 * are started without it.
 */
export const runIdVariable = "VMCL_RUN_ID";

export interface RunProcess {
  pid: number;
  command: string;
}

/** True when a NUL-separated /proc/PID/environ holds exactly NAME=VALUE. */
export function environHas(environ: string, name: string, value: string): boolean {
  return environ.split("\0").includes(`${name}=${value}`);
}

/** The processes (other than this one) whose environment marks them as started by run `runId`. */
export function processesOfRun(runId: string): RunProcess[] {
  const found: RunProcess[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!environHas(fs.readFileSync(`/proc/${pid}/environ`, "latin1"), runIdVariable, runId)) continue;
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").filter(Boolean).join(" ");
      found.push({ pid, command });
    } catch {
      // The process ended while being read, or is a kernel thread: nothing to end.
    }
  }
  return found;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Ends every process of a dead run: SIGTERM, then SIGKILL for any still there after a grace period. */
export async function endProcessesOfRun(runId: string, graceMs = 5_000): Promise<RunProcess[]> {
  const leftover = processesOfRun(runId);
  for (const entry of leftover) signal(entry.pid, "SIGTERM");
  const intervalMs = 100;
  const allEnded = () => {
    if (processesOfRun(runId).length > 0) throw new Error(`processes of run ${runId} are still running`);
  };
  await retry(Math.ceil(graceMs / intervalMs), intervalMs, allEnded).catch(() => undefined);
  for (const entry of processesOfRun(runId)) signal(entry.pid, "SIGKILL");
  return leftover;
}
