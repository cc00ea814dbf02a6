import { appNames, apps } from "../../../model/catalog/apps";
import { labCatalog } from "../../../labs/lib/images/catalog";
import { vmDiskSizeBytes } from "../../../labs/lib/images/vmImage";
import { vmSpec } from "../../../labs/lib/images/vmSpec";

const spec = vmSpec(labCatalog);
const fileAt = (imagePath: string) => spec.files.find((file) => file.path === imagePath);

describe("the VM image's specification", () => {
  it("boots the disk itself as root over the serial console, and names the first NIC eth0", () => {
    expect(spec.kernelCmdline).toBe("root=/dev/vda rootfstype=ext4 rw console=ttyS0 net.ifnames=0 systemd.show_status=1");
    expect(spec.systemPackages).toEqual(["linux-image-cloud-amd64", "systemd-sysv", "udev", "kmod", "iproute2", "qemu-guest-agent"]);
  });

  it("builds the initramfs with the root disk's modules", () => {
    expect(spec.preInstallFiles.map((file) => [file.path, file.mode])).toEqual([
      ["/etc/initramfs-tools/conf.d/vm-container-lab.conf", 0o644],
      ["/etc/initramfs-tools/hooks/vm-container-lab", 0o755],
    ]);
    expect(spec.preInstallFiles[1].content).toContain("force_load virtio_pci\nforce_load virtio_blk\nforce_load ext4\n");
  });

  it("installs a unit and the catalog files for every app, and the seed script and unit", () => {
    for (const app of appNames) {
      expect(fileAt(`/etc/systemd/system/lab-${app}.service`)?.mode).toBe(0o644);
      for (const file of apps[app].files) expect(fileAt(file.path)).toEqual({ path: file.path, content: labCatalog.fileContent(file), mode: file.mode });
    }
    expect(fileAt("/usr/local/sbin/lab-seed")?.mode).toBe(0o755);
    expect(fileAt("/etc/systemd/system/lab-seed.service")?.mode).toBe(0o644);
    expect(fileAt("/etc/machine-id")).toEqual({ path: "/etc/machine-id", content: "", mode: 0o444 });
    expect(fileAt("/etc/fstab")?.content).toBe("/dev/vda / ext4 defaults,noatime 0 0\n");
  });

  it("installs the tuned profile's init, which applies the seed and starts each app the tuned way as its catalog user", () => {
    const init = fileAt("/usr/local/sbin/lab-init");
    expect(init?.mode).toBe(0o755);
    expect(init?.content).toMatch(/^#!\/bin\/sh\n/);
    expect(init?.content).toContain('say "lab-init: started"');
    expect(init?.content).toContain("blkid -L LABSEED");
    expect(init?.content).toContain("printf 'address add %s dev eth0\\nlink set eth0 up\\nlink set lo up\\n' \"$address\" | ip -batch -");
    expect(init?.content).toContain('  db) setpriv --reuid=redis --regid="$(id -g redis)" --init-groups env /usr/bin/redis-server /etc/redis/redis-lab.conf > "$app_log" 2>&1 & ;;');
    expect(init?.content).toContain('  api) setpriv --reuid=nobody --regid="$(id -g nobody)" --init-groups env API_PORT=3000 REDIS_HOST=db REDIS_PORT=6379 /usr/bin/node --snapshot-blob /opt/lab-api/server.blob > "$app_log" 2>&1 & ;;');
    expect(init?.content).toContain('  web) env /usr/sbin/nginx -c /etc/nginx/nginx-lab.conf > "$app_log" 2>&1 & ;;');
    expect(init?.content.indexOf('say "lab-init: exec $app"')).toBeLessThan(init?.content.lastIndexOf('case "$app" in') ?? 0);
    expect(init?.content).toContain('read -r name < "$port/name"');
    expect(init?.content).toContain('[ "$name" = "org.qemu.guest_agent.0" ]');
    // The app starts while the NIC gets its address: every app listens on all addresses and reaches the others lazily.
    expect(init?.content.indexOf("app_pid=$!")).toBeLessThan(init?.content.indexOf("| ip -batch -") ?? 0);
    expect(init?.content.indexOf("app_pid=$!")).toBeLessThan(init?.content.indexOf("\nstart_guest_agent\n") ?? 0);
  });

  it("prepares the api's tuned start at the VM's first boot, before the exec marker, and keeps it on disk", () => {
    const init = fileAt("/usr/local/sbin/lab-init")?.content ?? "";
    const preparation = init.split("\n").find((line) => line.startsWith("  api) [ -s /opt/lab-api/server.blob ] ||"));
    expect(preparation).toContain("/usr/bin/node --snapshot-blob /opt/lab-api/server.blob --build-snapshot /opt/lab-api/server.js");
    expect(preparation).toContain("&& sync;");
    expect(preparation).toContain("rm -f /opt/lab-api/server.blob; fail");
    expect(init.indexOf(preparation ?? "-")).toBeLessThan(init.indexOf('say "lab-init: exec $app"'));
    expect(init.split("\n").filter((line) => line.includes("--build-snapshot"))).toHaveLength(1);
  });

  it("reaches the app's exec with the shell's own reads, and leaves what the app does not need to the lowest priority", () => {
    const init = fileAt("/usr/local/sbin/lab-init")?.content ?? "";
    const beforeExec = init.slice(init.indexOf('say "lab-init: started"'), init.indexOf('say "lab-init: exec $app"'));
    expect(beforeExec).toContain('read -r app < "$seed/app"');
    expect(beforeExec).toContain('copy "$seed/hosts" /etc/hosts');
    // Each program started costs the one emulated vCPU 60–100 ms: the seed's files are read without cat, cp, sed or mkdir.
    expect(beforeExec).not.toMatch(/\$\(cat |\bcp |\bsed |\bmkdir /);
    expect(init).toContain('nice -n 19 qemu-ga --method=virtio-serial --path="/dev/${port##*/}" &');
    expect(init).toContain("nice -n 19 modprobe virtio_console");
    expect(init.indexOf("app_pid=$!")).toBeLessThan(init.indexOf('nice -n 19 umount "$seed"'));
  });

  it("locks root, masks what reaches out or waits for input, and enables only the seed and networkd", () => {
    expect(spec.finishScript).toBe(
      [
        "set -eu",
        "passwd --lock root",
        "systemctl disable apt-daily.timer apt-daily-upgrade.timer",
        "systemctl mask apt-daily.timer apt-daily-upgrade.timer systemd-firstboot.service systemd-logind.service",
        "systemctl enable lab-seed.service systemd-networkd.service",
      ].join("\n"),
    );
  });

  it("sizes the disk at twice its content, at least 2 GiB, in 256 MiB steps", () => {
    const mebibyte = 1024 * 1024;
    expect(vmDiskSizeBytes(500 * mebibyte)).toBe(2048 * mebibyte);
    expect(vmDiskSizeBytes(1100 * mebibyte)).toBe(2304 * mebibyte);
    expect(vmDiskSizeBytes(1152 * mebibyte)).toBe(2304 * mebibyte);
  });
});
