import { bootSampleCount, containerSampleFactor } from "../../../labs/lib/measure/measureStack";

describe("boot samples per instance", () => {
  it("gives a VM the requested count and a container that count times the container factor", () => {
    expect(bootSampleCount("vm", 5)).toBe(5);
    expect(bootSampleCount("container", 5)).toBe(5 * containerSampleFactor);
    expect(bootSampleCount("container", 1)).toBe(containerSampleFactor);
  });

  it("takes at least three container samples per requested one", () => {
    expect(containerSampleFactor).toBeGreaterThanOrEqual(3);
  });
});
