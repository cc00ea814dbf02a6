import { byteTicks, element, escapeXml, legend, linearPosition, logDomain, logPosition, logTicks, oneTwoFive, round, svgChart, text, timeTickLabel, timeTicks } from "../../../labs/lib/report/svg";

const MiB = 1024 * 1024;

describe("scales", () => {
  it("round coordinates to tenths", () => {
    expect(round(452.5563)).toBe(452.6);
    expect(round(290)).toBe(290);
  });

  it("find the 1-2-5 value at or below and at or above a number", () => {
    expect(oneTwoFive(900, -1)).toBe(500);
    expect(oneTwoFive(900, 1)).toBe(1000);
    expect(oneTwoFive(1000, -1)).toBe(1000);
    expect(oneTwoFive(1000, 1)).toBe(1000);
    expect(oneTwoFive(60_000, 1)).toBe(100_000);
    expect(oneTwoFive(0.3, 1)).toBe(0.5);
    expect(() => oneTwoFive(0, 1)).toThrow("not positive");
  });

  it("span a log time domain over the samples, never empty, never below 1 ms", () => {
    expect(logDomain(1054, 60_000)).toEqual([1000, 100_000]);
    expect(logDomain(1054, 1090)).toEqual([1000, 2000]);
    expect(logDomain(1000, 1000)).toEqual([1000, 2000]);
    expect(logDomain(0, 3)).toEqual([1, 5]);
  });

  it("put 1-2-5 ticks on a log domain, ends included", () => {
    expect(logTicks([500, 100_000])).toEqual([500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000]);
    expect(logTicks([1000, 2000])).toEqual([1000, 2000]);
  });

  it("place values on a log scale, clamping below the domain", () => {
    expect(logPosition(1000, [1000, 10_000], [290, 830])).toBe(290);
    expect(logPosition(2000, [1000, 10_000], [290, 830])).toBe(452.6);
    expect(logPosition(10_000, [1000, 10_000], [290, 830])).toBe(830);
    expect(logPosition(10, [1000, 10_000], [290, 830])).toBe(290);
  });

  it("place values on a linear scale from 0", () => {
    expect(linearPosition(0, 100, [290, 830])).toBe(290);
    expect(linearPosition(25, 100, [290, 830])).toBe(425);
    expect(linearPosition(5, 0, [290, 830])).toBe(290);
  });

  it("choose byte ticks in a fitting binary unit, the last reaching the maximum", () => {
    expect(byteTicks(512 * MiB)).toEqual({ ticks: [0, 200 * MiB, 400 * MiB, 600 * MiB], labels: ["0", "200 MiB", "400 MiB", "600 MiB"] });
    expect(byteTicks(100 * MiB)).toEqual({ ticks: [0, 20, 40, 60, 80, 100].map((n) => n * MiB), labels: ["0", "20 MiB", "40 MiB", "60 MiB", "80 MiB", "100 MiB"] });
    expect(byteTicks(1.5 * 1024 * MiB).labels).toEqual(["0", "0.5 GiB", "1 GiB", "1.5 GiB"]);
    expect(byteTicks(0).labels).toEqual(["0", "0.2 KiB", "0.4 KiB", "0.6 KiB", "0.8 KiB", "1 KiB"]);
  });

  it("label time ticks in ms below a second, in seconds from there", () => {
    expect(timeTickLabel(500)).toBe("500 ms");
    expect(timeTickLabel(1000)).toBe("1 s");
    expect(timeTickLabel(20_000)).toBe("20 s");
    expect(timeTickLabel(0)).toBe("0");
  });

  it("choose linear time ticks from 0 in about five 1-2-5 steps, the last reaching the maximum", () => {
    expect(timeTicks(1_100)).toEqual([0, 500, 1000, 1500]);
    expect(timeTicks(45_000)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(timeTicks(10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
  });
});

describe("elements", () => {
  it("escape markup characters", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  });

  it("write elements with rounded numbers, escaped strings, no undefined attributes and an optional title", () => {
    expect(element("rect", { x: 1.234, y: 2, width: 3, fill: "#fff", stroke: undefined })).toBe('<rect x="1.2" y="2" width="3" fill="#fff"/>');
    expect(element("circle", { cx: 5, cy: 6, r: 4 }, "web <1 s>")).toBe('<circle cx="5" cy="6" r="4"><title>web &lt;1 s&gt;</title></circle>');
    expect(text(10, 20, "a & b", { class: "tick" })).toBe('<text x="10" y="20" class="tick">a &amp; b</text>');
  });

  it("lay legend entries out left to right, outlines dashed", () => {
    expect(legend([{ label: "anon", color: "#111" }, { label: "RAM", color: "#222", outline: true }], 10, 30, 100)).toBe(
      '<rect x="10" y="30" width="12" height="12" fill="#111"/><text x="27" y="40" class="legend">anon</text>' +
        '<rect x="110" y="30" width="12" height="12" fill="none" stroke="#222" stroke-width="2" stroke-dasharray="3 2"/><text x="127" y="40" class="legend">RAM</text>',
    );
  });

  it("wrap a chart in an <svg> with its id, an accessible title and a visible one", () => {
    expect(svgChart("chart-x", "X & Y", 100, 50, "<g/>")).toBe(
      [
        '<svg id="chart-x" class="chart" viewBox="0 0 100 50" width="100" height="50" role="img" aria-labelledby="chart-x-title">',
        '<title id="chart-x-title">X &amp; Y</title>',
        '<text x="10" y="20" class="chart-title">X &amp; Y</text>',
        "<g/>",
        "</svg>",
      ].join("\n"),
    );
  });
});
