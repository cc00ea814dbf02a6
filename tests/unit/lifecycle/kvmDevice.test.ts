import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureKvmDeviceGroup, kvmGroupId } from "../../../labs/lib/hostPrerequisites";

describe("the KVM device's group", () => {
  let folder: string;
  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-kvm-"))));
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("reads the kvm group's id, and none where the group does not exist", () => {
    const groups = path.join(folder, "group");
    fs.writeFileSync(groups, "root:x:0:\nkvmtool:x:99:\nkvm:x:108:libvirt-qemu\n");
    expect(kvmGroupId(groups)).toBe(108);
    fs.writeFileSync(groups, "root:x:0:\n");
    expect(kvmGroupId(groups)).toBeUndefined();
  });

  it("gives a root-only device to group kvm with mode 0660 once, as udev would, and leaves other bits alone", () => {
    const device = path.join(folder, "kvm");
    fs.writeFileSync(device, "");
    fs.chmodSync(device, 0o600);
    const lines: string[] = [];
    const groupId = process.getgid!() + 1;
    const groups = path.join(folder, "group");
    fs.writeFileSync(groups, `kvm:x:${groupId}:\n`);
    ensureKvmDeviceGroup((line) => lines.push(line), device, groups);
    const status = fs.statSync(device);
    expect(status.gid).toBe(groupId);
    expect(status.mode & 0o777).toBe(0o660);
    expect(lines).toEqual([expect.stringMatching(/gave .*kvm to group kvm \(mode 0660\)/)]);
    ensureKvmDeviceGroup((line) => lines.push(line), device, groups);
    expect(lines).toHaveLength(1);
  });

  it("does nothing without a device or a kvm group", () => {
    const lines: string[] = [];
    const groups = path.join(folder, "group");
    fs.writeFileSync(groups, "kvm:x:108:\n");
    ensureKvmDeviceGroup((line) => lines.push(line), path.join(folder, "absent"), groups);
    const device = path.join(folder, "kvm");
    fs.writeFileSync(device, "");
    fs.chmodSync(device, 0o600);
    fs.writeFileSync(groups, "root:x:0:\n");
    ensureKvmDeviceGroup((line) => lines.push(line), device, groups);
    expect(fs.statSync(device).mode & 0o777).toBe(0o600);
    expect(lines).toEqual([]);
  });
});
