import { chainAllocation, parseQemuImgInfo } from "../../../labs/lib/measure/qemuImgParsers";
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
