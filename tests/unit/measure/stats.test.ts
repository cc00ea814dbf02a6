import { agreesWithin, relativeDifference, summarize } from "../../../labs/lib/measure/stats";

describe("summarize", () => {
  it("summarizes an odd number of samples around the middle one", () => {
    expect(summarize([3, 1, 2])).toEqual({ count: 3, median: 2, min: 1, max: 3, mean: 2, stdev: 1, cv: 0.5 });
  });

  it("takes the mean of the two middle samples for an even count", () => {
    const summary = summarize([4, 1, 3, 2]);
    expect(summary.median).toBe(2.5);
    expect(summary.stdev).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(summary.p90).toBeUndefined();
  });

  it("reports a 90th percentile by nearest rank from ten samples on", () => {
    expect(summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).p90).toBe(9);
    expect(summarize([...Array(20).keys()].map((n) => n + 1)).p90).toBe(18);
  });

  it("gives one sample a standard deviation of 0 and leaves the input unsorted", () => {
    const samples = [5, 2];
    expect(summarize([5])).toEqual({ count: 1, median: 5, min: 5, max: 5, mean: 5, stdev: 0, cv: 0 });
    summarize(samples);
    expect(samples).toEqual([5, 2]);
  });

  it("refuses empty and non-finite samples", () => {
    expect(() => summarize([])).toThrow("no samples");
    expect(() => summarize([1, Number.NaN])).toThrow("NaN is not a finite number");
  });
});

describe("cross-check agreement", () => {
  it("measures the difference relative to the larger figure", () => {
    expect(relativeDifference(90, 100)).toBeCloseTo(0.1, 12);
    expect(relativeDifference(100, 90)).toBeCloseTo(0.1, 12);
    expect(relativeDifference(0, 0)).toBe(0);
    expect(relativeDifference(0, 5)).toBe(1);
  });

  it("agrees only within the tolerance", () => {
    expect(agreesWithin(90, 100, 0.1)).toBe(true);
    expect(agreesWithin(89, 100, 0.1)).toBe(false);
    expect(agreesWithin(7, 7, 0)).toBe(true);
    expect(() => agreesWithin(1, 2, -0.1)).toThrow("tolerance");
  });
});
