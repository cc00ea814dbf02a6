import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Who holds a lock file: enough to tell a live owner from a dead one, even after its pid was reused. */
export interface LockOwner {
  pid: number;
  /** The owner's start time in clock ticks since boot (/proc/PID/stat field 22); null where /proc has none. */
  startTicks: number | null;
  /** Marks every process the owner's run started (the VMCL_RUN_ID environment variable). */
  runId: string;
  /** The command line the owner runs, e.g. `npm run up -- docker`. */
  command: string;
  startedAt: string;
}

/** Field 22 of /proc/PID/stat; the command name in field 2 may hold spaces and parentheses, so count from its end. */
export function parseStartTicks(stat: string): number | undefined {
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(afterName[19]);
  return Number.isInteger(ticks) ? ticks : undefined;
}

export function processStartTicks(pid: number): number | undefined {
  try {
    return parseStartTicks(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}

/** A process is the owner while its pid exists and, where recorded, started at the same tick. */
export function ownerAlive(owner: Pick<LockOwner, "pid" | "startTicks">): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return owner.startTicks === null || processStartTicks(owner.pid) === owner.startTicks;
}

export function lockOwnerOfThisProcess(command: string, runId: string = randomUUID()): LockOwner {
  return { pid: process.pid, startTicks: processStartTicks(process.pid) ?? null, runId, command, startedAt: new Date().toISOString() };
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function create(file: string, owner: LockOwner): boolean {
  try {
    fs.writeFileSync(file, JSON.stringify(owner), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

export type LockAttempt =
  | { outcome: "taken"; /** The dead owner whose lock was taken over. */ stale?: LockOwner }
  | { outcome: "busy"; holder: LockOwner };

/**
 * Takes the lock file for `owner`, or names the live process that holds it. A lock whose owner died is taken over;
 * the takeover itself runs under a second lock file, so two processes that both find the same dead owner cannot
 * both win.
 */
export function tryTakeLock(file: string, owner: LockOwner): LockAttempt {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (create(file, owner)) return { outcome: "taken" };
  const holder = readOwner(file);
  if (holder && ownerAlive(holder)) return { outcome: "busy", holder };
  const takeover = `${file}.takeover`;
  const takeoverHolder = readOwner(takeover);
  if (takeoverHolder && !ownerAlive(takeoverHolder)) fs.rmSync(takeover, { force: true });
  if (!create(takeover, owner)) return { outcome: "busy", holder: readOwner(takeover) ?? holder ?? owner };
  try {
    const current = readOwner(file);
    if (current && ownerAlive(current)) return { outcome: "busy", holder: current };
    fs.writeFileSync(file, JSON.stringify(owner));
    return { outcome: "taken", stale: current };
  } finally {
    fs.rmSync(takeover, { force: true });
  }
}

/**
 * Takes the lock file for `owner` as tryTakeLock does, but while a live process holds it, polls every `pollMs` (telling
 * `onBusy` whose it is) for up to `waitMs`; returns the last attempt, busy when the holder outlasted the wait.
 */
export async function takeLockWaiting(file: string, owner: LockOwner, waitMs: number, pollMs: number, onBusy: (holder: LockOwner) => void = () => undefined): Promise<LockAttempt> {
  const deadline = Date.now() + waitMs;
  let attempt = tryTakeLock(file, owner);
  while (attempt.outcome === "busy" && Date.now() < deadline) {
    onBusy(attempt.holder);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    attempt = tryTakeLock(file, owner);
  }
  return attempt;
}

/** Removes the lock file if `owner` still holds it. */
export function releaseLock(file: string, owner: LockOwner): void {
  if (readOwner(file)?.runId === owner.runId) fs.rmSync(file, { force: true });
}

export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid}, \`${owner.command}\`, started ${owner.startedAt}`;
}
