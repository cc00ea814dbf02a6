/**
 * The small pure pieces the report's charts are drawn with: scales, axis ticks and SVG elements as strings.
 * Coordinates are rounded to tenths of a pixel so that a chart is the same text for the same input.
 */

/** A value rounded to one decimal: the precision of every coordinate the charts write. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Escapes text for an XML or HTML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A horizontal pixel span [start, end] a scale maps its domain onto. */
export type PixelRange = readonly [number, number];

/** The 1-2-5 series (…, 0.5, 1, 2, 5, 10, 20, …) value at or below `value` (`direction` −1) or at or above it (+1). */
export function oneTwoFive(value: number, direction: -1 | 1): number {
  if (!(value > 0)) throw new Error(`oneTwoFive: ${value} is not positive`);
  const decade = 10 ** Math.floor(Math.log10(value));
  const candidates = [1, 2, 5, 10].map((step) => Number((step * decade).toPrecision(12)));
  return direction < 0 ? Math.max(...candidates.filter((candidate) => candidate <= value)) : Math.min(...candidates.filter((candidate) => candidate >= value));
}

/** Domain of a log time axis: from the 1-2-5 value at or below the smallest sample to the one at or above the largest. */
export function logDomain(minMs: number, maxMs: number, floorMs = 1): [number, number] {
  const low = oneTwoFive(Math.max(minMs, floorMs), -1);
  const high = oneTwoFive(Math.max(maxMs, floorMs), 1);
  return [low, high > low ? high : oneTwoFive(low * 1.5, 1)];
}

/** The 1-2-5 values inside a log domain (both ends included): the ticks of a log axis. */
export function logTicks(domain: readonly [number, number]): number[] {
  const ticks: number[] = [];
  for (let value = domain[0]; value <= domain[1] * (1 + 1e-9); value = oneTwoFive(value * 1.5, 1)) ticks.push(value);
  return ticks;
}

/** Pixel position of `value` on a log scale; values below the domain sit on its start. */
export function logPosition(value: number, domain: readonly [number, number], range: PixelRange): number {
  const clamped = Math.max(value, domain[0]);
  const fraction = (Math.log10(clamped) - Math.log10(domain[0])) / (Math.log10(domain[1]) - Math.log10(domain[0]));
  return round(range[0] + fraction * (range[1] - range[0]));
}

/** Pixel position of `value` on a linear scale from 0 to `max`. */
export function linearPosition(value: number, max: number, range: PixelRange): number {
  return round(range[0] + (max === 0 ? 0 : value / max) * (range[1] - range[0]));
}

/** Ticks of a byte axis from 0: about five 1-2-5 steps in KiB, MiB or GiB, the last at or above `maxBytes`. */
export interface ByteTicks {
  /** Tick values in bytes, from 0 to the axis end. */
  ticks: number[];
  /** Label of each tick, e.g. "200 MiB". */
  labels: string[];
}

/** Byte ticks for an axis that must reach `maxBytes`. */
export function byteTicks(maxBytes: number): ByteTicks {
  const reach = Math.max(maxBytes, 1024);
  const units: [string, number][] = [["KiB", 1024], ["MiB", 1024 ** 2], ["GiB", 1024 ** 3]];
  const [unitName, unitBytes] = [...units].reverse().find(([, bytes]) => reach >= bytes) ?? units[0];
  const stepUnits = oneTwoFive(reach / unitBytes / 5, 1);
  const count = Math.ceil(reach / unitBytes / stepUnits - 1e-9);
  const ticks: number[] = [];
  const labels: string[] = [];
  for (let index = 0; index <= count; index += 1) {
    const inUnits = Number((index * stepUnits).toPrecision(12));
    ticks.push(inUnits * unitBytes);
    labels.push(index === 0 ? "0" : `${inUnits} ${unitName}`);
  }
  return { ticks, labels };
}

/** Ticks of a linear time axis from 0: about five 1-2-5 steps, the last at or above `maxMs`. */
export function timeTicks(maxMs: number): number[] {
  const step = oneTwoFive(Math.max(maxMs, 1) / 5, 1);
  const count = Math.max(1, Math.ceil(maxMs / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, index) => Number((index * step).toPrecision(12)));
}

/** A tick label of a time axis: "0", "500 ms", "1 s", "20 s". */
export function timeTickLabel(ms: number): string {
  if (ms === 0) return "0";
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toPrecision(12))} s`;
}

type Attributes = Record<string, string | number | undefined>;

function attributes(values: Attributes): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? round(value) : escapeXml(value as string)}"`)
    .join("");
}

/** An SVG element; with `title`, a <title> child that browsers show on hover. */
export function element(name: string, values: Attributes, title?: string): string {
  return title === undefined ? `<${name}${attributes(values)}/>` : `<${name}${attributes(values)}><title>${escapeXml(title)}</title></${name}>`;
}

/** An SVG <text> element. */
export function text(x: number, y: number, content: string, values: Attributes = {}): string {
  return `<text${attributes({ x, y, ...values })}>${escapeXml(content)}</text>`;
}

/** One legend entry: a swatch (filled, or an outline when `outline`) and its label. */
export interface LegendItem {
  /** What the colour stands for. */
  label: string;
  /** Fill colour, or the outline's colour. */
  color: string;
  /** Draw the swatch as a dashed outline (for "configured" figures drawn as outlines). */
  outline?: boolean;
}

/** A legend row starting at (x, y): 12 × 12 swatches, each entry `spacing` pixels after the previous. */
export function legend(items: readonly LegendItem[], x: number, y: number, spacing: number): string {
  return items
    .map((item, index) => {
      const left = x + index * spacing;
      const swatch = item.outline
        ? element("rect", { x: left, y, width: 12, height: 12, fill: "none", stroke: item.color, "stroke-width": 2, "stroke-dasharray": "3 2" })
        : element("rect", { x: left, y, width: 12, height: 12, fill: item.color });
      return swatch + text(left + 17, y + 10, item.label, { class: "legend" });
    })
    .join("");
}

/** A whole chart: an <svg> with an id, an accessible <title>, a visible title line and the chart's body. */
export function svgChart(id: string, title: string, width: number, height: number, body: string): string {
  return [
    `<svg id="${escapeXml(id)}" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${escapeXml(id)}-title">`,
    `<title id="${escapeXml(id)}-title">${escapeXml(title)}</title>`,
    text(10, 20, title, { class: "chart-title" }),
    body,
    "</svg>",
  ].join("\n");
}
