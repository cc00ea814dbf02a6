import * as os from "node:os";
import { $ } from "zx";
import { labStack } from "../../labs/lib/automation";
import { ensureImages } from "../../labs/lib/images";
import { repoRoot } from "../../labs/lib/labEnv";
import { deployStack, destroyStack, waitForInstances } from "../../labs/lib/stackLifecycle";
import { kernelReleaseInside } from "../../labs/lib/instanceExec";
import { getJson } from "./httpJson";

const quiet = () => undefined;

/** What the Docker engine itself holds with the stack's label, not what Pulumi's state says. */
async function engineObjectsOfStack(): Promise<string[]> {
  const filter = "label=vm-container-lab.stack=docker";
  const listings = await Promise.all([
    $({ quiet: true })`docker ps --all --quiet --filter ${filter}`,
    $({ quiet: true })`docker network ls --quiet --filter ${filter}`,
    $({ quiet: true })`docker volume ls --quiet --filter ${filter}`,
  ]);
  return listings.flatMap((listing) => listing.stdout.split("\n").filter((line) => line.trim() !== ""));
}

describe("the docker stack", () => {
  jest.setTimeout(900_000);

  beforeAll(async () => {
    await ensureImages(quiet);
    await destroyStack("docker", quiet, quiet);
  });

  afterAll(async () => {
    await destroyStack("docker", quiet, quiet);
  });

  it("deploys web → api → db, is stable on a second up and refresh, and leaves nothing after down", async () => {
    const deployed = await deployStack("docker", quiet, quiet);
    expect(deployed.instances.map((instance) => instance.app).sort()).toEqual(["api", "db", "web"]);
    const ready = await waitForInstances(deployed.instances, 60_000, quiet);
    expect(ready.every((entry) => entry.readyAfterMs !== undefined)).toBe(true);

    const first = await getJson<{ visits: number }>(`${deployed.webUrl}api/visits`);
    const second = await getJson<{ visits: number }>(`${deployed.webUrl}api/visits`);
    expect(second.visits).toBe(first.visits + 1);
    for (const instance of deployed.instances) expect(await kernelReleaseInside({}, instance)).toBe(os.release());

    const stack = await labStack(repoRoot, "docker");
    const secondUp = await stack.up();
    expect(Object.keys(secondUp.summary.resourceChanges ?? {})).toEqual(["same"]);
    const refresh = await stack.refresh();
    expect(Object.keys(refresh.summary.resourceChanges ?? {})).toEqual(["same"]);
    expect(await engineObjectsOfStack()).toHaveLength(5);

    await destroyStack("docker", quiet, quiet);
    expect(await engineObjectsOfStack()).toEqual([]);
  });
});
