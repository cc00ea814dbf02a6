import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BuiltImages } from "../../../model/builtImages";
import { labHostImagePath } from "../../../model/labHostLayout";
import { localLabHost } from "../../../labs/lib/labHost";
import { ensureDockerImagesOnLabHost, ensureFilesOnLabHost, parseSha256sum, sha256Of, vmBootFiles } from "../../../labs/lib/remote/labHostImages";

describe("the VM boot files on a lab host", () => {
  it("puts each file at its place under the ssh user's lab folder", () => {
    const images = { vm: { kernelPath: "/r/.lab/images/abc/vmlinuz", initrdPath: "/r/.lab/images/abc/initrd.img", tunedInitrdPath: "/r/.lab/images/abc/initrd-tuned.img" } } as BuiltImages;
    expect(vmBootFiles({ user: "lab", host: "h", noVerify: false }, images, "/r/.lab/images").map((file) => file.remote)).toEqual([
      "/var/tmp/vm-container-lab-lab/images/abc/vmlinuz",
      "/var/tmp/vm-container-lab-lab/images/abc/initrd.img",
      "/var/tmp/vm-container-lab-lab/images/abc/initrd-tuned.img",
    ]);
    expect(() => labHostImagePath({ user: "lab" }, "/r/.lab/images", "/elsewhere/vmlinuz")).toThrow(/not under/);
  });

  it("reads sha256sum's checksum, and none from a failed run", () => {
    const sum = "a".repeat(64);
    expect(parseSha256sum({ ok: true, stdout: `${sum}  /var/tmp/x\n` })).toBe(sum);
    expect(parseSha256sum({ ok: false, stdout: "" })).toBeUndefined();
  });

  it("copies a file that is missing or differs, and leaves one with the same checksum", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-ship-"));
    try {
      const local = path.join(dir, "vmlinuz");
      fs.writeFileSync(local, "kernel bytes");
      const files = [{ local, remote: path.join(dir, "lab host", "images", "vmlinuz") }];
      const host = localLabHost();
      const lines: string[] = [];
      expect(await ensureFilesOnLabHost(host, files, (line) => lines.push(line))).toEqual({ copied: [files[0].remote], present: [] });
      expect(sha256Of(files[0].remote)).toBe(sha256Of(local));
      expect(fs.statSync(files[0].remote).mode & 0o777).toBe(0o644);
      expect(await ensureFilesOnLabHost(host, files, (line) => lines.push(line))).toEqual({ copied: [], present: [files[0].remote] });
      fs.writeFileSync(local, "a newer kernel");
      expect((await ensureFilesOnLabHost(host, files, (line) => lines.push(line))).copied).toHaveLength(1);
      expect(fs.readFileSync(files[0].remote, "utf8")).toBe("a newer kernel");
      expect(fs.readdirSync(path.dirname(files[0].remote))).toEqual(["vmlinuz"]);
      expect(lines[0]).toMatch(/^lab host this machine: copying vmlinuz/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the Docker images on a lab host", () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-fake-docker-"));
  const savedPath = process.env.PATH;

  beforeAll(() => {
    // A stand-in for docker: the lab host's engine knows only the base image; `load` keeps what it was given.
    fs.writeFileSync(path.join(bin, "docker"), `#!/bin/sh
case "$*" in
  "-H ssh://lab@h image inspect --format {{.Id}} lab/base:1") echo sha256:base;;
  "-H ssh://lab@h image inspect"*) echo "Error: No such image" >&2; exit 1;;
  "save "*) echo "tar of $2";;
  "-H ssh://lab@h load") cat >> ${bin}/loaded;;
  *) exit 2;;
esac
`, { mode: 0o755 });
    process.env.PATH = `${bin}:${savedPath}`;
  });
  afterAll(() => {
    process.env.PATH = savedPath;
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it("loads from this machine only the images the lab host's engine lacks under their tag and ID", async () => {
    const image = (tag: string, id: string) => ({ tag, id, sizeBytes: 1, manifestPath: "" });
    const result = await ensureDockerImagesOnLabHost("ssh://lab@h", [image("lab/base:1", "sha256:base"), image("lab/api:1", "sha256:api")], () => {});
    expect(result).toEqual({ loaded: ["lab/api:1"], present: ["lab/base:1"] });
    expect(fs.readFileSync(path.join(bin, "loaded"), "utf8")).toBe("tar of lab/api:1\n");
  });
});
