import { resolveAccelerator } from "../../labs/lib/acceleratorChoice";
import { LabError } from "../../labs/lib/labError";
import { parseLabArguments } from "../../labs/lib/labRun";
import { resolveStackName } from "../../labs/lib/stackLifecycle";

describe("the lab's command lines", () => {
  it("takes --keep and --samples", () => {
    expect(parseLabArguments([])).toEqual({ keep: false, samples: 5 });
    expect(parseLabArguments(["--keep", "--samples", "3"])).toEqual({ keep: true, samples: 3 });
    expect(() => parseLabArguments(["--samples", "many"])).toThrow(LabError);
    expect(() => parseLabArguments(["--destroy-everything"])).toThrow(/Unknown option "--destroy-everything"/);
  });

  it("knows only the lab's stacks", () => {
    expect(resolveStackName("libvirt")).toBe("libvirt");
    expect(() => resolveStackName("prod")).toThrow(/There is no lab stack called "prod"[\s\S]*docker, libvirt/);
    expect(() => resolveStackName(undefined)).toThrow(/No stack named/);
  });
});

describe("choosing the VMs' accelerator", () => {
  it("follows an explicit setting whatever the probe said", () => {
    expect(resolveAccelerator("kvm", { chosen: "tcg" })).toBe("kvm");
    expect(resolveAccelerator("tcg", undefined)).toBe("tcg");
  });

  it("takes the probe's verdict for auto, and says how to get one when there is none", () => {
    expect(resolveAccelerator("auto", { chosen: "tcg" })).toBe("tcg");
    expect(resolveAccelerator("auto", { chosen: "kvm" })).toBe("kvm");
    expect(() => resolveAccelerator("auto", undefined)).toThrow(/npm run doctor/);
    expect(() => resolveAccelerator("auto", { chosen: "none" })).toThrow(/neither KVM nor TCG/);
  });
});
