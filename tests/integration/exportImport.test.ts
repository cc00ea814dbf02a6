import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { $ } from "zx";
import type { BuiltImages } from "../../model/builtImages";
import { hashFile, hostArchitecture } from "../../labs/lib/archive/archiveFile";
import type { ArchiveManifest } from "../../labs/lib/archive/manifest";
import { outputPaths } from "../../labs/lib/images/paths";
import { ensureImages } from "../../labs/lib/images";
import { planImages } from "../../labs/lib/images/plan";
import { pulumiHome, repoRoot } from "../../labs/lib/labEnv";
import { installRecordName, toolchainProblems } from "../../labs/lib/toolchain";
import { toolchainVersions } from "../../labs/lib/toolchainArchive";
import { waitFor } from "./labCommand";

/**
 * Build once, use many times: both archives are exported from this checkout (read only: its ~/.pulumi and .lab/images
 * are only read) and imported into a scratch copy of the checkout (its own .lab) with a scratch PULUMI_HOME, so the
 * machine's own toolchain and images are never touched. The Docker images are loaded into the one engine: they are
 * the same images, so their tags do not move.
 */
describe("export and import of the toolchain and the images", () => {
  jest.setTimeout(900_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-export-import-"));
  const checkout = path.join(work, "checkout");
  const toolchainArchive = path.join(work, "toolchain.tar.zst");
  const imagesArchive = path.join(work, "images.tar.zst");
  const homeOf = (name: string) => path.join(work, name, ".pulumi");

  /** `npm run SCRIPT -- ARGS` in a folder, with PULUMI_HOME where given; its exit code and everything it printed. */
  async function lab(cwd: string, args: string[], home?: string): Promise<{ exitCode: number | null; output: string }> {
    const env = { ...process.env, ...(home ? { PULUMI_HOME: home } : {}) };
    const result = await $({ cwd, env, nothrow: true, quiet: true, timeout: "10m", timeoutSignal: "SIGKILL" })`npm run --silent ${args}`;
    return { exitCode: result.exitCode, output: `${result.stdout}${result.stderr}` };
  }

  /** A small archive of the lab's format, to make each refusal happen: the manifest (as given) and these files. */
  async function craftArchive(name: string, manifest: ArchiveManifest, files: Record<string, string>): Promise<string> {
    const folder = fs.mkdtempSync(path.join(work, "craft-"));
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest));
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      fs.writeFileSync(path.join(folder, file), content);
    }
    const archive = path.join(work, name);
    await $({ quiet: true })`tar -I zstd -cf ${archive} -C ${folder} manifest.json ${Object.keys(files)}`;
    return archive;
  }

  const described = (file: string, content: string) => ({ path: file, bytes: Buffer.byteLength(content), sha256: createHash("sha256").update(content).digest("hex") });
  const craftedToolchain = (files: Record<string, string>, claimed = files): ArchiveManifest => ({
    format: 1,
    kind: "toolchain",
    createdAt: new Date().toISOString(),
    lab: { version: "0.1.0", commit: "test", uncommittedChanges: false },
    architecture: hostArchitecture(),
    versions: toolchainVersions(),
    files: Object.entries(claimed).map(([file, content]) => described(file, content)),
  });

  /** Nothing of an import is left where a refused or interrupted one ran: no PULUMI_HOME, no staging folder beside it. */
  const leftBehind = (home: string) => (fs.existsSync(path.dirname(home)) ? fs.readdirSync(path.dirname(home)) : []);

  beforeAll(async () => {
    await ensureImages(() => undefined);
    fs.mkdirSync(checkout);
    for (const entry of ["labs", "model", "package.json", "tsconfig.json"]) fs.cpSync(path.join(repoRoot, entry), path.join(checkout, entry), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(checkout, "node_modules"));
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("exports the toolchain, and an import into an empty PULUMI_HOME leaves bootstrap nothing to build", async () => {
    const exported = await lab(repoRoot, ["bootstrap", "--", "--export", toolchainArchive]);
    expect(exported.output).toMatch(/export: wrote .*toolchain\.tar\.zst \([\d.]+ MiB, tar with zstd\) in [\d.]+ s/);
    expect(exported.exitCode).toBe(0);

    const home = homeOf("home");
    const imported = await lab(checkout, ["bootstrap", "--", "--import", toolchainArchive], home);
    expect(imported.output).toMatch(/import: installed .*toolchain\.tar\.zst \([\d.]+ MiB\) in [\d.]+ s/);
    expect(imported.exitCode).toBe(0);
    expect(imported.output.match(/already installed/g)).toHaveLength(5);
    expect(imported.output).not.toMatch(/toolchain: building/);
    expect(await toolchainProblems(home)).toEqual([]);
    for (const file of ["bin/pulumi", "bin/pulumi-language-nodejs", `bin/${installRecordName}`, "plugins/resource-docker-v5.0.0/pulumi-resource-docker"]) {
      expect(await hashFile(path.join(home, file))).toEqual(await hashFile(path.join(pulumiHome, file)));
    }
    expect(leftBehind(home)).toEqual([".pulumi"]);
  });

  it("exports the images, and an import into a fresh lab folder leaves `npm run images` nothing to build", async () => {
    const notBuilt = await lab(checkout, ["images", "--", "--export", path.join(work, "unbuilt.tar.zst")]);
    expect(notBuilt.output).toMatch(/The lab's images are not built yet/);
    expect(notBuilt.exitCode).toBe(1);
    expect(fs.readdirSync(work).filter((name) => name.startsWith("unbuilt"))).toEqual([]);

    const exported = await lab(repoRoot, ["images", "--", "--export", imagesArchive]);
    expect(exported.output).toMatch(/export: wrote .*images\.tar\.zst \([\d.]+ MiB, tar with zstd\) in [\d.]+ s/);
    expect(exported.exitCode).toBe(0);

    const imported = await lab(checkout, ["images", "--", "--import", imagesArchive]);
    expect(imported.output).toMatch(/import: installed .*images\.tar\.zst \([\d.]+ MiB\) in [\d.]+ s/);
    expect(imported.exitCode).toBe(0);
    const plan = planImages();
    const built = JSON.parse(fs.readFileSync(path.join(checkout, ".lab", "images", "images.json"), "utf8")) as BuiltImages;
    expect(built.inputsHash).toBe(plan.inputsHash);
    expect(built.vm.goldenPath).toBe(path.join(checkout, ".lab", "images", plan.inputsHash.slice(0, 12), "golden.qcow2"));
    expect(await hashFile(built.vm.goldenPath)).toEqual(await hashFile(outputPaths(plan.inputsHash).golden));
    expect(fs.readdirSync(path.join(checkout, ".lab", "images", "work"))).toEqual([]);

    const again = await lab(checkout, ["images"]);
    expect(again.output).toMatch(/everything is built already/);
    expect(again.exitCode).toBe(0);

    const twice = await lab(checkout, ["images", "--", "--import", imagesArchive]);
    expect(twice.output).toMatch(/the VM image of inputs [0-9a-f]{12} is here already; kept/);
    expect(twice.exitCode).toBe(0);
    expect(await hashFile(built.vm.goldenPath)).toEqual(await hashFile(outputPaths(plan.inputsHash).golden));
  });

  it("refuses an existing export file, a missing, damaged or foreign archive, another architecture or catalog, before installing anything", async () => {
    const home = homeOf("refused");
    const refusal = async (script: string, args: string[]) => {
      const result = await lab(checkout, [script, "--", ...args], home);
      expect(result.exitCode).toBe(1);
      expect(fs.existsSync(home)).toBe(false);
      expect(leftBehind(home)).toEqual([]);
      return result.output;
    };

    const sizeBefore = fs.statSync(toolchainArchive).size;
    expect((await lab(repoRoot, ["bootstrap", "--", "--export", toolchainArchive])).output).toMatch(/toolchain\.tar\.zst exists already; an export never overwrites a file/);
    expect(fs.statSync(toolchainArchive).size).toBe(sizeBefore);
    expect((await lab(checkout, ["bootstrap", "--", "--export", path.join(work, "empty.tar.zst")], home)).output).toMatch(/The Pulumi toolchain in .* is not complete, so there is nothing to export: pulumi v3\.259\.0 is missing/);
    expect(fs.existsSync(path.join(work, "empty.tar.zst"))).toBe(false);
    expect(await refusal("bootstrap", ["--import", path.join(work, "nothing.tar.zst")])).toMatch(/nothing\.tar\.zst does not exist\.\nFix: give the path of a file written by `npm run bootstrap -- --export FILE`/);
    const imagesKind = await craftArchive("images-kind.tar.zst", { ...craftedToolchain({}), kind: "images", versions: { inputsHash: planImages().inputsHash, suite: "bookworm", kernel: "x" } }, {});
    expect(await refusal("bootstrap", ["--import", imagesKind])).toMatch(/holds the lab's images, not the lab's Pulumi toolchain\.\nFix: import it with `npm run images -- --import/);

    const truncated = path.join(work, "truncated.tar.zst");
    fs.writeFileSync(truncated, fs.readFileSync(toolchainArchive).subarray(0, 50_000_000));
    expect(await refusal("bootstrap", ["--import", truncated])).toMatch(/truncated\.tar\.zst cannot be read as a lab archive; it may be incomplete or damaged .*Nothing was installed\.\nFix: copy it again/);

    const plainFile = path.join(work, "notes.txt");
    fs.writeFileSync(plainFile, "not an archive\n");
    expect(await refusal("bootstrap", ["--import", plainFile])).toMatch(/notes\.txt is not an archive of this lab: it is neither zstd- nor gzip-compressed/);

    const files = { "bin/pulumi": "AAAA", "bin/pulumi-language-nodejs": "BBBB", [`bin/${installRecordName}`]: "{}" };
    const otherArch = await craftArchive("arm64.tar.zst", { ...craftedToolchain(files), architecture: { arch: "arm64", machine: "aarch64" } }, files);
    expect(await refusal("bootstrap", ["--import", otherArch])).toMatch(/cannot be used on this machine: it was built for arm64 \(uname -m: aarch64\) and this machine is x64/);

    const tampered = await craftArchive("tampered.tar.zst", craftedToolchain(files, { ...files, "bin/pulumi": "ZZZZ" }), files);
    expect(await refusal("bootstrap", ["--import", tampered])).toMatch(/tampered\.tar\.zst does not match its manifest, so nothing was installed: bin\/pulumi has sha256 [0-9a-f]{12}…, the manifest says/);

    const otherVersions = await craftArchive("old.tar.zst", { ...craftedToolchain(files), versions: { ...toolchainVersions(), pulumi: "3.100.0" } }, files);
    expect(await refusal("bootstrap", ["--import", otherVersions])).toMatch(/holds another Pulumi toolchain than this checkout pins \(pulumi: the archive has 3\.100\.0, this checkout needs 3\.259\.0\)/);

    const otherCatalog = await craftArchive("catalog.tar.zst", { ...craftedToolchain({}), kind: "images", versions: { inputsHash: "f".repeat(64), suite: "bookworm", kernel: "x" } }, {});
    expect(await refusal("images", ["--import", otherCatalog])).toMatch(/was built from another app catalog or image builder \(its inputs ffffffffffff, this checkout's [0-9a-f]{12}.*\nFix: build the images here with `npm run images`, or import an archive exported from a checkout with the same catalog and builder/);
  });

  it("leaves nothing behind when an import is interrupted", async () => {
    const home = homeOf("interrupted");
    const logFile = path.join(work, "interrupted.log");
    const log = fs.openSync(logFile, "w");
    const child = spawn("npm", ["run", "--silent", "bootstrap", "--", "--import", toolchainArchive], { cwd: checkout, env: { ...process.env, PULUMI_HOME: home }, detached: true, stdio: ["ignore", log, log] });
    fs.closeSync(log);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor("the import to start unpacking", () => fs.readFileSync(logFile, "utf8").includes("import: unpacking"), 60_000);
    process.kill(-(child.pid ?? 0), "SIGINT");
    expect(await exited).not.toBe(0);
    expect(fs.readFileSync(logFile, "utf8")).toMatch(/was interrupted \(SIGINT\); nothing was installed|Nothing was installed/);
    const groupGone = () => {
      try {
        process.kill(-(child.pid ?? 0), 0);
        return false;
      } catch {
        return true;
      }
    };
    await waitFor("every process of the import to end", groupGone, 30_000);
    expect(fs.existsSync(home)).toBe(false);
    expect(leftBehind(home)).toEqual([]);
  });
});
