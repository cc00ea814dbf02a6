/**
 * The lab's archives ("build once, use many times"): `npm run bootstrap -- --export FILE` packs the built Pulumi
 * toolchain and `npm run images -- --export FILE` the built images, each into one compressed tar whose first member,
 * manifest.json, says what it holds, for which architecture, and the sha256 of every file. `--import FILE` checks all
 * of that before anything is installed. This module is the pure part: the manifest's schema and every comparison.
 */
import * as path from "node:path";
import { z } from "zod";
import { LabError } from "../../../model/labError";

export const manifestName = "manifest.json";

export const archiveKinds = ["toolchain", "images"] as const;
export type ArchiveKind = (typeof archiveKinds)[number];

/** The command that writes and reads each kind of archive. */
export const archiveCommand: Record<ArchiveKind, string> = { toolchain: "npm run bootstrap", images: "npm run images" };

const what: Record<ArchiveKind, string> = { toolchain: "the lab's Pulumi toolchain", images: "the lab's images" };

/** A path inside an archive: relative, normalized, no way out of the folder it is unpacked into, not read as an option. */
export function isSafeArchivePath(file: string): boolean {
  return file !== "" && !file.startsWith("-") && !path.posix.isAbsolute(file) && path.posix.normalize(file) === file && !file.split("/").includes("..") && file !== manifestName;
}

const text = z.string().regex(/\S/, "expected a non-empty string");

export const archiveManifestSchema = z.strictObject({
  format: z.literal(1),
  kind: z.enum(archiveKinds),
  createdAt: z.iso.datetime(),
  lab: z.strictObject({
    /** package.json's version. */
    version: text,
    /** The commit the exporting checkout was at ("unknown" outside git). */
    commit: text,
    uncommittedChanges: z.boolean(),
  }),
  /** Of the exporting machine: Node's process.arch and `uname -m`. */
  architecture: z.strictObject({ arch: text, machine: text }),
  /** What the archive holds, by name: pinned versions (toolchain), or the images' inputs hash, suite and kernel. */
  versions: z.record(z.string(), text),
  /** Every regular file of the archive but the manifest. */
  files: z.array(
    z.strictObject({
      path: z.string().refine(isSafeArchivePath, "expected a relative path inside the archive"),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 in hex"),
    }),
  ),
});

export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
export type ArchivedFile = ArchiveManifest["files"][number];
export type Architecture = ArchiveManifest["architecture"];

/** Reads manifest.json's text: a LabError when it is not a manifest of the lab, or of the other kind of archive. */
export function parseArchiveManifest(manifestText: string, archive: string, kind: ArchiveKind): ArchiveManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestText);
  } catch {
    parsed = undefined;
  }
  const result = archiveManifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LabError(
      `${archive} is not an archive of this lab: its ${manifestName} is not valid (${issue ? `${issue.path.join(".") || "the file"}: ${issue.message}` : "not JSON"}).`,
      `use a file written by \`${archiveCommand[kind]} -- --export FILE\`.`,
    );
  }
  const manifest = result.data;
  if (manifest.kind !== kind) {
    throw new LabError(`${archive} holds ${what[manifest.kind]}, not ${what[kind]}.`, `import it with \`${archiveCommand[manifest.kind]} -- --import ${archive}\`.`);
  }
  return manifest;
}

/** Why an archive made on `archived` cannot run on `host`, or undefined when both are the same architecture. */
export function architectureProblem(archived: Architecture, host: Architecture): string | undefined {
  if (archived.arch === host.arch && archived.machine === host.machine) return undefined;
  return `it was built for ${archived.arch} (uname -m: ${archived.machine}) and this machine is ${host.arch} (uname -m: ${host.machine})`;
}

/** Every name whose version the archive does not hold as expected, in one sentence each. */
export function versionProblems(expected: Readonly<Record<string, string>>, archived: Readonly<Record<string, string>>): string[] {
  return Object.entries(expected)
    .filter(([name, version]) => archived[name] !== version)
    .map(([name, version]) => `${name}: the archive has ${archived[name] ?? "none"}, this checkout needs ${version}`);
}

/** Files a manifest must list for its archive to be complete, but does not. */
export function missingMembers(manifest: ArchiveManifest, required: readonly string[]): string[] {
  const listed = new Set(manifest.files.map((file) => file.path));
  return required.filter((file) => !listed.has(file));
}

/** How the unpacked files differ from the manifest: missing, unexpected, another size, another checksum. */
export function fileProblems(expected: readonly ArchivedFile[], found: readonly ArchivedFile[]): string[] {
  const byPath = new Map(found.map((file) => [file.path, file]));
  const listed = new Set(expected.map((file) => file.path));
  const problems: string[] = [];
  for (const file of expected) {
    const actual = byPath.get(file.path);
    if (!actual) problems.push(`${file.path} is missing`);
    else if (actual.bytes !== file.bytes) problems.push(`${file.path} has ${actual.bytes} bytes, the manifest says ${file.bytes}`);
    else if (actual.sha256 !== file.sha256) problems.push(`${file.path} has sha256 ${actual.sha256.slice(0, 12)}…, the manifest says ${file.sha256.slice(0, 12)}…`);
  }
  for (const file of found) if (!listed.has(file.path)) problems.push(`${file.path} is not in the manifest`);
  return problems;
}

/** A LabError for an archive whose content fails a check: the problems (at most five) and what to do. */
export function damagedArchive(archive: string, kind: ArchiveKind, problems: readonly string[]): LabError {
  const shown = problems.slice(0, 5).join("; ");
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : "";
  return new LabError(
    `${archive} does not match its manifest, so nothing was installed: ${shown}${more}.`,
    `copy the file again from the machine that exported it, or export it again there with \`${archiveCommand[kind]} -- --export FILE\`.`,
  );
}

export type Compression = "zstd" | "gzip";

/** The compression of a file from its first bytes: zstd frames start with 28 b5 2f fd, gzip with 1f 8b. */
export function compressionOf(head: Uint8Array): Compression | undefined {
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return "zstd";
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  return undefined;
}

/** The compression of a new archive: what its name asks for (.zst, .gz), else zstd where the host has it, else gzip. */
export function compressionFor(file: string, available: ReadonlySet<string>): Compression {
  if (/\.t?gz$/.test(file)) return "gzip";
  if (/\.t?zst$/.test(file) && !available.has("zstd")) {
    throw new LabError(`${file} asks for zstd compression, and this host has no zstd.`, "install it (`apt-get install zstd`), or name the file …tar.gz for gzip.");
  }
  return available.has("zstd") ? "zstd" : "gzip";
}

/** The program tar runs (tar -I) to write or read a compression; pigz is gzip's parallel twin, used where present. */
export function compressionProgram(compression: Compression, available: ReadonlySet<string>, mode: "write" | "read"): string {
  if (compression === "zstd") return mode === "write" ? "zstd -T0" : "zstd";
  return available.has("pigz") ? "pigz" : "gzip";
}

/** What `--export FILE` / `--import FILE` ask of a script: one of the two, or neither. */
export type ArchiveAction = { mode: "export" | "import"; file: string } | undefined;

export function archiveAction(kind: ArchiveKind, values: { export?: string; import?: string }): ArchiveAction {
  if (values.export !== undefined && values.import !== undefined) {
    throw new LabError("--export and --import were both given.", `give one: \`${archiveCommand[kind]} -- --export FILE\` on the machine that built, \`${archiveCommand[kind]} -- --import FILE\` on the others.`);
  }
  if (values.export !== undefined) return { mode: "export", file: values.export };
  if (values.import !== undefined) return { mode: "import", file: values.import };
  return undefined;
}

/** Bytes as MiB with one decimal, as the archive commands print sizes. */
export const mebibytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The last line of an export: what was written, how large, how long it took. */
export function exportedLine(exported: { file: string; bytes: number; compression: Compression; seconds: number }): string {
  return `export: wrote ${exported.file} (${mebibytes(exported.bytes)}, tar with ${exported.compression}) in ${exported.seconds.toFixed(1)} s`;
}

/** The last line of an import: what was read, how large, how long it took. */
export function importedLine(imported: { file: string; bytes: number; seconds: number }): string {
  return `import: installed ${imported.file} (${mebibytes(imported.bytes)}) in ${imported.seconds.toFixed(1)} s`;
}

/** The process id in the name of a staging folder `<prefix><pid>-<random>`, or undefined for any other name. */
export function stagingPid(name: string, prefix: string): number | undefined {
  const match = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null;
  return match ? Number(match[1]) : undefined;
}
