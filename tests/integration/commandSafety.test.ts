import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { kvmFailedProbe, resolveAccelerator } from "../../model/accelerator";
import { ensureAcceleratorChoice } from "../../labs/lib/acceleratorChoice";
import { ensureImages } from "../../labs/lib/images";
import { repoRoot } from "../../labs/lib/labEnv";
import type { LockOwner } from "../../labs/lib/processLock";
import { destroyStack } from "../../labs/lib/stackLifecycle";
import { stackLockFile } from "../../labs/lib/stackLock";
import type { PlatformName } from "../../model/labConfig";
import { everythingLeftOf, runLabCommand, settingsOf, startLabCommand, waitFor } from "./labCommand";

const quiet = () => undefined;

/** Runs `work` with the stack's committed config file edited by `edit`, and restores the file afterwards. */
async function withStackFileEdited<T>(stackName: PlatformName, edit: (yaml: string) => string, work: () => Promise<T>): Promise<T> {
  const file = path.join(repoRoot, "stacks", `Pulumi.${stackName}.yaml`);
  const original = fs.readFileSync(file, "utf8");
  const edited = edit(original);
  expect(edited).not.toBe(original);
  fs.writeFileSync(file, edited);
  try {
    return await work();
  } finally {
    fs.writeFileSync(file, original);
  }
}

/** What a failed command printed from its "Error:" line on: the paragraph a user reads. */
function errorParagraph(output: string): string[] {
  const lines = output.trimEnd().split("\n");
  return lines.slice(lines.findIndex((line) => line.startsWith("Error: ")));
}

describe("lab commands refuse what cannot work, and say so in one paragraph", () => {
  jest.setTimeout(900_000);

  beforeAll(async () => {
    await ensureImages(quiet);
    await destroyStack("docker", quiet, quiet);
    await destroyStack("libvirt", quiet, quiet);
  });

  afterAll(async () => {
    await destroyStack("docker", quiet, quiet);
    await destroyStack("libvirt", quiet, quiet);
  });

  it("a second up, down or measure of a stack that a command holds says who holds it and exits 1", async () => {
    const first = startLabCommand(["up", "--", "docker"]);
    await waitFor("the first up to hold stack docker", () => fs.existsSync(stackLockFile("docker")), 120_000);
    const owner = JSON.parse(fs.readFileSync(stackLockFile("docker"), "utf8")) as LockOwner;
    for (const command of [["up", "--", "docker"], ["down", "--", "docker"], ["measure", "--", "docker"], ["lab"]]) {
      const second = await runLabCommand(command);
      expect(second.exitCode).toBe(1);
      expect(second.output).toContain(`Error: Stack docker is busy (pid ${owner.pid}, \`npm run up -- docker\`, started ${owner.startedAt})`);
    }
    expect(await first.exited).toBe(0);
    expect((await runLabCommand(["down", "--", "docker"])).exitCode).toBe(0);
  });

  it("a host port another program listens on is refused before anything is made", async () => {
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      const refused = await withStackFileEdited("docker", (yaml) => yaml.replace(/web: 18080/, `web: ${port}`), () => runLabCommand(["up", "--", "docker"]));
      expect(refused.exitCode).toBe(1);
      const paragraph = errorParagraph(refused.output);
      expect(paragraph.length).toBeLessThanOrEqual(4);
      expect(paragraph[0]).toContain(`vm-container-lab:hostPorts.web is ${port}`);
      expect(paragraph.join("\n")).toContain("Fix: `npm run pulumi -- config set -s docker --path vm-container-lab:hostPorts.web VALUE`");
      expect(paragraph.join("\n")).toMatch(/Full output: \S+\/\.lab\/logs\/up-docker-\S+\.log/);
      expect(await everythingLeftOf("docker", await settingsOf("docker"))).toEqual([]);
    } finally {
      listener.close();
    }
  });

  it("accelerator kvm is refused before any VM is touched on a host whose KVM cannot boot guests", async () => {
    const choice = await ensureAcceleratorChoice(quiet);
    if (!kvmFailedProbe(choice)) {
      expect(resolveAccelerator("kvm", choice, "libvirt")).toBe("kvm");
      return;
    }
    const refused = await withStackFileEdited("libvirt", (yaml) => yaml.replace("accelerator: auto", "accelerator: kvm"), () => runLabCommand(["up", "--", "libvirt"]));
    expect(refused.exitCode).toBe(1);
    const paragraph = errorParagraph(refused.output).join("\n");
    expect(paragraph).toContain('vm-container-lab:accelerator is "kvm"; allowed: auto or tcg on this host');
    expect(paragraph).toContain("Fix: `npm run pulumi -- config set -s libvirt vm-container-lab:accelerator VALUE`");
    expect(await everythingLeftOf("libvirt", await settingsOf("libvirt"))).toEqual([]);
  });

  it("measure of a stack that is not deployed says so and leaves no stack behind", async () => {
    const measured = await runLabCommand(["measure", "--", "docker"]);
    expect(measured.exitCode).toBe(1);
    expect(measured.output).toContain("Error: Stack docker is not deployed, so there is nothing to measure.");
    expect(await everythingLeftOf("docker", await settingsOf("docker"))).toEqual([]);
  });
});
