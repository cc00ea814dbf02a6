import {
  architectureProblem,
  archiveAction,
  compressionFor,
  compressionOf,
  compressionProgram,
  damagedArchive,
  exportedLine,
  fileProblems,
  importedLine,
  isSafeArchivePath,
  missingMembers,
  parseArchiveManifest,
  stagingPid,
  versionProblems,
  type ArchiveManifest,
} from "../../../labs/lib/archive/manifest";
import { parseArguments } from "../../../labs/lib/arguments";
import { LabError } from "../../../model/labError";

const sha = (character: string) => character.repeat(64);

const manifest: ArchiveManifest = {
  format: 1,
  kind: "toolchain",
  createdAt: "2026-12-02T13:23:27.562Z",
  lab: { version: "0.1.0", commit: "5afee1510e65a8da0a754ce5a1cc9d3eb6e0ab6c", uncommittedChanges: false },
  architecture: { arch: "x64", machine: "x86_64" },
  versions: { pulumi: "3.259.0", "resource-docker": "5.0.0" },
  files: [
    { path: "bin/pulumi", bytes: 10, sha256: sha("a") },
    { path: "plugins/resource-docker-v5.0.0/pulumi-resource-docker", bytes: 20, sha256: sha("b") },
  ],
};

/** The LabError `work` throws, or a failure when it throws none. */
function labErrorOf(work: () => unknown): LabError {
  try {
    work();
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
  throw new Error("expected a LabError");
}

describe("the lab's archives: manifest and checks", () => {
  it("reads a manifest of the expected kind, and names what is wrong with any other", () => {
    expect(parseArchiveManifest(JSON.stringify(manifest), "t.tar.zst", "toolchain")).toEqual(manifest);
    const images = labErrorOf(() => parseArchiveManifest(JSON.stringify({ ...manifest, kind: "images" }), "i.tar.zst", "toolchain"));
    expect(images.problem).toBe("i.tar.zst holds the lab's images, not the lab's Pulumi toolchain.");
    expect(images.remedy).toBe("import it with `npm run images -- --import i.tar.zst`.");
    expect(labErrorOf(() => parseArchiveManifest("not json", "x", "images")).problem).toMatch(/^x is not an archive of this lab: its manifest.json is not valid/);
    expect(labErrorOf(() => parseArchiveManifest(JSON.stringify({ ...manifest, format: 2 }), "x", "toolchain")).problem).toMatch(/format/);
    const escaping = { ...manifest, files: [{ path: "../../etc/passwd", bytes: 1, sha256: sha("c") }] };
    expect(labErrorOf(() => parseArchiveManifest(JSON.stringify(escaping), "x", "toolchain")).problem).toMatch(/files\.0\.path: expected a relative path inside the archive/);
  });

  it("allows only relative, normalized paths that stay inside the archive", () => {
    expect(["bin/pulumi", "0cac27aaa2fc/golden.qcow2", "bin/.vm-container-lab-toolchain.json"].filter(isSafeArchivePath)).toHaveLength(3);
    expect(["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "manifest.json", "--to-command=sh"].filter(isSafeArchivePath)).toEqual([]);
  });

  it("compares architectures by Node's name and uname -m", () => {
    expect(architectureProblem({ arch: "x64", machine: "x86_64" }, { arch: "x64", machine: "x86_64" })).toBeUndefined();
    expect(architectureProblem({ arch: "arm64", machine: "aarch64" }, { arch: "x64", machine: "x86_64" })).toBe(
      "it was built for arm64 (uname -m: aarch64) and this machine is x64 (uname -m: x86_64)",
    );
  });

  it("names every pinned version the archive does not hold", () => {
    expect(versionProblems({ pulumi: "3.259.0" }, manifest.versions)).toEqual([]);
    expect(versionProblems({ pulumi: "3.260.0", "resource-command": "1.2.1" }, manifest.versions)).toEqual([
      "pulumi: the archive has 3.259.0, this checkout needs 3.260.0",
      "resource-command: the archive has none, this checkout needs 1.2.1",
    ]);
  });

  it("finds required files the manifest does not list", () => {
    expect(missingMembers(manifest, ["bin/pulumi"])).toEqual([]);
    expect(missingMembers(manifest, ["bin/pulumi", "bin/pulumi-language-nodejs"])).toEqual(["bin/pulumi-language-nodejs"]);
  });

  it("compares the unpacked files with the manifest: missing, extra, size, checksum", () => {
    expect(fileProblems(manifest.files, [...manifest.files].reverse())).toEqual([]);
    const found = [
      { path: "bin/pulumi", bytes: 10, sha256: sha("f") },
      { path: "bin/extra", bytes: 1, sha256: sha("e") },
    ];
    expect(fileProblems(manifest.files, found)).toEqual([
      `bin/pulumi has sha256 ${"f".repeat(12)}…, the manifest says ${"a".repeat(12)}…`,
      "plugins/resource-docker-v5.0.0/pulumi-resource-docker is missing",
      "bin/extra is not in the manifest",
    ]);
    expect(fileProblems(manifest.files.slice(0, 1), [{ path: "bin/pulumi", bytes: 9, sha256: sha("a") }])).toEqual(["bin/pulumi has 9 bytes, the manifest says 10"]);
  });

  it("says which file is damaged, at most five, and how to get a good copy", () => {
    const error = damagedArchive("t.tar.zst", "toolchain", ["1", "2", "3", "4", "5", "6", "7"]);
    expect(error.problem).toBe("t.tar.zst does not match its manifest, so nothing was installed: 1; 2; 3; 4; 5; and 2 more.");
    expect(error.remedy).toMatch(/npm run bootstrap -- --export FILE/);
  });

  it("recognizes zstd and gzip by their first bytes", () => {
    expect(compressionOf(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd]))).toBe("zstd");
    expect(compressionOf(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]))).toBe("gzip");
    expect(compressionOf(Buffer.from("{\"fo"))).toBeUndefined();
    expect(compressionOf(Uint8Array.from([]))).toBeUndefined();
  });

  it("compresses with what the name asks for, else zstd where present, else gzip (pigz where present)", () => {
    const all = new Set(["zstd", "pigz", "gzip"]);
    const gzipOnly = new Set(["gzip"]);
    expect(compressionFor("class.tar.zst", all)).toBe("zstd");
    expect(compressionFor("class.tar", all)).toBe("zstd");
    expect(compressionFor("class.tar.gz", all)).toBe("gzip");
    expect(compressionFor("class.tgz", gzipOnly)).toBe("gzip");
    expect(compressionFor("class.tar", gzipOnly)).toBe("gzip");
    expect(labErrorOf(() => compressionFor("class.tar.zst", gzipOnly)).remedy).toMatch(/apt-get install zstd/);
    expect(compressionProgram("zstd", all, "write")).toBe("zstd -T0");
    expect(compressionProgram("zstd", all, "read")).toBe("zstd");
    expect(compressionProgram("gzip", all, "write")).toBe("pigz");
    expect(compressionProgram("gzip", gzipOnly, "read")).toBe("gzip");
  });

  it("reads the process id of a staging folder's name", () => {
    expect(stagingPid(".pulumi.import-4242-AbC123", ".pulumi.import-")).toBe(4242);
    expect(stagingPid(".pulumi.import-AbC123", ".pulumi.import-")).toBeUndefined();
    expect(stagingPid("plugins", ".pulumi.import-")).toBeUndefined();
  });

  it("prints the size and time of an export and an import", () => {
    expect(exportedLine({ file: "/tmp/t.tar.zst", bytes: 167832254, compression: "zstd", seconds: 5.14 })).toBe("export: wrote /tmp/t.tar.zst (160.1 MiB, tar with zstd) in 5.1 s");
    expect(importedLine({ file: "/tmp/t.tar.zst", bytes: 167832254, seconds: 4.5 })).toBe("import: installed /tmp/t.tar.zst (160.1 MiB) in 4.5 s");
  });
});

describe("--export FILE and --import FILE of bootstrap and images", () => {
  it("takes one of them, with a file", () => {
    expect(archiveAction("toolchain", parseArguments("bootstrap", []).values)).toBeUndefined();
    expect(archiveAction("toolchain", parseArguments("bootstrap", ["--export", "t.tar.zst"]).values)).toEqual({ mode: "export", file: "t.tar.zst" });
    expect(archiveAction("images", parseArguments("images", ["--import=i.tar.gz"]).values)).toEqual({ mode: "import", file: "i.tar.gz" });
  });

  it("refuses both at once, a missing file name and any other option", () => {
    expect(labErrorOf(() => archiveAction("images", parseArguments("images", ["--export", "a", "--import", "b"]).values)).problem).toBe("--export and --import were both given.");
    expect(labErrorOf(() => parseArguments("bootstrap", ["--export"])).problem).toBe("--export needs a value: --export FILE.");
    expect(labErrorOf(() => parseArguments("images", ["--import", "--export", "x"])).problem).toBe("--import needs a value: --import FILE.");
    expect(labErrorOf(() => parseArguments("images", ["--keep"])).problem).toBe('Unknown option "--keep".');
    expect(labErrorOf(() => parseArguments("images", ["--keep"])).remedy).toMatch(/npm run images -- \[--export FILE\] \[--import FILE\]/);
  });
});
