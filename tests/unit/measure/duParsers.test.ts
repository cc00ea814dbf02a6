import { parseDu } from "../../../labs/lib/measure/duParsers";
import { parseQemuImgInfo } from "../../../labs/lib/measure/qemuImgParsers";
import { fixture } from "./fixture";

describe("du -B1 with and without --apparent-size", () => {
  it("shows a sparse raw file allocating almost nothing of its length, and qcow2 files slightly less", () => {
    expect(parseDu(fixture("du-apparent-size.txt"))).toEqual([
      { path: "/tmp/x-base.qcow2", bytes: 4521984 },
      { path: "/tmp/x-ovl.qcow2", bytes: 1376256 },
      { path: "/tmp/x-sparse.raw", bytes: 67108864 },
    ]);
    expect(parseDu(fixture("du-allocated.txt"))).toEqual([
      { path: "/tmp/x-base.qcow2", bytes: 4460544 },
      { path: "/tmp/x-ovl.qcow2", bytes: 1314816 },
      { path: "/tmp/x-sparse.raw", bytes: 4096 },
    ]);
  });

  it("agrees exactly with qemu-img's actual-size, which counts allocated blocks too", () => {
    const allocated = new Map(parseDu(fixture("du-allocated.txt")).map((entry) => [entry.path, entry.bytes]));
    for (const image of parseQemuImgInfo(fixture("qemu-img-info-backing-chain-overlay.json"))) expect(allocated.get(image.filename)).toBe(image.actualSizeBytes);
  });

  it("keeps tabs inside paths and refuses other formats", () => {
    expect(parseDu("4096\t/tmp/a\tb\n")).toEqual([{ bytes: 4096, path: "/tmp/a\tb" }]);
    expect(() => parseDu("4.0K\t/tmp/a\n")).toThrow("run du with -B1");
  });
});
