import { checkVolumeInputs, diffVolume, parseQemuImgInfo, poolTargetPath, qemuImgConvertArgs, unescapeXml, volumeCreateAsArgs, volumeSource } from "../../../stacks/providers/libvirt";
import { unknownValue } from "../../../stacks/providers/properties";

const uri = "qemu:///system";
const pool = "lab-pool";

function failures(inputs: Parameters<typeof checkVolumeInputs>[0]): string[] {
  return checkVolumeInputs(inputs).failures.map((failure) => `${failure.property}: ${failure.reason}`);
}

describe("libvirt volume", () => {
  it("is an overlay, a copy or an empty volume, and says which", () => {
    const overlay = checkVolumeInputs({ uri, pool, name: "web.qcow2", format: "qcow2", backingPath: "/srv/pool/base.qcow2" });
    expect(overlay.failures).toEqual([]);
    expect(overlay.inputs.backingFormat).toBe("qcow2");
    expect(volumeSource(overlay.inputs)).toBe("backing");
    expect(volumeSource(checkVolumeInputs({ uri, pool, name: "b.qcow2", format: "qcow2", copyFromPath: "/srv/golden.qcow2" }).inputs)).toBe("copy");
    expect(volumeSource(checkVolumeInputs({ uri, pool, name: "e.raw", format: "raw", capacityBytes: 1024 }).inputs)).toBe("empty");
  });

  it("makes an overlay with vol-create-as, sized like its backing image", () => {
    const { inputs } = checkVolumeInputs({ uri, pool, name: "web.qcow2", format: "qcow2", backingPath: "/srv/pool/base.qcow2" });
    expect(volumeCreateAsArgs(inputs, 2147483648)).toEqual([
      "vol-create-as", "lab-pool", "web.qcow2", "2147483648", "--format", "qcow2", "--backing-vol", "/srv/pool/base.qcow2", "--backing-vol-format", "qcow2",
    ]);
  });

  it("makes an empty volume of the given size and format", () => {
    const { inputs } = checkVolumeInputs({ uri, pool, name: "scratch.raw", format: "raw", capacityBytes: 1048576 });
    expect(volumeCreateAsArgs(inputs)).toEqual(["vol-create-as", "lab-pool", "scratch.raw", "1048576", "--format", "raw"]);
  });

  it("copies with qemu-img convert, naming both formats and sharing the source's lock", () => {
    expect(qemuImgConvertArgs("/srv/golden.qcow2", "qcow2", "/srv/pool/base.qcow2", "qcow2")).toEqual(["convert", "-U", "-f", "qcow2", "-O", "qcow2", "/srv/golden.qcow2", "/srv/pool/base.qcow2"]);
  });

  it("reads qemu-img info and the pool's directory", () => {
    expect(parseQemuImgInfo(`{"virtual-size": 2147483648, "filename": "/g.qcow2", "format": "qcow2", "actual-size": 1}`)).toEqual({ format: "qcow2", virtualSizeBytes: 2147483648 });
    expect(() => parseQemuImgInfo("{}")).toThrow("qemu-img info gave no format");
    expect(poolTargetPath("<pool type='dir'>\n  <name>p</name>\n  <target>\n    <path>/srv/a&amp;b/pool</path>\n    <permissions/>\n  </target>\n</pool>")).toBe("/srv/a&b/pool");
    expect(() => poolTargetPath("<pool type='logical'><source/></pool>")).toThrow("only directory pools");
    expect(unescapeXml("&lt;a&gt; &amp;amp; &quot;&apos;")).toBe(`<a> &amp; "'`);
  });

  it("needs exactly one source and an overlay in qcow2", () => {
    expect(failures({ uri, pool, name: "v", format: "qcow2" })).toEqual(["capacityBytes: give exactly one of backingPath, copyFromPath and capacityBytes"]);
    expect(failures({ uri, pool, name: "v", format: "qcow2", copyFromPath: "/a", capacityBytes: 1 })).toEqual(["capacityBytes: give exactly one of backingPath, copyFromPath and capacityBytes"]);
    expect(failures({ uri, pool, name: "v", format: "raw", backingPath: "/a" })).toEqual(["format: an overlay on backingPath must be qcow2"]);
    expect(failures({ uri, pool, name: "v", format: "qcow2", capacityBytes: 1, backingFormat: "raw" })).toEqual(["backingFormat: only goes with backingPath"]);
    expect(failures({ uri, pool, name: "v", format: "vmdk" as "raw", copyFromPath: "relative/x.qcow2" })).toEqual(["format: must be qcow2 or raw", "copyFromPath: must be a normalized absolute file path"]);
    expect(failures({ uri, pool: "a/b", name: "../v", format: "qcow2", capacityBytes: 0.5 })).toEqual([
      "pool: must be the name of a storage pool",
      "name: must start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-'",
      "capacityBytes: must be a positive whole number of bytes",
    ]);
  });

  it("accepts a backing path that is not known yet (preview)", () => {
    expect(failures({ uri, pool: unknownValue, name: "v.qcow2", format: "qcow2", backingPath: unknownValue })).toEqual([]);
  });

  it("sees no change on a second run and replaces, old one first, on any change", () => {
    const { inputs } = checkVolumeInputs({ uri, pool, name: "web.qcow2", format: "qcow2", backingPath: "/srv/pool/base.qcow2" });
    const olds = { ...inputs, path: "/srv/pool/web.qcow2", volumeKey: "/srv/pool/web.qcow2", __provider: "code" };
    expect(diffVolume(olds, { ...inputs, __provider: "code" } as typeof inputs)).toEqual({ changes: false, replaces: [], stables: ["path", "volumeKey"], deleteBeforeReplace: false });
    expect(diffVolume(olds, { ...inputs, backingPath: "/srv/pool/base2.qcow2" })).toEqual({ changes: true, replaces: ["backingPath"], stables: [], deleteBeforeReplace: true });
    expect(diffVolume(olds, { ...inputs, backingPath: unknownValue }).replaces).toEqual(["backingPath"]);
  });
});
