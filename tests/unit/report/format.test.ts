import { acceleratorLabel, formatBytesChange, formatDuration, formatDurationChange, formatPercentChange, kindLabel } from "../../../labs/lib/report/format";

describe("formatDuration", () => {
  it("writes milliseconds below a second and three significant digits from there on", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(850.4)).toBe("850 ms");
    expect(formatDuration(999.4)).toBe("999 ms");
    expect(formatDuration(999.6)).toBe("1.00 s");
    expect(formatDuration(1073.46)).toBe("1.07 s");
    expect(formatDuration(9_500)).toBe("9.50 s");
    expect(formatDuration(9_999)).toBe("10.0 s");
    expect(formatDuration(23456)).toBe("23.5 s");
    expect(formatDuration(99_960)).toBe("100 s");
    expect(formatDuration(125_000)).toBe("125 s");
  });
});

describe("changes", () => {
  it("sign durations and bytes with + and the minus sign, zero without a sign", () => {
    expect(formatDurationChange(1200)).toBe("+1.20 s");
    expect(formatDurationChange(-350)).toBe("−350 ms");
    expect(formatDurationChange(0)).toBe("0 ms");
    expect(formatBytesChange(1.5 * 1024 * 1024)).toBe("+1.5 MiB");
    expect(formatBytesChange(-200 * 1024)).toBe("−200.0 KiB");
    expect(formatBytesChange(0)).toBe("0 B");
  });

  it("write relative changes as percent with one decimal, n/a without a base", () => {
    expect(formatPercentChange(0.123)).toBe("+12.3 %");
    expect(formatPercentChange(-0.05)).toBe("−5.0 %");
    expect(formatPercentChange(0)).toBe("0.0 %");
    expect(formatPercentChange(-0.00001)).toBe("0.0 %");
    expect(formatPercentChange(undefined)).toBe("n/a");
  });
});

describe("names", () => {
  it("name accelerators and platforms the way the report writes them", () => {
    expect(acceleratorLabel("native")).toBe("native");
    expect(acceleratorLabel("kvm")).toBe("KVM");
    expect(acceleratorLabel("tcg")).toBe("TCG emulation");
    expect(kindLabel("vm")).toBe("VM");
    expect(kindLabel("container")).toBe("container");
  });
});
