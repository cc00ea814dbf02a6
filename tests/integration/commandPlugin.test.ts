import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import { $ } from "zx";
import { labWorkspace, stackExists } from "../../labs/lib/automation";
import { labPaths } from "../../labs/lib/labEnv";
import { commandPlugin, installedPlugins } from "../../labs/lib/toolchain";

/**
 * The unmodified npm @pulumi/command SDK against the lab's own command plugin (tools/pulumi-resource-command),
 * through real `pulumi up`s of a tiny program (command-plugin/index.ts) in the lab's local backend.
 */
const workDir = path.join(__dirname, "command-plugin");
const stackName = "vmcl-command-plugin-test";
const stackConfigFile = path.join(workDir, `Pulumi.${stackName}.yaml`);

/** A secret value in Pulumi's state format: {[sigKey]: secretSig, ciphertext} (plaintext when exported decrypted). */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/** The stack's checkpoint file in the lab's local backend. */
function checkpointFile(): string {
  const stacksDir = path.join(labPaths.pulumiBackend, ".pulumi", "stacks");
  const found = fs
    .readdirSync(stacksDir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === `${stackName}.json`);
  expect(found).toHaveLength(1);
  return path.join(stacksDir, found[0]);
}

/** What the local backend still holds of the stack: removing a stack leaves its backups, history and a .bak. */
function backendLeftovers(): string[] {
  const backend = path.join(labPaths.pulumiBackend, ".pulumi");
  return fs
    .readdirSync(backend, { recursive: true, encoding: "utf8" })
    .filter((file) => file.split(path.sep).some((part) => part.startsWith(stackName)))
    .map((file) => path.join(backend, file));
}

/** Removes the stack's leftovers, then the folders of the test's project (command-plugin) that are left empty. */
function removeBackendLeftovers(): void {
  for (const file of backendLeftovers()) fs.rmSync(file, { recursive: true, force: true });
  for (const area of ["stacks", "backups", "history", path.join("locks", "organization")]) {
    const projectDir = path.join(labPaths.pulumiBackend, ".pulumi", area, "command-plugin");
    if (fs.existsSync(projectDir) && fs.readdirSync(projectDir).length === 0) fs.rmdirSync(projectDir);
  }
}

describe("the command plugin with the npm @pulumi/command SDK", () => {
  jest.setTimeout(600_000);

  it("passes its own Go tests, which drive the gRPC server as the engine does", async () => {
    const goTests = await $({ nothrow: true, quiet: true, cwd: path.join(__dirname, "../../tools/pulumi-resource-command") })`go test ./...`;
    expect(goTests.stdout + goTests.stderr).toMatch(/^ok\s+vm-container-lab\/tools\/pulumi-resource-command\/provider/m);
    expect(goTests.exitCode).toBe(0);
  }, 600_000);

  it("is installed at the version the SDK asks for", async () => {
    expect(require("@pulumi/command/package.json").pulumi).toEqual({ resource: true, name: "command", version: commandPlugin.version });
    expect(await installedPlugins()).toContainEqual({ name: "command", kind: "resource", version: commandPlugin.version });
  });

  it("creates, updates, replaces on a trigger, fails with the stderr, keeps secrets and deletes on destroy", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-command-plugin-"));
    const events = () => (fs.existsSync(path.join(tmp, "events.log")) ? fs.readFileSync(path.join(tmp, "events.log"), "utf8").trimEnd().split("\n") : []);
    const workspace = await labWorkspace(workDir);
    // A run that died half way leaves its stack behind; its commands' folder is gone, so it is dropped unrun.
    if (await stackExists(workspace, stackName)) await workspace.removeStack(stackName, { force: true });
    const stack = await Stack.create(stackName, workspace);
    try {
      await stack.setAllConfig({
        dir: { value: tmp },
        stage: { value: "1" },
        trigger: { value: "a" },
        token: { value: "tok-123", secret: true },
      });

      // Create: the create commands ran, stdout is the output (one trailing newline trimmed).
      const created = await stack.up();
      expect(created.summary.result).toBe("succeeded");
      expect(created.summary.resourceChanges).toEqual({ create: 3 });
      expect(events()).toEqual(["create 1"]);
      expect(created.outputs.mainStdout).toEqual({ value: "out-1", secret: false });
      expect(created.outputs.mainStderr).toEqual({ value: "", secret: false });

      // A secret input makes the output secret, in the stack outputs and in the state.
      expect(created.outputs.secretStdout).toEqual({ value: "token=tok-123", secret: true });
      const state = await stack.exportStack();
      const secretResource = (state.deployment.resources as { type: string; urn: string; outputs: Record<string, unknown> }[]).find(
        (resource) => resource.type === "command:local:Command" && resource.urn.endsWith("::secret"),
      );
      expect(secretResource?.outputs.stdout).toMatchObject({ [sigKey]: secretSig });
      const checkpoint = fs.readFileSync(checkpointFile(), "utf8");
      expect(checkpoint).toContain("ciphertext");
      expect(checkpoint).not.toContain("tok-123");

      // Nothing changed: no command runs.
      expect((await stack.up()).summary.resourceChanges).toEqual({ same: 3 });
      expect(events()).toEqual(["create 1"]);

      // A changed create command is an update: a preview runs nothing, the up runs `update` with the previous stdout.
      await stack.setConfig("stage", { value: "2" });
      const preview = await stack.preview();
      expect(preview.changeSummary).toEqual({ update: 1, same: 2 });
      expect(events()).toEqual(["create 1"]);
      const updated = await stack.up();
      expect(updated.summary.resourceChanges).toEqual({ update: 1, same: 2 });
      expect(events()).toEqual(["create 1", "update 2 previous=out-1"]);
      expect(updated.outputs.mainStdout.value).toBe("out-2");

      // A changed trigger replaces: as upstream, the new resource is created before the old one is deleted.
      await stack.setConfig("trigger", { value: "b" });
      const replaced = await stack.up();
      expect(replaced.summary.resourceChanges).toEqual({ replace: 1, same: 2 });
      expect(events()).toEqual(["create 1", "update 2 previous=out-1", "create 2", "delete previous=out-2"]);
      expect(replaced.outputs.mainStdout.value).toBe("out-2");

      // A failing command fails the up with its stderr and exit status, and leaves no resource behind.
      await stack.setConfig("fail", { value: "true" });
      const failure = await stack.up().then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure).toBeDefined();
      expect(failure?.message).toContain("this went wrong");
      expect(failure?.message).toContain("exit status 7");
      await stack.removeConfig("fail");
      expect((await stack.up()).summary.resourceChanges).toEqual({ same: 3 });

      // Destroy runs the delete command with the last stdout.
      const destroyed = await stack.destroy();
      expect(destroyed.summary.resourceChanges).toEqual({ delete: 3 });
      expect(events()).toEqual(["create 1", "update 2 previous=out-1", "create 2", "delete previous=out-2", "delete previous=out-2"]);
    } finally {
      await stack.destroy().catch(() => undefined);
      await workspace.removeStack(stackName, { force: true }).catch(() => undefined);
      fs.rmSync(stackConfigFile, { force: true });
      fs.rmSync(tmp, { recursive: true, force: true });
      removeBackendLeftovers();
    }
    expect(backendLeftovers()).toEqual([]);
    expect(await stackExists(workspace, stackName)).toBe(false);
    expect(fs.existsSync(stackConfigFile)).toBe(false);
    expect(fs.existsSync(tmp)).toBe(false);
  });
});
