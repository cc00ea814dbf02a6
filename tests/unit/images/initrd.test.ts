import * as fs from "node:fs";
import * as path from "node:path";
import { missingInitrdModules, rootDiskModules } from "../../../labs/lib/images/initrd";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "images", name), "utf8");
const listing = fixture("lsinitramfs-cloud.txt");
const builtin = fixture("modules.builtin-cloud.txt");

describe("the initramfs check", () => {
  it("accepts the recorded cloud-kernel initramfs: virtio modules inside, ext4 built into the kernel", () => {
    expect(rootDiskModules).toEqual(["virtio_pci", "virtio_blk", "ext4"]);
    expect(missingInitrdModules(listing, builtin, rootDiskModules)).toEqual([]);
  });

  it("names the modules that are neither in the initramfs nor built in", () => {
    const withoutVirtioBlk = listing.split("\n").filter((line) => !line.endsWith("/virtio_blk.ko")).join("\n");
    expect(missingInitrdModules(withoutVirtioBlk, builtin, rootDiskModules)).toEqual(["virtio_blk"]);
    expect(missingInitrdModules(listing, "", rootDiskModules)).toEqual(["ext4"]);
    expect(missingInitrdModules(listing, builtin, ["virtio_net", "iso9660"])).toEqual(["virtio_net", "iso9660"]);
  });

  it("treats - and _ in module file names alike and accepts compressed modules", () => {
    expect(missingInitrdModules("usr/lib/modules/6.1/kernel/drivers/virtio/virtio-pci.ko.xz\n", "", ["virtio_pci"])).toEqual([]);
  });
});
