import { modulesToLoad, tunedInitramfsInit } from "../../../labs/lib/images/tunedInitramfs";

const modulesDep = [
  "kernel/drivers/virtio/virtio.ko:",
  "kernel/drivers/virtio/virtio_ring.ko:",
  "kernel/drivers/virtio/virtio_pci_modern_dev.ko:",
  "kernel/drivers/virtio/virtio_pci_legacy_dev.ko:",
  "kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko",
  "kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko",
  "kernel/arch/x86/crypto/crc32c-intel.ko:",
  "",
].join("\n");
const modulesBuiltin = "kernel/fs/ext4/ext4.ko\nkernel/fs/jbd2/jbd2.ko\n";

describe("the tuned profile's initramfs", () => {
  it("loads each wanted module after its dependencies, once, and skips built-in ones", () => {
    expect(modulesToLoad(modulesDep, modulesBuiltin, ["virtio_pci", "virtio_blk", "ext4"])).toEqual([
      "kernel/drivers/virtio/virtio_pci_modern_dev.ko",
      "kernel/drivers/virtio/virtio_pci_legacy_dev.ko",
      "kernel/drivers/virtio/virtio_ring.ko",
      "kernel/drivers/virtio/virtio.ko",
      "kernel/drivers/virtio/virtio_pci.ko",
      "kernel/drivers/block/virtio_blk.ko",
    ]);
  });

  it("matches module names with - and _ alike", () => {
    expect(modulesToLoad(modulesDep, modulesBuiltin, ["crc32c_intel"])).toEqual(["kernel/arch/x86/crypto/crc32c-intel.ko"]);
  });

  it("refuses a module the kernel has neither built in nor as a file", () => {
    expect(() => modulesToLoad(modulesDep, modulesBuiltin, ["virtio_scsi"])).toThrow("the kernel has no module virtio_scsi");
  });

  it("loads the modules in order, mounts root= as the command line says and hands over to its init=", () => {
    const init = tunedInitramfsInit(["kernel/drivers/virtio/virtio.ko", "kernel/drivers/block/virtio_blk.ko"]);
    expect(init).toMatch(/^#!\/bin\/busybox sh\n/);
    expect(init).toContain('echo "lab-initramfs: started" > /dev/console');
    expect(init.indexOf("insmod /modules/00-virtio.ko")).toBeLessThan(init.indexOf("insmod /modules/01-virtio_blk.ko"));
    expect(init).toContain('init=*) init="${word#init=}" ;;');
    expect(init).toContain('mount -t "$rootfstype" -o "$mode" "$root" /root');
    expect(init).toContain('for dir in dev proc sys run; do mount --move "/$dir" "/root/$dir"; done');
    expect(init.trimEnd().endsWith('exec switch_root /root "$init"')).toBe(true);
  });
});
