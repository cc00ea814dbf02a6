/**
 * `npm run bootstrap -- --export FILE` / `--import FILE`: the built Pulumi toolchain (CLI and language host in
 * $PULUMI_HOME/bin with the install record, the three resource plugins in $PULUMI_HOME/plugins) in one archive, so a
 * classroom builds it once. The libvirt SDK is committed (sdks/libvirt), so it is not in the archive.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { LabError } from "../../model/labError";
import { moveIntoPlace, openArchive, removedOnExit, removeStaleStaging, unpackAndVerify, writeArchive, type ArchiveMember, type ExportResult } from "./archive/archiveFile";
import { damagedArchive, missingMembers, versionProblems } from "./archive/manifest";
import { pulumiHome } from "./labEnv";
import { goBuiltTools, installRecordName, resourcePlugins, toolchainProblems, type ResourcePlugin } from "./toolchain";

type Log = (line: string) => void;

const seconds = (started: number) => (performance.now() - started) / 1000;

/** What this checkout pins, by the names the manifest uses. */
export function toolchainVersions(): Record<string, string> {
  return Object.fromEntries([...goBuiltTools.map((tool) => [tool.binary, tool.version]), ...resourcePlugins.map((plugin) => [`resource-${plugin.name}`, plugin.version])]);
}

/** A plugin's folder below $PULUMI_HOME, where `pulumi plugin install` puts it. */
const pluginFolder = (plugin: ResourcePlugin) => `plugins/resource-${plugin.name}-v${plugin.version}`;

/** The binaries and the install record, below $PULUMI_HOME. */
const binFiles = () => [...goBuiltTools.map((tool) => `bin/${tool.binary}`), `bin/${installRecordName}`];

export async function exportToolchain(file: string, log: Log): Promise<ExportResult & { seconds: number }> {
  const started = performance.now();
  const problems = await toolchainProblems();
  if (problems.length > 0) {
    throw new LabError(`The Pulumi toolchain in ${pulumiHome} is not complete, so there is nothing to export: ${problems.join("; ")}.`, "run `npm run bootstrap` first (it builds what is missing), then export again.");
  }
  log(`export: the Pulumi toolchain in ${pulumiHome} (${Object.entries(toolchainVersions()).map(([name, version]) => `${name} ${version}`).join(", ")})`);
  const members = async (): Promise<ArchiveMember[]> => [
    ...binFiles().map((entry) => ({ root: pulumiHome, path: entry })),
    ...resourcePlugins.flatMap((plugin) => {
      const folder = pluginFolder(plugin);
      const files = fs.readdirSync(path.join(pulumiHome, folder)).sort();
      return [folder, ...files.map((name) => `${folder}/${name}`)].map((entry) => ({ root: pulumiHome, path: entry }));
    }),
  ];
  const result = await writeArchive({ file, kind: "toolchain", versions: toolchainVersions(), log, members });
  return { ...result, seconds: seconds(started) };
}

/**
 * Installs the toolchain of an archive into $PULUMI_HOME: unpacked beside it, every file checked against the manifest,
 * the staged toolchain checked as ensurePulumiToolchain checks an installed one, and only then renamed into place.
 */
export async function importToolchain(file: string, log: Log): Promise<{ file: string; bytes: number; seconds: number }> {
  const started = performance.now();
  const archive = await openArchive(file, "toolchain");
  const wrongVersions = versionProblems(toolchainVersions(), archive.manifest.versions);
  if (wrongVersions.length > 0) {
    throw new LabError(
      `${archive.file} holds another Pulumi toolchain than this checkout pins (${wrongVersions.join("; ")}). Nothing was installed.`,
      `export it again from a checkout at this lab's version (commit of the archive: ${archive.manifest.lab.commit}), or build here with \`npm run bootstrap\`.`,
    );
  }
  const missing = missingMembers(archive.manifest, binFiles());
  if (missing.length > 0) throw damagedArchive(archive.file, "toolchain", missing.map((entry) => `${entry} is missing`));

  const parent = path.dirname(pulumiHome);
  const prefix = `${path.basename(pulumiHome)}.import-`;
  fs.mkdirSync(parent, { recursive: true });
  removeStaleStaging(parent, prefix);
  const staging = fs.mkdtempSync(path.join(parent, `${prefix}${process.pid}-`));
  await removedOnExit([staging], "npm run bootstrap -- --import", `nothing was installed into ${pulumiHome}`, async () => {
    await unpackAndVerify(archive, staging, log);
    log("import: checking the unpacked toolchain as bootstrap checks an installed one");
    const problems = await toolchainProblems(staging);
    if (problems.length > 0) {
      throw new LabError(`The toolchain in ${archive.file} fails bootstrap's checks: ${problems.join("; ")}. Nothing was installed.`, "export it again on a machine where `npm run doctor` passes.");
    }
    // Binaries first and the install record last: a record never vouches for a binary that is not in place.
    const entries = [...goBuiltTools.map((tool) => `bin/${tool.binary}`), ...resourcePlugins.map(pluginFolder), `bin/${installRecordName}`];
    moveIntoPlace(
      entries.map((entry) => ({ from: path.join(staging, entry), to: path.join(pulumiHome, entry) })),
      path.join(staging, "replaced"),
    );
    // An interrupted `pulumi plugin install` leaves a .partial marker that makes Pulumi ignore the plugin.
    for (const plugin of resourcePlugins) fs.rmSync(path.join(pulumiHome, `${pluginFolder(plugin)}.partial`), { force: true });
  });
  const elapsed = seconds(started);
  log(`import: the Pulumi toolchain is installed in ${pulumiHome}`);
  return { file: archive.file, bytes: archive.bytes, seconds: elapsed };
}
