import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { LabError } from "../../model/labError";
import { labPaths } from "./labEnv";
import { ownerAlive } from "./processLock";

/** What the local file backend writes into .pulumi/locks/…/STACK/ID.json while an update runs. */
export interface PulumiLock {
  file: string;
  pid: number;
  hostname: string;
  timestamp: string;
}

/** The lock files of one stack in a local file backend (project-scoped `locks/ORG/PROJECT/STACK/` or legacy `locks/STACK/`). */
export function pulumiLocks(stackName: string, backendDir = labPaths.pulumiBackend): PulumiLock[] {
  const locksDir = path.join(backendDir, ".pulumi", "locks");
  if (!fs.existsSync(locksDir)) return [];
  return fs
    .readdirSync(locksDir, { recursive: true })
    .map(String)
    .filter((entry) => entry.endsWith(".json") && path.basename(path.dirname(entry)) === stackName)
    .flatMap((entry) => {
      const file = path.join(locksDir, entry);
      try {
        const content = JSON.parse(fs.readFileSync(file, "utf8")) as { pid?: number; hostname?: string; timestamp?: string };
        return [{ file, pid: content.pid ?? 0, hostname: content.hostname ?? "", timestamp: content.timestamp ?? "" }];
      } catch {
        return [];
      }
    });
}

/**
 * Removes what a Pulumi CLI killed while it wrote a checkpoint to the local file backend leaves unreadable: an empty
 * `STACK.json.attrs` (the backend's metadata beside each state file; without it the state is read as before, with it
 * empty every `pulumi stack ls` fails with "EOF", for every stack). With `stackName`, also that stack's temporary
 * checkpoint files (`STACK.json.HEX.tmp`), which only a write in progress has a use for. Returns the removed files.
 */
export function removeInterruptedStateWrites(backendDir = labPaths.pulumiBackend, stackName?: string): string[] {
  const stacksDir = path.join(backendDir, ".pulumi", "stacks");
  if (!fs.existsSync(stacksDir)) return [];
  const removed: string[] = [];
  for (const entry of fs.readdirSync(stacksDir, { recursive: true }).map(String)) {
    const file = path.join(stacksDir, entry);
    const name = path.basename(entry);
    const emptyMetadata = name.endsWith(".json.attrs") && fs.statSync(file).size === 0;
    const staleTemporary = stackName !== undefined && name.startsWith(`${stackName}.json.`) && name.endsWith(".tmp");
    if (!emptyMetadata && !staleTemporary) continue;
    fs.rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/** A lock whose process is gone on this host can be cleared; one held elsewhere or by a live process cannot. */
export function lockIsStale(lock: PulumiLock, hostname = os.hostname()): boolean {
  return lock.hostname === hostname && !ownerAlive({ pid: lock.pid, startTicks: null });
}

interface PendingOperation {
  type: string;
  resource: { urn: string };
}

/** "urn:pulumi:docker::vm-container-lab::…::apps-db" → "apps-db". */
function urnName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/**
 * Brings a stack whose last update was killed back to a state the next command can work from, the way Pulumi
 * documents it: a lock whose process is gone is cancelled (never one whose process is alive), and pending operations
 * are removed from the state (export, edit, import). What those operations had made on the engines is not in the
 * state then; the leftover sweep removes it. Returns whether anything was recovered, so the caller can refresh.
 */
export async function recoverInterruptedUpdate(stack: Stack, stackName: string, log: (line: string) => void): Promise<boolean> {
  let recovered = false;
  for (const lock of pulumiLocks(stackName)) {
    if (!lockIsStale(lock)) {
      throw new LabError(
        `Stack ${stackName} is busy: a Pulumi update holds its lock (pid ${lock.pid} on ${lock.hostname}, started ${lock.timestamp}).`,
        `wait for that update to finish; if you are sure it is gone, \`npm run pulumi -- cancel -s ${stackName} --yes\` clears the lock.`,
      );
    }
    log(`clearing the lock of an interrupted Pulumi update (pid ${lock.pid}, started ${lock.timestamp}; the process is gone)`);
    await stack.cancel();
    fs.rmSync(lock.file, { force: true });
    recovered = true;
  }
  const state = await stack.exportStack();
  const pending = ((state.deployment as { pending_operations?: PendingOperation[] }).pending_operations ?? []);
  if (pending.length > 0) {
    log(`removing ${pending.length} pending operation(s) an interrupted update left in the state: ${pending.map((operation) => `${operation.type} ${urnName(operation.resource.urn)}`).join(", ")}`);
    await stack.importStack({ ...state, deployment: { ...state.deployment, pending_operations: [] } });
    recovered = true;
  }
  return recovered;
}
