import { parseArguments } from "../../../labs/lib/arguments";
import { markedDockerNames } from "../../../labs/lib/leftovers";
import { densityCopyLimit, densityEngineNames, libvirtEngineNames } from "../../../model/engineNames";

describe("density copies' engine names", () => {
  const names = densityEngineNames("vmcl-libvirt");

  it("are derived from the stack's prefix and recognised by it", () => {
    expect(names.copy(1)).toBe("vmcl-libvirt-density-1");
    expect(names.network).toBe("vmcl-libvirt-density-net");
    expect(names.isCopy("vmcl-libvirt-density-12")).toBe(true);
    expect(names.isCopy("vmcl-libvirt-db")).toBe(false);
    expect(names.isCopy("vmcl-docker-density-1")).toBe(false);
    expect(names.isCopy("vmcl-libvirt-density-1x")).toBe(false);
    expect(() => names.copy(0)).toThrow(RangeError);
    expect(() => names.copy(densityCopyLimit + 1)).toThrow(RangeError);
  });

  it("give each copy its own MAC in QEMU's range, none of them a stack VM's, and a bridge name Linux accepts", () => {
    const macs = Array.from({ length: densityCopyLimit }, (_, offset) => names.mac(offset + 1));
    expect(new Set(macs).size).toBe(densityCopyLimit);
    expect(macs.every((mac) => /^52:54:00(:[0-9a-f]{2}){3}$/.test(mac))).toBe(true);
    expect(macs).not.toContain(libvirtEngineNames("vmcl-libvirt").macs.db);
    expect(names.mac(255 - 20)).toMatch(/:eb$/);
    expect(densityEngineNames("vmcl-docker").bridge.length).toBeLessThanOrEqual(15);
  });

  it("are found by the leftover sweep also without the stack's label", () => {
    const listing = ["vmcl-docker-density-3\t", "vmcl-docker-db\tdocker", "someone-else\t"].join("\n");
    expect(markedDockerNames(listing, "docker", [], densityEngineNames("vmcl-docker").isCopy)).toEqual(["vmcl-docker-density-3", "vmcl-docker-db"]);
  });
});

describe("npm run density's command line", () => {
  it("takes a stack, --max (the platform's default when absent) and --budget-mib (2048 by default)", () => {
    expect(parseArguments("density", ["docker"])).toEqual({ values: { max: undefined, "budget-mib": 2048 }, positionals: ["docker"] });
    expect(parseArguments("density", ["libvirt", "--max", "2", "--budget-mib", "512"]).values).toEqual({ max: 2, "budget-mib": 512 });
    expect(() => parseArguments("density", ["docker", "--max", "0"])).toThrow(/--max must be an integer from 1 to 235[\s\S]*default 20 for docker, 6 for libvirt/);
    expect(() => parseArguments("density", [])).toThrow(/No lab stack was given/);
  });
});
