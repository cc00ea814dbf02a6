import * as fs from "node:fs";
import { $ } from "zx";
import { ensureImages } from "../../labs/lib/images";
import type { LockOwner } from "../../labs/lib/processLock";
import { processesOfRun } from "../../labs/lib/runProcesses";
import { destroyStack } from "../../labs/lib/stackLifecycle";
import { stackLockFile } from "../../labs/lib/stackLock";
import type { LabConfig, LibvirtConfig, PlatformName } from "../../model/labConfig";
import { everythingLeftOf, killGroup, runLabCommand, settingsOf, startLabCommand, waitFor, type RunningCommand } from "./labCommand";

const quiet = () => undefined;

async function virshNames(settings: LibvirtConfig, listing: string): Promise<string[]> {
  return (await $({ quiet: true })`virsh -c ${settings.libvirtUri} ${listing} --all --name`).stdout.split("\n").filter((name) => name.startsWith(settings.namePrefix));
}

function lockOwner(stackName: PlatformName): LockOwner {
  return JSON.parse(fs.readFileSync(stackLockFile(stackName), "utf8")) as LockOwner;
}

/**
 * Kills `npm run COMMAND` at a chosen moment, then checks the same command completes by itself without leaving
 * anything of the killed run running, and that after `down` nothing of the stack is left.
 */
async function killThenConverge(command: "up" | "down", stackName: PlatformName, settings: LabConfig, killWhen: () => Promise<boolean>, kill: (running: RunningCommand) => Promise<void>): Promise<void> {
  const interrupted = startLabCommand([command, "--", stackName]);
  await waitFor(`the moment to kill \`npm run ${command} -- ${stackName}\``, killWhen, 600_000);
  const killedRun = lockOwner(stackName).runId;
  await kill(interrupted);

  const again = await runLabCommand([command, "--", stackName]);
  expect(again.output).toContain(`stack ${stackName}: taking over from an interrupted run`);
  expect(again.exitCode).toBe(0);
  expect(processesOfRun(killedRun)).toEqual([]);

  if (command === "up") expect((await runLabCommand(["down", "--", stackName])).exitCode).toBe(0);
  expect(await everythingLeftOf(stackName, settings)).toEqual([]);
}

describe("a killed `npm run up` or `npm run down` converges when the same command runs again", () => {
  jest.setTimeout(1_800_000);
  let docker: LabConfig;
  let libvirt: LibvirtConfig;

  beforeAll(async () => {
    await ensureImages(quiet);
    await destroyStack("docker", quiet, quiet);
    await destroyStack("libvirt", quiet, quiet);
    docker = await settingsOf("docker");
    libvirt = (await settingsOf("libvirt")) as LibvirtConfig;
  });

  afterAll(async () => {
    await destroyStack("docker", quiet, quiet);
    await destroyStack("libvirt", quiet, quiet);
  });

  it("docker: the whole process group killed as the first container appears", async () => {
    const firstContainer = async () => (await $({ quiet: true })`docker ps --all --quiet --filter ${`name=^/${docker.namePrefix}-`}`).stdout.trim() !== "";
    await killThenConverge("up", "docker", docker, firstContainer, killGroup);
  });

  it("docker down: the whole process group killed as the first container is gone", async () => {
    expect((await runLabCommand(["up", "--", "docker"])).exitCode).toBe(0);
    const containers = async () => (await $({ quiet: true })`docker ps --all --quiet --filter ${`name=^/${docker.namePrefix}-`}`).stdout.trim().split("\n").filter(Boolean).length;
    await killThenConverge("down", "docker", docker, async () => (await containers()) < 3, killGroup);
  });

  it("docker up: the instances a killed `npm run lab` left stopped (it stops them while the other stack is measured) are started again", async () => {
    expect((await runLabCommand(["up", "--", "docker"])).exitCode).toBe(0);
    const names = ["db", "api", "web"].map((app) => `${docker.namePrefix}-${app}`);
    await $({ quiet: true })`docker stop ${names}`;
    const again = await runLabCommand(["up", "--", "docker"]);
    expect(again.exitCode).toBe(0);
    expect(again.output).toContain(`started ${names.join(", ")}: deployed but stopped`);
    const running = (await $({ quiet: true })`docker inspect --format {{.State.Running}} ${names}`).stdout.trim().split("\n");
    expect(running).toEqual(["true", "true", "true"]);
    expect((await runLabCommand(["down", "--", "docker"])).exitCode).toBe(0);
    expect(await everythingLeftOf("docker", docker)).toEqual([]);
  });

  it("libvirt: the whole process group killed as the pool appears, while its volumes are being made", async () => {
    const poolExists = async () => (await virshNames(libvirt, "pool-list")).length > 0;
    await killThenConverge("up", "libvirt", libvirt, poolExists, killGroup);
  });

  it("libvirt: only the lab's own process killed as the first VM is defined, leaving its Pulumi CLI and plugins running", async () => {
    const firstDomain = async () => (await virshNames(libvirt, "list")).length > 0;
    const killLabProcessOnly = async (command: RunningCommand) => {
      const owner = lockOwner("libvirt");
      expect(processesOfRun(owner.runId).length).toBeGreaterThan(0);
      process.kill(owner.pid, "SIGKILL");
      await command.exited;
    };
    await killThenConverge("up", "libvirt", libvirt, firstDomain, killLabProcessOnly);
  });
});
