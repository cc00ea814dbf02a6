import { chainAllocation, diskUsageByPath, parseDu, parseQemuImgInfo } from "../../../labs/lib/measure/qemuImgParsers";
import { fixture } from "./fixture";

describe("qemu-img info --output=json --backing-chain", () => {
  it("reads an overlay and its base, top image first", () => {
    expect(parseQemuImgInfo(fixture("qemu-img-info-backing-chain-overlay.json"))).toEqual([
      {
        filename: "/tmp/x-ovl.qcow2",
        format: "qcow2",
        virtualSizeBytes: 64 * 1024 * 1024,
        actualSizeBytes: 1314816,
        clusterSizeBytes: 65536,
        backingFilename: "/tmp/x-base.qcow2",
        fullBackingFilename: "/tmp/x-base.qcow2",
        backingFormat: "qcow2",
        dirty: false,
      },
      {
        filename: "/tmp/x-base.qcow2",
        format: "qcow2",
        virtualSizeBytes: 64 * 1024 * 1024,
        actualSizeBytes: 4460544,
        clusterSizeBytes: 65536,
        backingFilename: undefined,
        fullBackingFilename: undefined,
        backingFormat: undefined,
        dirty: false,
      },
    ]);
  });

  it("splits a chain's host bytes into the overlay's own and the shareable base", () => {
    expect(chainAllocation(parseQemuImgInfo(fixture("qemu-img-info-backing-chain-overlay.json")))).toEqual({ topBytes: 1314816, backingBytes: 4460544, totalBytes: 5775360 });
    expect(() => chainAllocation([])).toThrow("empty backing chain");
  });

  it("reads a single image without --backing-chain, and refuses what is not an image", () => {
    const [raw] = parseQemuImgInfo(fixture("qemu-img-info-raw-sparse.json"));
    expect([raw.format, raw.virtualSizeBytes, raw.actualSizeBytes, raw.clusterSizeBytes]).toEqual(["raw", 67108864, 4096, undefined]);
    expect(() => parseQemuImgInfo("[]")).toThrow("expected an image object");
    expect(() => parseQemuImgInfo('{"filename":"x","format":"raw","virtual-size":1}')).toThrow('"actual-size" is undefined');
  });
});

describe("du -B1 with and without --apparent-size", () => {
  it("shows a sparse raw file allocating almost nothing of its length, and qcow2 files slightly less", () => {
    expect(diskUsageByPath(fixture("du-apparent-size.txt"), fixture("du-allocated.txt"))).toEqual([
      { path: "/tmp/x-base.qcow2", apparentBytes: 4521984, allocatedBytes: 4460544 },
      { path: "/tmp/x-ovl.qcow2", apparentBytes: 1376256, allocatedBytes: 1314816 },
      { path: "/tmp/x-sparse.raw", apparentBytes: 67108864, allocatedBytes: 4096 },
    ]);
  });

  it("agrees exactly with qemu-img's actual-size, which counts allocated blocks too", () => {
    const allocated = new Map(parseDu(fixture("du-allocated.txt")).map((entry) => [entry.path, entry.bytes]));
    for (const image of parseQemuImgInfo(fixture("qemu-img-info-backing-chain-overlay.json"))) expect(allocated.get(image.filename)).toBe(image.actualSizeBytes);
  });

  it("keeps tabs inside paths and refuses other formats and mismatched runs", () => {
    expect(parseDu("4096\t/tmp/a\tb\n")).toEqual([{ bytes: 4096, path: "/tmp/a\tb" }]);
    expect(() => parseDu("4.0K\t/tmp/a\n")).toThrow("run du with -B1");
    expect(() => diskUsageByPath("1\t/a\n", "1\t/b\n")).toThrow('"/a" has an apparent size but no allocated size');
    expect(() => diskUsageByPath("1\t/a\n2\t/b\n", "1\t/a\n")).toThrow("2 apparent-size lines but 1 allocated lines");
  });
});
