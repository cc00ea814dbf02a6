import { ConfigError } from "../../model/labConfig";
import { resolveAccelerator } from "../../model/accelerator";

describe("choosing the VMs' accelerator", () => {
  const kvmBooted = { accelerator: "kvm" as const, booted: true, wallMs: 900, detail: "booted" };
  const kvmHung = { accelerator: "kvm" as const, booted: false, wallMs: 15_000, detail: "hung at Probing EDD" };
  const kvmAbsent = { accelerator: "kvm" as const, booted: false, wallMs: 0, detail: "skipped: /dev/kvm does not exist" };
  const tcgBooted = { accelerator: "tcg" as const, booted: true, wallMs: 4_000, detail: "booted" };

  it("follows an explicit setting the probe does not contradict", () => {
    expect(resolveAccelerator("kvm", { chosen: "kvm", probes: [kvmBooted] }, "libvirt")).toBe("kvm");
    expect(resolveAccelerator("tcg", undefined, "libvirt")).toBe("tcg");
    expect(resolveAccelerator("tcg", { chosen: "kvm", probes: [kvmBooted] }, "libvirt")).toBe("tcg");
  });

  it.each([
    ["absent", kvmAbsent],
    ["present but unable to boot a guest", kvmHung],
  ])("refuses kvm where the probe found KVM %s, naming the key and the command that fixes it", (_case, kvmProbe) => {
    const resolve = () => resolveAccelerator("kvm", { chosen: "tcg", probes: [kvmProbe, tcgBooted] }, "libvirt");
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(/vm-container-lab:accelerator is "kvm"; allowed: auto or tcg on this host/);
    expect(resolve).toThrow(kvmProbe.detail);
    expect(resolve).toThrow("`npm run pulumi -- config set -s libvirt vm-container-lab:accelerator VALUE`");
  });

  it("takes the probe's verdict for auto, and says how to get one when there is none", () => {
    expect(resolveAccelerator("auto", { chosen: "tcg", probes: [kvmAbsent, tcgBooted] }, "libvirt")).toBe("tcg");
    expect(resolveAccelerator("auto", { chosen: "kvm", probes: [kvmBooted] }, "libvirt")).toBe("kvm");
    expect(() => resolveAccelerator("auto", undefined, "libvirt")).toThrow(/npm run doctor/);
    expect(() => resolveAccelerator("auto", { chosen: "none", probes: [kvmHung] }, "libvirt")).toThrow(/neither KVM nor TCG/);
  });
});
