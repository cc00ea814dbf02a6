import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { ensureImages } from "../../labs/lib/images";
import { readResults } from "../../labs/lib/measure/results";
import { bootSampleCount } from "../../labs/lib/measure/measureStack";
import { resultsDirOf } from "../../labs/lib/measure/runMeasurement";
import { ensureParticipantStack, stackFile } from "../../labs/lib/participantStacks";
import type { PlatformName } from "../../model/labConfig";
import { stackRef } from "../../model/participants";
import { sshClientOptions } from "../../model/sshTarget";
import { everythingLeftOf, processExists, runLabCommand, settingsOf } from "./labCommand";
import { startSshLabHost, type SshLabHostHarness } from "./sshLabHostHarness";

const participant = "sshtest";
const quiet = () => undefined;

/** A lab command that must succeed; on failure its output is the test's message. */
async function succeeds(args: string[]): Promise<string> {
  const { exitCode, output } = await runLabCommand(args);
  if (exitCode !== 0) throw new Error(`\`npm run ${args.join(" ")}\` exited with ${exitCode}:\n${output.split("\n").slice(-40).join("\n")}`);
  return output;
}

async function setConfig(stack: string, key: string, value: string): Promise<void> {
  await succeeds(["pulumi", "--", "config", "set", "-s", stack, `vm-container-lab:${key}`, value]);
}

/** How many logins sshd accepted for the account so far. */
function loginsOf(harness: SshLabHostHarness, user: string): number {
  return harness.sshdLog().split("\n").filter((line) => line.includes(`Accepted publickey for ${user} `)).length;
}

/** The newest results file of the participant's stack on the platform. */
function newestResults(platform: PlatformName): string {
  const dir = path.join(resultsDirOf(participant), `${participant}-${platform}`);
  const fallback = path.join(resultsDirOf(participant), platform);
  const folder = fs.existsSync(dir) ? dir : fallback;
  const files = fs.readdirSync(folder).filter((file) => file.endsWith(".json")).sort();
  return path.join(folder, files[files.length - 1]);
}

describe("a lab host reached over ssh (sshd on 127.0.0.1, a separate unprivileged account)", () => {
  jest.setTimeout(3_600_000);
  let harness: SshLabHostHarness;
  /** The lab host folders of the accounts the test may use, which it removes again if they were not there before. */
  let labHostFolders: string[] = [];
  const dockerStack = stackRef("docker", participant);
  const libvirtStack = stackRef("libvirt", participant);
  const sshd = () => `127.0.0.1:${harness.port}`;

  beforeAll(async () => {
    await ensureImages(quiet);
    harness = await startSshLabHost();
    labHostFolders = ["vmcl-remote", "root"].map((account) => `/var/tmp/vm-container-lab-${account}`).filter((folder) => !fs.existsSync(folder));
  });

  /**
   * Takes down, through the lab host, whatever stack a failed test left up, and removes the stack files, results and
   * lab host folders the test made; while the harness (and its lock) still holds.
   */
  async function cleanUp(): Promise<void> {
    for (const stack of [dockerStack, libvirtStack]) {
      if (fs.existsSync(stackFile(stack.name))) await runLabCommand(["down", "--", stack.platform, "--as", participant]);
      fs.rmSync(stackFile(stack.name), { force: true });
    }
    fs.rmSync(resultsDirOf(participant), { recursive: true, force: true });
    for (const folder of labHostFolders) fs.rmSync(folder, { recursive: true, force: true });
  }

  afterAll(async () => {
    if (harness !== undefined && harness.pids.some(processExists)) await cleanUp();
    await harness?.stop();
  });

  it("refuses an unreachable lab host and a refused key in one paragraph with the fix, making nothing", async () => {
    await ensureParticipantStack({ ...dockerStack, participant }, quiet);
    const closedPort = harness.port === 65535 ? harness.port - 1 : harness.port + 1;
    await setConfig(dockerStack.name, "dockerHost", `ssh://${harness.user}@127.0.0.1:${closedPort}`);
    const unreachable = await runLabCommand(["up", "--", "docker", "--as", participant]);
    expect(unreachable.exitCode).toBe(1);
    expect(unreachable.output).toMatch(/cannot be reached over ssh: .*Connection refused\. Nothing was created or changed\.\nFix: check that sshd runs there/);

    await setConfig(dockerStack.name, "dockerHost", `ssh://nobody@${sshd()}`);
    const refused = await runLabCommand(["up", "--", "docker", "--as", participant]);
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toMatch(/refused this machine's ssh key for user nobody: .*Permission denied \(publickey\)\. Nothing was created or changed\.\nFix: [\s\S]*ssh-copy-id/);
    await setConfig(dockerStack.name, "dockerHost", `ssh://${harness.user}@${sshd()}`);
    // `config set` made the stack, empty; the refused ups added nothing to it.
    expect((await everythingLeftOf(dockerStack.name, await settingsOf(dockerStack.name))).filter((left) => !left.startsWith("stack state"))).toEqual([]);
  });

  it("deploys, measures and destroys the docker stack on ssh://vmcl-remote@127.0.0.1:PORT, every host command of the measurement over ssh", async () => {
    await ensureParticipantStack({ ...dockerStack, participant }, quiet);
    await setConfig(dockerStack.name, "dockerHost", `ssh://${harness.user}@${sshd()}`);
    const up = await succeeds(["up", "--", "docker", "--as", participant]);
    // The lab host is this machine's engine: the images are there already, and up says so instead of relying on it.
    expect(up).toMatch(new RegExp(`lab host ${harness.user}@127\\.0\\.0\\.1:${harness.port}: Docker images 0 loaded, 4 already there`));
    const loginsBeforeMeasure = loginsOf(harness, harness.user);

    const started = performance.now();
    const measure = await succeeds(["measure", "--", "docker", "--as", participant, "--samples", "1"]);
    console.log(`docker over ssh: measure took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    expect(measure).toContain(`lab host: ${harness.user}@${sshd()} (over ssh)`);
    const commands = Number(new RegExp(`(\\d+) host commands and file reads ran on ${harness.user}@127\\.0\\.0\\.1:${harness.port} over ssh`).exec(measure)?.[1]);
    expect(commands).toBeGreaterThan(50);
    // One shared connection carries the commands: far fewer logins than commands, but at least one.
    expect(loginsOf(harness, harness.user)).toBeGreaterThan(loginsBeforeMeasure);
    const results = readResults(newestResults("docker"));
    expect(results.floors?.engineCli?.method).toContain(`on the lab host ${harness.user}@${sshd()}`);
    for (const instance of results.instances) {
      // PSS read through the account's sudo rule: a container's app holds at least a MiB.
      expect(instance.memory.hostBytes).toBeGreaterThan(1024 * 1024);
      expect(instance.disk.crossCheck?.value).toBeGreaterThan(0);
      expect(instance.boot.samplesMs).toHaveLength(bootSampleCount(instance.kind, 1));
    }

    await succeeds(["down", "--", "docker", "--as", participant]);
    expect(await everythingLeftOf(dockerStack.name, await settingsOf(dockerStack.name))).toEqual([]);
  });

  it("deploys, measures and destroys the libvirt stack on qemu+ssh://ACCOUNT@127.0.0.1:PORT/system", async () => {
    await ensureParticipantStack({ ...libvirtStack, participant }, quiet);
    // The account is in group libvirt, which libvirtd lets in: through polkit under systemd, through the socket's group
    // and mode where the lab started libvirtd itself (.lab/libvirtd.conf).
    const virshAsAccount = await $({ quiet: true, nothrow: true })`ssh ${sshClientOptions({ host: "127.0.0.1", port: harness.port, noVerify: false })} ${`${harness.user}@127.0.0.1`} -- virsh -c qemu:///system uri`;
    if (!virshAsAccount.ok) throw new Error(`${harness.user} cannot use libvirt on the lab host: ${virshAsAccount.stderr.trim()}`);
    const account = harness.user;
    await setConfig(libvirtStack.name, "libvirtUri", `qemu+ssh://${account}@${sshd()}/system`);
    const upStarted = performance.now();
    const up = await succeeds(["up", "--", "libvirt", "--as", participant]);
    console.log(`libvirt over ssh: up took ${((performance.now() - upStarted) / 1000).toFixed(0)} s`);
    expect(up).toMatch(new RegExp(`lab host ${account}@127\\.0\\.0\\.1:${harness.port}: VM boot files \\d copied, \\d already there`));

    const started = performance.now();
    const measure = await succeeds(["measure", "--", "libvirt", "--as", participant, "--samples", "1"]);
    console.log(`libvirt over ssh: measure took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    expect(measure).toMatch(new RegExp(`\\d+ host commands and file reads ran on ${account}@127\\.0\\.0\\.1:${harness.port} over ssh`));
    const results = readResults(newestResults("libvirt"));
    expect(results.floors?.vmKernel?.method).toContain(`on the lab host ${account}@${sshd()}`);
    for (const instance of results.instances) {
      expect(instance.memory.method).toContain("PSS of the domain's QEMU process");
      expect(instance.memory.hostBytes).toBeGreaterThan(32 * 1024 * 1024);
      expect(instance.disk.allocatedBytes).toBeGreaterThan(0);
      expect(instance.boot.samplesMs).toHaveLength(bootSampleCount(instance.kind, 1));
    }

    await succeeds(["down", "--", "libvirt", "--as", participant]);
    expect(await everythingLeftOf(libvirtStack.name, await settingsOf(libvirtStack.name))).toEqual([]);
    expect(fs.existsSync(`/var/tmp/vm-container-lab-${account}/libvirt`) ? fs.readdirSync(`/var/tmp/vm-container-lab-${account}/libvirt`) : []).toEqual([]);
  });

  it("leaves no stack, sshd, agent, key, sudo rule or known_hosts line behind", async () => {
    await cleanUp();
    await harness.stop();
    expect(harness.pids.filter(processExists)).toEqual([]);
    expect(harness.paths.filter((file) => fs.existsSync(file))).toEqual([]);
    const knownHosts = path.join(process.env.HOME ?? "/root", ".ssh", "known_hosts");
    expect(fs.existsSync(knownHosts) ? fs.readFileSync(knownHosts, "utf8") : "").not.toContain("vmcl-ssh-test");
    expect(fs.readdirSync("/tmp").filter((entry) => entry.startsWith("vmcl-ssh-"))).toEqual([]);
  });
});
