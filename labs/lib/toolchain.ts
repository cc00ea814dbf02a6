import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { $ } from "zx";
import { readJsonFile, writeJsonFile } from "./jsonFile";
import { LabError } from "../../model/labError";
import { labPaths, pulumiBinDir, pulumiCli, pulumiEnv, pulumiHome, repoRoot } from "./labEnv";
import { withHeartbeat } from "./progress";
import { checked } from "./shell";

/** One binary of the Pulumi toolchain, built from its Go module through a tools module of ours in tools/. */
export interface GoBuiltTool {
  /** File name Pulumi looks for in $PULUMI_HOME/bin. */
  binary: string;
  /** Version the lab pins, without a leading "v". */
  version: string;
  /** Folder of our tools module (go.mod that requires the upstream module at the pin). */
  toolsModule: string;
  /** Main package to build. */
  mainPackage: string;
  buildTags: string[];
  ldflags: string[];
}

export const pulumiVersion = "3.259.0";

/**
 * The Node.js language host's own Go module is not served by the module proxy here (403), so it is built from
 * the last release that still shipped it inside github.com/pulumi/pulumi/sdk/v3. The CLI starts it with the
 * engine address only, and its protocol is still served by CLI 3.259.0 (checked by the toolchain proof test).
 */
export const nodejsLanguageHostVersion = "3.68.0";

const sdkVersionFlag = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

export const goBuiltTools: GoBuiltTool[] = [
  {
    binary: "pulumi",
    version: pulumiVersion,
    toolsModule: "tools/pulumi-cli",
    mainPackage: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    buildTags: ["osusergo", "grpcnotrace"],
    ldflags: [`-X ${sdkVersionFlag}=v${pulumiVersion}`],
  },
  {
    binary: "pulumi-language-nodejs",
    version: nodejsLanguageHostVersion,
    toolsModule: "tools/pulumi-language-nodejs",
    mainPackage: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
    buildTags: [],
    ldflags: [`-X ${sdkVersionFlag}=v${nodejsLanguageHostVersion}`],
  },
];

/** A resource plugin the lab builds from Go modules with a script in tools/. */
export interface ResourcePlugin {
  name: string;
  version: string;
  buildScript: string;
  /** What it is built from, for the doctor's table. */
  origin: string;
}

/**
 * pulumi-docker's and pulumi-libvirt's own provider modules are not served by the module proxy here (403), so
 * tools/ builds the same kind of plugin from modules that are: each upstream Terraform provider wrapped by
 * Pulumi's Terraform bridge. docker keeps the tokens of @pulumi/docker 5.0.0 from npm; libvirt's SDK is generated
 * from the plugin's schema and committed (sdks/libvirt, see libvirtSdk.ts).
 */
export const dockerPlugin: ResourcePlugin = {
  name: "docker",
  version: "5.0.0",
  buildScript: "tools/pulumi-resource-docker/build.sh",
  origin: "Terraform docker provider through Pulumi's bridge",
};

export const libvirtPlugin: ResourcePlugin = {
  name: "libvirt",
  version: "0.8.3",
  buildScript: "tools/pulumi-resource-libvirt/build.sh",
  origin: "Terraform libvirt provider through Pulumi's bridge",
};

/**
 * pulumi-command's provider module is not served either, so the plugin that the unmodified npm @pulumi/command 1.2.1
 * SDK loads is our own: command:local:Command and command:local:run (command:remote:* is not built in).
 */
export const commandPlugin: ResourcePlugin = {
  name: "command",
  version: "1.2.1",
  buildScript: "tools/pulumi-resource-command/build.sh",
  origin: "our own, written for the lab (tools/pulumi-resource-command)",
};

export const resourcePlugins: readonly ResourcePlugin[] = [dockerPlugin, libvirtPlugin, commandPlugin];

/** Records which binaries in $PULUMI_HOME/bin the lab installed, at which version, with which content. */
export const installRecordName = ".vm-container-lab-toolchain.json";
export const installRecordPath = path.join(pulumiBinDir, installRecordName);

export interface InstallRecord {
  [binary: string]: { version: string; sha256: string };
}

export function readInstallRecord(recordPath = installRecordPath): InstallRecord {
  return readJsonFile<InstallRecord>(recordPath) ?? {};
}

export function sha256OfFile(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** `pulumi version` prints "v3.259.0"; anything else (a dev build, an error) is not the pin. */
export function parsePulumiVersion(output: string): string | undefined {
  return /^v(\d+\.\d+\.\d+)\s*$/.exec(output.trim())?.[1];
}

/** Go 1.25 or newer builds the pinned CLI; `go version` prints "go version go1.26.8 linux/amd64". */
export function parseGoVersion(output: string): { major: number; minor: number } | undefined {
  const match = /go(\d+)\.(\d+)/.exec(output);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

export async function installedPulumiVersion(cli = pulumiCli): Promise<string | undefined> {
  const env = { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" };
  const result = await $({ nothrow: true, quiet: true, env, timeout: "20s", timeoutSignal: "SIGKILL" })`${cli} version`;
  return result.ok ? parsePulumiVersion(result.stdout) : undefined;
}

export type ToolStatus = "pinned" | "other-version" | "missing";

export interface InstalledPlugin {
  name: string;
  kind: string;
  version: string;
}

/** `pulumi plugin ls --json` prints an array of {name, kind, version, size, installTime, lastUsedTime}. */
export function parsePluginList(json: string): InstalledPlugin[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error("pulumi plugin ls --json did not print an array");
  return parsed.map((entry: { name: string; kind: string; version: string }) => ({ name: entry.name, kind: entry.kind, version: entry.version }));
}

/** The plugins of a PULUMI_HOME (the lab's unless told), as its own CLI lists them. */
export async function installedPlugins(home = pulumiHome): Promise<InstalledPlugin[]> {
  const env = { ...pulumiEnv(), PULUMI_HOME: home };
  const result = await $({ nothrow: true, quiet: true, env, timeout: "30s", timeoutSignal: "SIGKILL" })`${path.join(home, "bin", "pulumi")} plugin ls --json`;
  return result.ok ? parsePluginList(result.stdout) : [];
}

/**
 * Whether a binary in $PULUMI_HOME/bin is the pinned one. The CLI answers for itself; the other binaries print
 * no version, so they count as pinned when our install record vouches for their exact content.
 */
export async function toolStatus(binary: string, version: string, record = readInstallRecord(), binDir = pulumiBinDir): Promise<ToolStatus> {
  const installed = path.join(binDir, binary);
  if (!fs.existsSync(installed)) return "missing";
  if (binary === "pulumi") return (await installedPulumiVersion(installed)) === version ? "pinned" : "other-version";
  const recorded = record[binary];
  return recorded?.version === version && recorded.sha256 === sha256OfFile(installed) ? "pinned" : "other-version";
}

/**
 * What is not pinned in a PULUMI_HOME (the lab's unless told), by the checks ensurePulumiToolchain makes: each binary's
 * status and each resource plugin in the CLI's own list. Empty when the toolchain there is complete.
 */
export async function toolchainProblems(home = pulumiHome): Promise<string[]> {
  const binDir = path.join(home, "bin");
  const record = readInstallRecord(path.join(binDir, installRecordName));
  const problems: string[] = [];
  for (const tool of goBuiltTools) {
    const status = await toolStatus(tool.binary, tool.version, record, binDir);
    if (status !== "pinned") problems.push(`${tool.binary} v${tool.version} is ${status === "missing" ? "missing" : "another build or version"}`);
  }
  const plugins = await installedPlugins(home);
  for (const plugin of resourcePlugins) {
    if (!pluginInstalled(plugins, plugin)) problems.push(`resource plugin ${plugin.name} v${plugin.version} is not installed`);
  }
  return problems;
}

async function requireGo(): Promise<void> {
  const result = await $({ nothrow: true, quiet: true })`go version`;
  const version = result.ok ? parseGoVersion(result.stdout) : undefined;
  if (!version || version.major < 1 || (version.major === 1 && version.minor < 25)) {
    throw new LabError(
      `The Pulumi toolchain must be built from its Go modules here, and that needs Go 1.25 or newer (found: ${result.ok ? result.stdout.trim() : "no go on PATH"}).`,
      `install Go 1.25+ (for example the official Linux tarball unpacked to /usr/local/go, with /usr/local/go/bin on PATH), or install Pulumi CLI v${pulumiVersion} with its Node.js language host into ${pulumiBinDir}, then run \`npm run bootstrap\` again.`,
    );
  }
}

async function buildGoTool(tool: GoBuiltTool, log: (line: string) => void): Promise<void> {
  await requireGo();
  const output = path.join(pulumiBinDir, `${tool.binary}.build-${process.pid}`);
  fs.mkdirSync(pulumiBinDir, { recursive: true });
  log(`toolchain: building ${tool.binary} v${tool.version} from Go modules (${tool.toolsModule}; several minutes the first time, cached after)`);
  const started = Date.now();
  const args = ["build", "-o", output];
  if (tool.buildTags.length > 0) args.push("-tags", tool.buildTags.join(","));
  args.push("-ldflags", tool.ldflags.join(" "), tool.mainPackage);
  await withHeartbeat(`toolchain: still building ${tool.binary}`, log, () => checked($({ quiet: true, cwd: path.join(repoRoot, tool.toolsModule) })`go ${args}`));
  fs.chmodSync(output, 0o755);
  fs.renameSync(output, path.join(pulumiBinDir, tool.binary));
  log(`toolchain: built ${tool.binary} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Makes $PULUMI_HOME hold the pinned CLI, language host and resource plugins; reuses what is already pinned. */
export async function ensurePulumiToolchain(log: (line: string) => void): Promise<void> {
  const record = readInstallRecord();
  for (const tool of goBuiltTools) {
    const status = await toolStatus(tool.binary, tool.version, record);
    if (status === "pinned") {
      log(`toolchain: ${tool.binary} v${tool.version} already installed`);
      continue;
    }
    if (status === "other-version") log(`toolchain: ${tool.binary} in ${pulumiBinDir} is not v${tool.version}; replacing it`);
    await buildGoTool(tool, log);
    record[tool.binary] = { version: tool.version, sha256: sha256OfFile(path.join(pulumiBinDir, tool.binary)) };
    writeJsonFile(installRecordPath, record);
  }
  for (const plugin of resourcePlugins) await ensureResourcePlugin(plugin, log);
  const cliVersion = await installedPulumiVersion();
  if (cliVersion !== pulumiVersion) {
    throw new LabError(
      `${pulumiCli} reports version ${cliVersion ?? "(none)"} after the build, not v${pulumiVersion}.`,
      `delete ${pulumiCli} and run \`npm run bootstrap\` again; if it repeats, the log above shows the go build output.`,
    );
  }
}

export function pluginInstalled(plugins: readonly InstalledPlugin[], plugin: ResourcePlugin): boolean {
  return plugins.some((installed) => installed.kind === "resource" && installed.name === plugin.name && installed.version === plugin.version);
}

/** Builds and installs a resource plugin unless Pulumi already has it at the pinned version. */
async function ensureResourcePlugin(plugin: ResourcePlugin, log: (line: string) => void): Promise<void> {
  if (pluginInstalled(await installedPlugins(), plugin)) {
    log(`toolchain: resource plugin ${plugin.name} v${plugin.version} already installed`);
    return;
  }
  await requireGo();
  log(`toolchain: building resource plugin ${plugin.name} v${plugin.version} from Go modules (${plugin.buildScript}; minutes the first time)`);
  const started = Date.now();
  const binary = path.join(labPaths.cache, "toolchain", `pulumi-resource-${plugin.name}-v${plugin.version}`);
  const build = $({ quiet: true, env: { ...process.env, VERSION: plugin.version } })`${path.join(repoRoot, plugin.buildScript)} ${binary}`;
  await withHeartbeat(`toolchain: still building the ${plugin.name} plugin`, log, () => checked(build));
  await checked($({ quiet: true, env: pulumiEnv() })`${pulumiCli} plugin install resource ${plugin.name} ${plugin.version} --file ${binary}`);
  fs.rmSync(binary, { force: true });
  log(`toolchain: built and installed resource plugin ${plugin.name} v${plugin.version} in ${Math.round((Date.now() - started) / 1000)} s`);
}
