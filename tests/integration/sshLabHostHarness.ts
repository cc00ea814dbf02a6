import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { $ } from "zx";
import { missingRequirements, type HostRequirement } from "../../labs/lib/hostPackages";
import { freeLocalPort } from "../../labs/lib/labHost";
import { describeOwner, lockOwnerOfThisProcess, releaseLock, tryTakeLock } from "../../labs/lib/processLock";
import { checked } from "../../labs/lib/shell";
import { stackLocksDir } from "../../labs/lib/stackLock";

/**
 * A lab host on this machine for the ssh tests: an sshd of its own (own config, host key and port, listening on
 * 127.0.0.1 only), a separate unprivileged account in the docker and libvirt groups, a fresh key pair served by an
 * ssh-agent of its own, and the host key in root's known_hosts for as long as it runs. stop() ends and removes all of it.
 */
export interface SshLabHostHarness {
  port: number;
  /** The unprivileged account the lab logs in as. */
  user: string;
  /** sshd's log: which users logged in, how often. */
  sshdLog: () => string;
  /** The processes the harness started, for the leftover check. */
  pids: number[];
  /** Everything it made on the file system, for the leftover check. */
  paths: string[];
  stop(): Promise<void>;
}

const sshRequirements: HostRequirement[] = [
  { debianPackage: "openssh-server", command: "sshd", purpose: "the test's lab host over ssh" },
  { debianPackage: "sudo", command: "sudo", purpose: "the measuring account's root reads on the lab host" },
];

const knownHostsFile = path.join(os.homedir(), ".ssh", "known_hosts");
const sshdPrivilegeSeparationDir = "/run/sshd";
/** What the test account may run as root: the reads a measurement makes (labHostAccess's measuringRootCommands). */
const sudoersFile = "/etc/sudoers.d/vmcl-ssh-test";

/**
 * One harness at a time on a host: the account, the sudo rule, root's known_hosts and the lab host's folders are
 * shared, and a second test run (another checkout's, a full `npm test` beside a single file) would remove them under
 * the first. Waits for the other run to finish.
 */
const harnessLockFile = path.join(stackLocksDir, "ssh-lab-host-test.lock");
const harnessLockWaitMs = 40 * 60_000;

async function takeHarnessLock(): Promise<() => void> {
  const owner = lockOwnerOfThisProcess("the ssh lab host test");
  const deadline = Date.now() + harnessLockWaitMs;
  for (let attempt = tryTakeLock(harnessLockFile, owner); attempt.outcome === "busy"; attempt = tryTakeLock(harnessLockFile, owner)) {
    if (Date.now() > deadline) throw new Error(`another ssh lab host test (${describeOwner(attempt.holder)}) held ${harnessLockFile} for over ${harnessLockWaitMs / 60_000} min`);
    await sleep(5_000);
  }
  return () => releaseLock(harnessLockFile, owner);
}

/** Installs sshd and sudo if missing, without letting the package start a system sshd (on port 22, every address). */
async function ensureSshPackages(): Promise<void> {
  const missing = await missingRequirements(sshRequirements);
  if (missing.length === 0) return;
  const policy = "/usr/sbin/policy-rc.d";
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy) fs.writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    await checked($({ quiet: true, env })`apt-get install -y --no-install-recommends ${missing.map((requirement) => requirement.debianPackage)}`);
  } finally {
    if (ownPolicy) fs.rmSync(policy, { force: true });
  }
}

/** The account, made if missing: in the docker and libvirt groups, its password field `*` (no password, not locked: sshd refuses locked accounts). */
async function ensureAccount(user: string): Promise<boolean> {
  const exists = (await $({ quiet: true, nothrow: true })`id -u ${user}`).ok;
  if (!exists) await checked($({ quiet: true })`useradd --create-home --shell /bin/bash --groups docker,libvirt ${user}`);
  else await checked($({ quiet: true })`usermod -aG docker,libvirt ${user}`);
  await checked($({ quiet: true })`usermod -p ${"*"} ${user}`);
  return !exists;
}


async function waitForListener(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.createConnection({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(child.pid, "SIGTERM");
  return exited;
}

/** Starts the harness; the caller must await stop() (afterAll), also when a test failed. */
export async function startSshLabHost(user = "vmcl-remote"): Promise<SshLabHostHarness> {
  const releaseHarnessLock = await takeHarnessLock();
  try {
    return await startHarness(user, releaseHarnessLock);
  } catch (error) {
    releaseHarnessLock();
    throw error;
  }
}

async function startHarness(user: string, releaseHarnessLock: () => void): Promise<SshLabHostHarness> {
  await ensureSshPackages();
  const createdAccount = await ensureAccount(user);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-sshd-"));
  const port = await freeLocalPort();
  const hostKey = path.join(dir, "host_key");
  const clientKey = path.join(dir, "id_ed25519");
  await checked($({ quiet: true })`ssh-keygen -q -t ed25519 -N ${""} -C ${"vmcl-ssh-test host"} -f ${hostKey}`);
  await checked($({ quiet: true })`ssh-keygen -q -t ed25519 -N ${""} -C ${"vmcl-ssh-test client"} -f ${clientKey}`);
  const authorized = path.join(dir, "authorized_keys");
  fs.mkdirSync(authorized, { mode: 0o755 });
  for (const account of [user, "root"]) fs.writeFileSync(path.join(authorized, account), fs.readFileSync(`${clientKey}.pub`), { mode: 0o644 });
  fs.chmodSync(dir, 0o755);
  const config = path.join(dir, "sshd_config");
  fs.writeFileSync(config, [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${hostKey}`,
    `PidFile ${path.join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${authorized}/%u`,
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin prohibit-password",
    `AllowUsers ${user} root`,
    "UsePAM no",
    // The keys live in a folder under /tmp, which StrictModes refuses (a world-writable parent).
    "StrictModes no",
    "PrintMotd no",
    "LogLevel INFO",
    "",
  ].join("\n"));
  fs.writeFileSync(sudoersFile, `${user} ALL=(root) NOPASSWD: /usr/bin/cat, /usr/bin/test, /usr/bin/du, /usr/bin/qemu-img, /usr/bin/sh\n`, { mode: 0o440 });
  const madePrivilegeDir = !fs.existsSync(sshdPrivilegeSeparationDir);
  if (madePrivilegeDir) fs.mkdirSync(sshdPrivilegeSeparationDir, { mode: 0o755 });

  const sshdLog = path.join(dir, "sshd.log");
  // sshd must be started by its absolute path (it re-executes itself for each connection).
  const sshd = spawn("/usr/sbin/sshd", ["-D", "-f", config, "-E", sshdLog], { stdio: "ignore" });
  const agentSocket = path.join(dir, "agent.sock");
  const agent = spawn("ssh-agent", ["-D", "-a", agentSocket], { stdio: "ignore" });
  const knownHostsLine = `[127.0.0.1]:${port} ${fs.readFileSync(`${hostKey}.pub`, "utf8").trim().split(" ").slice(0, 2).join(" ")} vmcl-ssh-test`;
  const knownHostsExisted = fs.existsSync(knownHostsFile);
  const savedAgent = process.env.SSH_AUTH_SOCK;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.env.SSH_AUTH_SOCK = savedAgent;
    if (savedAgent === undefined) delete process.env.SSH_AUTH_SOCK;
    await Promise.all([stopChild(sshd), stopChild(agent)]);
    if (fs.existsSync(knownHostsFile)) {
      const kept = fs.readFileSync(knownHostsFile, "utf8").split("\n").filter((line) => line !== knownHostsLine && line !== "");
      if (kept.length === 0 && !knownHostsExisted) fs.rmSync(knownHostsFile);
      else fs.writeFileSync(knownHostsFile, kept.map((line) => `${line}\n`).join(""));
    }
    fs.rmSync(sudoersFile, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
    if (madePrivilegeDir) fs.rmSync(sshdPrivilegeSeparationDir, { recursive: true, force: true });
    if (createdAccount) await $({ quiet: true, nothrow: true })`userdel --remove ${user}`;
    releaseHarnessLock();
  };

  try {
    await waitForListener(port, 10_000);
    for (let attempt = 0; !fs.existsSync(agentSocket); attempt += 1) {
      if (attempt > 100) throw new Error("ssh-agent made no socket within 10 s");
      await sleep(100);
    }
    process.env.SSH_AUTH_SOCK = agentSocket;
    await checked($({ quiet: true })`ssh-add -q ${clientKey}`);
    fs.mkdirSync(path.dirname(knownHostsFile), { recursive: true, mode: 0o700 });
    fs.appendFileSync(knownHostsFile, `${knownHostsLine}\n`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    user,
    sshdLog: () => (fs.existsSync(sshdLog) ? fs.readFileSync(sshdLog, "utf8") : ""),
    pids: [sshd.pid, agent.pid].filter((pid): pid is number => pid !== undefined),
    paths: [dir, sudoersFile],
    stop,
  };
}
