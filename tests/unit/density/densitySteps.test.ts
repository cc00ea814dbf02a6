import { copyAddress } from "../../../labs/lib/density/copyPlatform";
import { densityStep, hostReserveBytes, instancesPerGiB, nextCopy, type DensityLimits } from "../../../labs/lib/density/densitySteps";
import { MiB, syntheticSteps } from "../../fixtures/density/syntheticDensity";

const limits: DensityLimits = { maxCopies: 5, budgetBytes: 100 * MiB, hostReserveBytes: 1000 * MiB };
const plenty = 20_000 * MiB;

describe("the stop rule", () => {
  it("always starts the first copy", () => {
    expect(nextCopy([], limits, plenty)).toEqual({ start: true });
  });

  it("stops at --max", () => {
    const steps = syntheticSteps([MiB, MiB, MiB, MiB, MiB], [1, 1, 1, 1, 1]);
    expect(nextCopy(steps.slice(0, 4), limits, plenty)).toEqual({ start: true });
    expect(nextCopy(steps, limits, plenty)).toEqual({ start: false, reason: "max", detail: "5 copies, the most asked for" });
  });

  it("starts no copy that would take the copies past the budget, judging the next by the average so far", () => {
    // 3 copies use 90 MiB: a fourth of about 30 MiB would make 120 MiB.
    const three = syntheticSteps([40 * MiB, 30 * MiB, 20 * MiB], [1, 1, 1]);
    const stop = nextCopy(three, limits, plenty);
    expect(stop).toMatchObject({ start: false, reason: "budget" });
    expect(!stop.start && stop.detail).toBe("3 copies use 90.0 MiB; one more (about 30.0 MiB) would pass the budget of 100.0 MiB");
    expect(nextCopy(syntheticSteps([30 * MiB, 30 * MiB], [1, 1]), limits, plenty)).toEqual({ start: true });
  });

  it("keeps the host's reserve, whatever the budget", () => {
    const one = syntheticSteps([10 * MiB], [1]);
    expect(nextCopy(one, limits, 1005 * MiB)).toMatchObject({ start: false, reason: "host-reserve" });
    expect(nextCopy(one, limits, 1010 * MiB)).toEqual({ start: true });
    expect(hostReserveBytes(24_000 * MiB)).toBe(2_400 * MiB);
  });
});

describe("a step's figures", () => {
  const memory = { hostBytes: 8 * MiB, method: "PSS", breakdown: { configuredBytes: 128 * MiB } };
  const copy = { name: "vmcl-docker-density-3", address: "10.76.0.22", engineCallMs: 1500, startToReadyMs: 1600, memory };

  it("counts the copies and sums every copy's host memory as measured again, the new one last", () => {
    const previous = syntheticSteps([10 * MiB, 9 * MiB], [1, 1]);
    const step = densityStep(previous, copy, [9 * MiB, 8.5 * MiB], 19_000 * MiB);
    expect(step).toMatchObject({ copies: 3, name: "vmcl-docker-density-3", copiesHostBytes: [9 * MiB, 8.5 * MiB, 8 * MiB], totalHostBytes: 25.5 * MiB, memAvailableBytes: 19_000 * MiB, startToReadyMs: 1600 });
  });

  it("refuses earlier figures that do not match the earlier copies", () => {
    expect(() => densityStep(syntheticSteps([MiB], [1]), copy, [], plenty)).toThrow("expected the host memory of 1 earlier copies, got 0");
  });

  it("gives instances per GiB of the memory all copies used", () => {
    expect(instancesPerGiB(syntheticSteps([256 * MiB, 256 * MiB], [1, 1])[1])).toBe(4);
    expect(instancesPerGiB(syntheticSteps([8 * MiB], [1])[0])).toBe(128);
  });
});

describe("copy addresses", () => {
  it("run from .20 of the network's /24", () => {
    expect(copyAddress("10.76.0.0", 1)).toBe("10.76.0.20");
    expect(copyAddress("10.77.0.11", 3)).toBe("10.77.0.22");
    expect(copyAddress("10.77.0.11", 235)).toBe("10.77.0.254");
    expect(() => copyAddress("10.77.0.11", 236)).toThrow(RangeError);
    expect(() => copyAddress("10.77.0", 1)).toThrow("not an IPv4 address");
  });
});
