import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lockOwnerOfThisProcess, ownerAlive, parseStartTicks, processStartTicks, releaseLock, tryTakeLock, type LockOwner } from "../../../labs/lib/processLock";
import { environHas, processesOfRun } from "../../../labs/lib/runProcesses";

/** A pid that existed and is gone now: a child that has already exited. */
function deadPid(): number {
  return Number(spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim());
}

describe("process locks", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-lock-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads the start tick from /proc/PID/stat even when the command name holds spaces and parentheses", () => {
    const stat = "4242 (tsx (worker) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 11 0 987654 1000 300";
    expect(parseStartTicks(stat)).toBe(987654);
    expect(processStartTicks(process.pid)).toBeGreaterThan(0);
  });

  it("tells a live owner from a dead one and from a reused pid", () => {
    const me = lockOwnerOfThisProcess("test");
    expect(ownerAlive(me)).toBe(true);
    expect(ownerAlive({ pid: deadPid(), startTicks: null })).toBe(false);
    expect(ownerAlive({ pid: process.pid, startTicks: (me.startTicks ?? 0) + 1 })).toBe(false);
  });

  it("lets one owner in, names it to the next, and takes over once it is dead", () => {
    const file = path.join(dir, "docker.lock");
    const first = lockOwnerOfThisProcess("npm run up -- docker");
    expect(tryTakeLock(file, first)).toEqual({ outcome: "taken" });

    const second = lockOwnerOfThisProcess("npm run down -- docker");
    expect(tryTakeLock(file, second)).toEqual({ outcome: "busy", holder: first });

    const dead: LockOwner = { ...first, pid: deadPid(), runId: "dead-run" };
    fs.writeFileSync(file, JSON.stringify(dead));
    expect(tryTakeLock(file, second)).toEqual({ outcome: "taken", stale: dead });
    expect(JSON.parse(fs.readFileSync(file, "utf8")).runId).toBe(second.runId);
    expect(fs.existsSync(`${file}.takeover`)).toBe(false);
  });

  it("releases only its own lock", () => {
    const file = path.join(dir, "libvirt.lock");
    const owner = lockOwnerOfThisProcess("a");
    tryTakeLock(file, owner);
    releaseLock(file, lockOwnerOfThisProcess("b"));
    expect(fs.existsSync(file)).toBe(true);
    releaseLock(file, owner);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("a run's processes", () => {
  it("matches the run id exactly in a NUL-separated environment", () => {
    const environ = "PATH=/bin\0VMCL_RUN_ID=abc\0HOME=/root\0";
    expect(environHas(environ, "VMCL_RUN_ID", "abc")).toBe(true);
    expect(environHas(environ, "VMCL_RUN_ID", "ab")).toBe(false);
    expect(environHas("VMCL_RUN_ID=abcd\0", "VMCL_RUN_ID", "abc")).toBe(false);
  });

  it("finds a child started with the run id and not this process", async () => {
    const child = spawn("sleep", ["30"], { env: { ...process.env, VMCL_RUN_ID: "unit-test-run" } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(processesOfRun("unit-test-run").map((entry) => entry.pid)).toEqual([child.pid]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
