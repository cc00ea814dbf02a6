import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { labWorkspace, stackExists } from "../../labs/lib/automation";
import { readDensityResults } from "../../labs/lib/density/densityResults";
import { ensureImages } from "../../labs/lib/images";
import { labPaths, repoRoot } from "../../labs/lib/labEnv";
import { markedObjects } from "../../labs/lib/leftovers";
import { deployAndWait, destroyStack } from "../../labs/lib/stackLifecycle";
import { densityEngineNames } from "../../model/engineNames";
import type { LabConfig, PlatformName } from "../../model/labConfig";
import { killGroup, runLabCommand, settingsOf, startLabCommand, waitFor } from "./labCommand";

const quiet = () => undefined;

const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter((line) => line !== "");

/** The density copies of a stack on its engine, and (docker) its copies' network and any volume `before` did not have. */
async function copiesOnEngine(settings: LabConfig, volumesBefore: readonly string[] = []): Promise<string[]> {
  const names = densityEngineNames(settings.namePrefix);
  if (settings.platform === "libvirt") return lines((await $({ quiet: true })`virsh -c ${settings.libvirtUri} list --all --name`).stdout).filter(names.isCopy);
  const docker = (args: string[]) => $({ quiet: true })`docker -H ${settings.dockerHost} ${args}`;
  return [
    ...lines((await docker(["ps", "--all", "--format", "{{.Names}}"])).stdout).filter(names.isCopy),
    ...lines((await docker(["network", "ls", "--format", "{{.Name}}"])).stdout).filter((name) => name === names.network),
    ...lines((await docker(["volume", "ls", "--quiet"])).stdout).filter((volume) => !volumesBefore.includes(volume)).map((volume) => `volume ${volume}`),
  ];
}

/** Everything of the copies left anywhere: on the engine, and the VMs' overlays, seeds and consoles. */
async function copiesLeft(settings: LabConfig, volumesBefore: readonly string[]): Promise<string[]> {
  const densityDir = path.join(labPaths.libvirtStateDir(settings.namePrefix), "density");
  return [...(await copiesOnEngine(settings, volumesBefore)), ...(fs.existsSync(densityDir) ? [`files ${densityDir}: ${fs.readdirSync(densityDir).join(", ")}`] : [])];
}

async function dockerVolumes(settings: LabConfig): Promise<string[]> {
  return settings.platform === "docker" ? lines((await $({ quiet: true })`docker -H ${settings.dockerHost} volume ls --quiet`).stdout) : [];
}

async function isDeployed(stack: PlatformName): Promise<boolean> {
  return stackExists(await labWorkspace(repoRoot), stack);
}

describe.each<PlatformName>(["docker", "libvirt"])("npm run density -- %s", (stack) => {
  jest.setTimeout(1_200_000);
  let settings: LabConfig;
  let volumesBefore: string[];
  let upBefore = false;

  beforeAll(async () => {
    await ensureImages(quiet);
    upBefore = await isDeployed(stack);
    await deployAndWait(stack, quiet, quiet);
    settings = await settingsOf(stack);
    volumesBefore = await dockerVolumes(settings);
  });

  afterAll(async () => {
    if (!upBefore) await destroyStack(stack, quiet, quiet);
  });

  it("starts two copies, writes valid results with a step per copy and removes every copy", async () => {
    const run = await runLabCommand(["density", "--", stack, "--max", "2"]);
    expect(run.exitCode).toBe(0);
    expect(run.output).toMatch(/2 copies of db in .* instances per GiB/);
    const file = /^results: (.+\.json)$/m.exec(run.output)?.[1];
    expect(file).toBeDefined();
    const results = readDensityResults(file as string);
    fs.rmSync(file as string);
    expect(results.steps.map((step) => step.copies)).toEqual([1, 2]);
    expect(results.stopped.reason).toBe("max");
    expect(results.steps.every((step) => step.startToReadyMs > step.engineCallMs && step.memory.hostBytes > 1024 * 1024)).toBe(true);
    expect(results.steps[1].copiesHostBytes).toHaveLength(2);
    expect(results.kind).toBe(stack === "docker" ? "container" : "vm");
    expect(await copiesLeft(settings, volumesBefore)).toEqual([]);
  });

  it("removes every copy when interrupted with Ctrl-C while copies run", async () => {
    const interrupted = startLabCommand(["density", "--", stack, "--max", "5"]);
    await waitFor("the first copy", async () => (await copiesOnEngine(settings)).some(densityEngineNames(settings.namePrefix).isCopy), 300_000);
    // As Ctrl-C in a terminal: the whole foreground group (npm, tsx, node and the engine command in flight).
    process.kill(-(interrupted.child.pid ?? 0), "SIGINT");
    expect(await interrupted.exited).not.toBe(0);
    // npm ends at the signal; the script prints this once it has removed its copies.
    await waitFor("the interrupted run's last words", () => interrupted.output().includes("was interrupted (SIGINT); what it had started was removed."), 120_000);
    expect(await copiesLeft(settings, volumesBefore)).toEqual([]);
  });

  it("after a killed run, knows its copies as the stack's leftovers, and the next run removes them first", async () => {
    const killed = startLabCommand(["density", "--", stack, "--max", "5"]);
    const names = densityEngineNames(settings.namePrefix);
    await waitFor("the first copy", async () => (await copiesOnEngine(settings)).some(names.isCopy), 300_000);
    await killGroup(killed);
    const marked = (await markedObjects(settings, stack)).map((object) => `${object.kind} ${object.name}`);
    expect(marked).toContain(`${stack === "docker" ? "container" : "domain"} ${names.copy(1)}`);

    const again = await runLabCommand(["density", "--", stack, "--max", "1"]);
    expect(again.exitCode).toBe(0);
    const file = /^results: (.+\.json)$/m.exec(again.output)?.[1];
    if (file) fs.rmSync(file);
    expect(await copiesLeft(settings, volumesBefore)).toEqual([]);
  });
});
