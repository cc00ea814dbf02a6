import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { execChecked, execProbe } from "./exec";
import { readJsonFile, writeJsonFile } from "./jsonFile";
import { LabError } from "../../model/labError";
import { labPaths, pulumiBinDir, pulumiCli, pulumiEnv, repoRoot } from "./labEnv";

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

/** The script that hosts dynamic providers (the lab's docker, command and libvirt providers run in it). */
export const dynamicProviderHost = {
  binary: "pulumi-resource-pulumi-nodejs",
  version: pulumiVersion,
  sdkModule: `github.com/pulumi/pulumi/sdk/v3@v${pulumiVersion}`,
  pathInModule: "nodejs/dist/pulumi-resource-pulumi-nodejs",
};

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

export const resourcePlugins: readonly ResourcePlugin[] = [dockerPlugin, libvirtPlugin];

/** Records which binaries in $PULUMI_HOME/bin the lab installed, at which version, with which content. */
export const installRecordPath = path.join(pulumiBinDir, ".vm-container-lab-toolchain.json");

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

export async function installedPulumiVersion(): Promise<string | undefined> {
  const result = await execProbe(pulumiCli, ["version"], { timeoutMs: 20_000, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  return result.exitCode === 0 ? parsePulumiVersion(result.stdout) : undefined;
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

export async function installedPlugins(): Promise<InstalledPlugin[]> {
  const result = await execProbe(pulumiCli, ["plugin", "ls", "--json"], { timeoutMs: 30_000, env: pulumiEnv() });
  return result.exitCode === 0 ? parsePluginList(result.stdout) : [];
}

/**
 * Whether a binary in $PULUMI_HOME/bin is the pinned one. The CLI answers for itself; the other binaries print
 * no version, so they count as pinned when our install record vouches for their exact content.
 */
export async function toolStatus(binary: string, version: string, record = readInstallRecord()): Promise<ToolStatus> {
  const installed = path.join(pulumiBinDir, binary);
  if (!fs.existsSync(installed)) return "missing";
  if (binary === "pulumi") return (await installedPulumiVersion()) === version ? "pinned" : "other-version";
  const recorded = record[binary];
  return recorded?.version === version && recorded.sha256 === sha256OfFile(installed) ? "pinned" : "other-version";
}

async function requireGo(): Promise<void> {
  const result = await execProbe("go", ["version"]);
  const version = result.exitCode === 0 ? parseGoVersion(result.stdout) : undefined;
  if (!version || version.major < 1 || (version.major === 1 && version.minor < 25)) {
    throw new LabError(
      `The Pulumi toolchain must be built from its Go modules here, and that needs Go 1.25 or newer (found: ${result.exitCode === 0 ? result.stdout.trim() : "no go on PATH"}).`,
      `install Go 1.25+ (for example the official Linux tarball unpacked to /usr/local/go, with /usr/local/go/bin on PATH), or install Pulumi CLI v${pulumiVersion} with its Node.js language host into ${pulumiBinDir}, then run \`npm run bootstrap\` again.`,
    );
  }
}

/** Copies a file into $PULUMI_HOME/bin under a temporary name and renames it, so no half-written binary is ever found there. */
function installAtomically(source: string, binary: string): string {
  fs.mkdirSync(pulumiBinDir, { recursive: true });
  const target = path.join(pulumiBinDir, binary);
  const temporary = `${target}.partial-${process.pid}`;
  fs.copyFileSync(source, temporary);
  fs.chmodSync(temporary, 0o755);
  fs.renameSync(temporary, target);
  return target;
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
  const progress = setInterval(() => log(`toolchain: still building ${tool.binary} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    await execChecked("go", args, { cwd: path.join(repoRoot, tool.toolsModule) });
  } finally {
    clearInterval(progress);
  }
  fs.chmodSync(output, 0o755);
  fs.renameSync(output, path.join(pulumiBinDir, tool.binary));
  log(`toolchain: built ${tool.binary} in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function installDynamicProviderHost(log: (line: string) => void): Promise<void> {
  const download = await execChecked("go", ["mod", "download", "-json", dynamicProviderHost.sdkModule], { cwd: path.join(repoRoot, "tools/pulumi-cli") });
  const moduleDir = (JSON.parse(download) as { Dir: string }).Dir;
  installAtomically(path.join(moduleDir, dynamicProviderHost.pathInModule), dynamicProviderHost.binary);
  log(`toolchain: installed ${dynamicProviderHost.binary} from ${dynamicProviderHost.sdkModule}`);
}

/** Makes $PULUMI_HOME/bin hold the pinned CLI, language host and dynamic provider host; reuses what is already pinned. */
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
  if ((await toolStatus(dynamicProviderHost.binary, dynamicProviderHost.version, record)) === "pinned") {
    log(`toolchain: ${dynamicProviderHost.binary} v${dynamicProviderHost.version} already installed`);
  } else {
    await requireGo();
    await installDynamicProviderHost(log);
    record[dynamicProviderHost.binary] = {
      version: dynamicProviderHost.version,
      sha256: sha256OfFile(path.join(pulumiBinDir, dynamicProviderHost.binary)),
    };
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
  const progress = setInterval(() => log(`toolchain: still building the ${plugin.name} plugin (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    await execChecked(path.join(repoRoot, plugin.buildScript), [binary], { env: { ...process.env, VERSION: plugin.version } });
  } finally {
    clearInterval(progress);
  }
  await execChecked(pulumiCli, ["plugin", "install", "resource", plugin.name, plugin.version, "--file", binary], { env: pulumiEnv() });
  fs.rmSync(binary, { force: true });
  log(`toolchain: built and installed resource plugin ${plugin.name} v${plugin.version} in ${Math.round((Date.now() - started) / 1000)} s`);
}
