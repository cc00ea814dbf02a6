import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateLibvirtSdk, libvirtSdkDir } from "../../labs/lib/libvirtSdk";
import { libvirtPlugin } from "../../labs/lib/toolchain";

/** Every file below a folder, relative to it, sorted. */
function filesBelow(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("the committed @pulumi/libvirt package (sdks/libvirt)", () => {
  jest.setTimeout(600_000);
  const regenerated = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-libvirt-sdk-"));
  afterAll(() => fs.rmSync(regenerated, { recursive: true, force: true }));

  it("is what the installed plugin's schema generates today, file for file", async () => {
    await generateLibvirtSdk(libvirtPlugin.version, regenerated, () => undefined);
    const committed = filesBelow(libvirtSdkDir);
    expect(filesBelow(regenerated)).toEqual(committed);
    const differing = committed.filter((file) => !fs.readFileSync(path.join(regenerated, file)).equals(fs.readFileSync(path.join(libvirtSdkDir, file))));
    expect(differing).toEqual([]);
  });

  it("is the package node_modules resolves, sharing the repository's one @pulumi/pulumi", () => {
    expect(fs.realpathSync(path.dirname(require.resolve("@pulumi/libvirt/package.json")))).toBe(fs.realpathSync(libvirtSdkDir));
    expect(fs.existsSync(path.join(libvirtSdkDir, "node_modules"))).toBe(false);
  });
});
