/**
 * Writing, opening, unpacking and checking the lab's archives (see manifest.ts), and installing what they hold all or
 * nothing: an import unpacks into a staging folder beside the target, checks every file there, and only then renames
 * into place; the staging folder goes when the command ends, fails or is interrupted.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { $, which, type ProcessOutput } from "zx";
import { LabError } from "../../../model/labError";
import { readJsonFile } from "../jsonFile";
import { repoRoot } from "../labEnv";
import { ownerAlive } from "../processLock";
import { withHeartbeat } from "../progress";
import { checked } from "../shell";
import {
  architectureProblem,
  archiveCommand,
  compressionFor,
  compressionOf,
  compressionProgram,
  damagedArchive,
  fileProblems,
  manifestName,
  mebibytes,
  parseArchiveManifest,
  stagingPid,
  type ArchivedFile,
  type ArchiveKind,
  type ArchiveManifest,
  type Architecture,
  type Compression,
} from "./manifest";

type Log = (line: string) => void;

export function hostArchitecture(): Architecture {
  return { arch: process.arch, machine: os.machine() };
}

/** The checkout an archive is exported from: package.json's version and git's commit. */
async function labIdentity(): Promise<ArchiveManifest["lab"]> {
  const version = readJsonFile<{ version?: string }>(path.join(repoRoot, "package.json"))?.version ?? "unknown";
  const head = await $({ nothrow: true, quiet: true, cwd: repoRoot })`git rev-parse HEAD`;
  const status = await $({ nothrow: true, quiet: true, cwd: repoRoot })`git status --porcelain --untracked-files=no`;
  return { version, commit: head.ok ? head.stdout.trim() : "unknown", uncommittedChanges: status.ok && status.stdout.trim() !== "" };
}

/** Which compressors this host has. */
async function availableCompressors(): Promise<Set<string>> {
  const found = await Promise.all(["zstd", "pigz", "gzip"].map(async (name) => ((await which(name, { nothrow: true })) ? name : undefined)));
  return new Set(found.filter((name) => name !== undefined));
}

/** Size and sha256 of a file, read as a stream (the golden disk and the CLI are hundreds of MiB). */
export async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Every regular file below `root` (relative, with /), and every entry that is neither a file nor a folder. */
function listTree(root: string): { files: string[]; others: string[] } {
  const files: string[] = [];
  const others: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (entry.isFile()) files.push(relative);
    else if (!entry.isDirectory()) others.push(relative);
  }
  return { files: files.sort(), others: others.sort() };
}

/** Removes staging folders `<prefix><pid>-…` in `folder` whose process is gone (killed before it could clean up). */
export function removeStaleStaging(folder: string, prefix: string): void {
  if (!fs.existsSync(folder)) return;
  for (const name of fs.readdirSync(folder)) {
    const pid = stagingPid(name, prefix);
    if (pid !== undefined && !ownerAlive({ pid, startTicks: null })) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
  }
}

/**
 * Runs `work`, then removes `paths` whether it succeeded or failed; on SIGINT or SIGTERM removes them at once, says so
 * with `interrupted` (what was left untouched) and exits. Renames into place are synchronous, so a signal never
 * falls between two of them.
 */
export async function removedOnExit<T>(paths: readonly string[], command: string, interrupted: string, work: () => Promise<T>): Promise<T> {
  const remove = () => {
    for (const entry of paths) fs.rmSync(entry, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    console.error(`\nError: \`${command}\` was interrupted (${signal}); ${interrupted}, and its staging folder was removed.\nFix: run it again.`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await work();
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    remove();
  }
}

/** A file or folder of a new archive: its path inside the archive, and the folder that path is relative to. */
export interface ArchiveMember {
  root: string;
  path: string;
}

/** tar's arguments for members from several folders: `-C root path…` for each run of the same root. */
function memberArguments(members: readonly ArchiveMember[]): string[] {
  const args: string[] = [];
  let root: string | undefined;
  for (const member of members) {
    if (member.root !== root) args.push("-C", (root = member.root));
    args.push(member.path);
  }
  return args;
}

export interface ExportRequest {
  file: string;
  kind: ArchiveKind;
  /** What the archive holds, for the manifest (and the import's checks). */
  versions: Record<string, string>;
  log: Log;
  /** Gathers the members (folders listed before what they hold); may write files into `staging` to add them. */
  members: (staging: string) => Promise<ArchiveMember[]>;
}

export interface ExportResult {
  file: string;
  bytes: number;
  compression: Compression;
}

/** Writes a new archive: manifest.json first, then the members; the file appears only once it is complete. */
export async function writeArchive(request: ExportRequest): Promise<ExportResult> {
  const { kind, log } = request;
  const file = path.resolve(request.file);
  const command = `${archiveCommand[kind]} -- --export`;
  if (fs.existsSync(file)) throw new LabError(`${file} exists already; an export never overwrites a file.`, `remove it or give another file name: \`${command} FILE\`.`);
  if (!fs.statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory()) {
    throw new LabError(`The folder of ${file} does not exist.`, `create it first, or give a file in an existing folder: \`${command} FILE\`.`);
  }
  const available = await availableCompressors();
  const compression = compressionFor(file, available);
  removeStaleStaging(path.dirname(file), `${path.basename(file)}.export-`);
  const staging = fs.mkdtempSync(`${file}.export-${process.pid}-`);
  return removedOnExit([staging], command, `no archive was written to ${file}`, async () => {
    const members = await request.members(staging);
    const files: ArchivedFile[] = [];
    for (const member of members) {
      const source = path.join(member.root, member.path);
      if (fs.lstatSync(source).isFile()) files.push({ path: member.path, ...(await hashFile(source)) });
    }
    const total = files.reduce((sum, entry) => sum + entry.bytes, 0);
    log(`export: sha256 of ${files.length} files (${mebibytes(total)}) done; packing them with ${compression}`);
    const manifest: ArchiveManifest = { format: 1, kind, createdAt: new Date().toISOString(), lab: await labIdentity(), architecture: hostArchitecture(), versions: request.versions, files };
    fs.writeFileSync(path.join(staging, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
    const partial = path.join(staging, "archive.partial");
    const program = `--use-compress-program=${compressionProgram(compression, available, "write")}`;
    const args = memberArguments([{ root: staging, path: manifestName }, ...members]);
    await withHeartbeat("export: still packing", log, () => checked($({ quiet: true })`tar --create --no-recursion ${program} --file ${partial} ${args}`));
    fs.renameSync(partial, file);
    return { file, bytes: fs.statSync(file).size, compression };
  });
}

/** An archive whose manifest was read and whose kind and architecture fit this machine. */
export interface OpenedArchive {
  file: string;
  kind: ArchiveKind;
  bytes: number;
  manifest: ArchiveManifest;
  /** The program tar reads it with. */
  program: string;
}

/** The LabError for an archive tar cannot read: tar's (or the decompressor's) first line, and what to do. */
function unreadable(file: string, kind: ArchiveKind, output: ProcessOutput): LabError {
  const line = output.stderr.trim().split("\n")[0] ?? "";
  return new LabError(
    `${file} cannot be read as a lab archive; it may be incomplete or damaged${line ? ` (${line.trim()})` : ""}. Nothing was installed.`,
    `copy it again from the machine that exported it, or export it again there with \`${archiveCommand[kind]} -- --export FILE\`.`,
  );
}

/**
 * Opens an archive for an import: the file must exist and be one of the lab's archives of this kind, for this
 * machine's architecture. Reads only the manifest (the first member), so a wrong file is refused before anything is unpacked.
 */
export async function openArchive(fileArgument: string, kind: ArchiveKind): Promise<OpenedArchive> {
  const file = path.resolve(fileArgument);
  const usage = `give the path of a file written by \`${archiveCommand[kind]} -- --export FILE\`.`;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new LabError(`${file} does not exist.`, usage);
  if (!stat.isFile()) throw new LabError(`${file} is not a file.`, usage);
  const head = Buffer.alloc(4);
  const descriptor = fs.openSync(file, "r");
  try {
    fs.readSync(descriptor, head, 0, head.length, 0);
  } finally {
    fs.closeSync(descriptor);
  }
  const compression = compressionOf(head);
  if (!compression) throw new LabError(`${file} is not an archive of this lab: it is neither zstd- nor gzip-compressed.`, usage);
  const available = await availableCompressors();
  if (compression === "zstd" && !available.has("zstd")) {
    throw new LabError(`${file} is compressed with zstd, which this host lacks.`, "install it (`apt-get install zstd`, a Debian package), then import again.");
  }
  const program = compressionProgram(compression, available, "read");
  const read = await $({ quiet: true, nothrow: true })`tar --extract --to-stdout --occurrence=1 ${`--use-compress-program=${program}`} --file ${file} ${manifestName}`;
  if (!read.ok || read.stdout.trim() === "") throw unreadable(file, kind, read);
  const manifest = parseArchiveManifest(read.stdout, file, kind);
  const problem = architectureProblem(manifest.architecture, hostArchitecture());
  if (problem) {
    throw new LabError(
      `${file} cannot be used on this machine: ${problem}. Nothing was installed.`,
      `export it on a machine of this architecture, or build here with \`${archiveCommand[kind]}\` (without --import).`,
    );
  }
  return { file, kind, bytes: stat.size, manifest, program };
}

/**
 * Unpacks the files the manifest lists (nothing else: no link, no path outside `staging`) into `staging` and checks
 * every one against the manifest; a LabError names what differs.
 */
export async function unpackAndVerify(archive: OpenedArchive, staging: string, log: Log): Promise<void> {
  log(`import: unpacking ${archive.file} (${mebibytes(archive.bytes)}) into ${staging}`);
  const members = archive.manifest.files.map((file) => file.path);
  const program = `--use-compress-program=${archive.program}`;
  const unpack = () => $({ quiet: true, nothrow: true })`tar --extract --no-same-owner ${program} --file ${archive.file} --directory ${staging} ${members}`;
  const unpacked = await withHeartbeat("import: still unpacking", log, unpack);
  if (!unpacked.ok) throw unreadable(archive.file, archive.kind, unpacked);
  const { files, others } = listTree(staging);
  const payload = files.filter((file) => file !== manifestName);
  log(`import: checking the sha256 of ${payload.length} files`);
  const found: ArchivedFile[] = [];
  await withHeartbeat("import: still checking", log, async () => {
    for (const file of payload) found.push({ path: file, ...(await hashFile(path.join(staging, file))) });
  });
  const problems = [...others.map((entry) => `${entry} is a link or special file`), ...fileProblems(archive.manifest.files, found)];
  if (problems.length > 0) throw damagedArchive(archive.file, archive.kind, problems);
}

/** A file or folder to rename into place. */
export interface Move {
  from: string;
  to: string;
}

/**
 * Renames every `from` to its `to`, all or none: what is at a `to` already is first moved into `aside` (a folder on
 * the same file system, removed with the staging folder), and a failed rename moves everything back. Synchronous.
 */
export function moveIntoPlace(moves: readonly Move[], aside: string): void {
  fs.mkdirSync(aside, { recursive: true });
  const done: { move: Move; replaced: string | undefined }[] = [];
  try {
    for (const [index, move] of moves.entries()) {
      fs.mkdirSync(path.dirname(move.to), { recursive: true });
      const replaced = fs.existsSync(move.to) ? path.join(aside, String(index)) : undefined;
      if (replaced) fs.renameSync(move.to, replaced);
      done.push({ move, replaced });
      fs.renameSync(move.from, move.to);
    }
  } catch (error) {
    for (const { move, replaced } of done.reverse()) {
      if (fs.existsSync(move.to) && !fs.existsSync(move.from)) fs.renameSync(move.to, move.from);
      if (replaced) fs.renameSync(replaced, move.to);
    }
    throw error;
  }
}
