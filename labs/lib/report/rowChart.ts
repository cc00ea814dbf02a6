/**
 * The layout the report's three charts share: one horizontal row per instance or stack, a two-line label on the
 * left (what the row is, then its accelerator and headline figure), the plot to the right and an x axis below.
 */
import { byteTicks, element, linearPosition, text, type PixelRange } from "./svg";

/** Where a row chart's parts go, in pixels. */
export interface RowLayout {
  /** Width of the whole chart. */
  width: number;
  /** Left edge of the plot; the row labels fill the space before it. */
  plotLeft: number;
  /** Right edge of the plot. */
  plotRight: number;
  /** Top of the first row (below the title and legend). */
  top: number;
  /** Height of each row. */
  rowHeight: number;
  /** How many rows the chart has. */
  rowCount: number;
}

/** One row's label: what it shows, and a note below (accelerator, headline figure). */
export interface RowLabel {
  /** First line, e.g. "web · VM". */
  label: string;
  /** Second line, e.g. "TCG emulation · median 23.5 s (n = 5)". */
  note: string;
}

/** The standard layout: 860 px wide, plot from 290 to 830, rows 36 px from `top`. */
export function rowLayout(rowCount: number, top: number): RowLayout {
  return { width: 860, plotLeft: 290, plotRight: 830, top, rowHeight: 36, rowCount };
}

/** The plot's horizontal pixel span. */
export function plotRange(layout: RowLayout): PixelRange {
  return [layout.plotLeft, layout.plotRight];
}

/** Vertical centre of row `index`. */
export function rowCenter(layout: RowLayout, index: number): number {
  return layout.top + index * layout.rowHeight + layout.rowHeight / 2;
}

/** Bottom of the last row, where the x axis runs. */
export function plotBottom(layout: RowLayout): number {
  return layout.top + layout.rowCount * layout.rowHeight;
}

/** Height of the whole chart: the rows, then room for tick labels and the axis title. */
export function chartHeight(layout: RowLayout): number {
  return plotBottom(layout) + 44;
}

/** Row backgrounds (every other row shaded) and the two-line labels on the left. */
export function rowFrames(layout: RowLayout, labels: readonly RowLabel[]): string {
  return labels
    .map((row, index) => {
      const center = rowCenter(layout, index);
      const shade = index % 2 === 0 ? element("rect", { x: 0, y: layout.top + index * layout.rowHeight, width: layout.width, height: layout.rowHeight, fill: "#f7fafc" }) : "";
      return shade + text(10, center - 2, row.label, { class: "row-label" }) + text(10, center + 12, row.note, { class: "row-note" });
    })
    .join("");
}

/** One tick of an x axis: where it is and what it says. */
export interface AxisTick {
  /** Pixel position. */
  x: number;
  /** Label under the axis. */
  label: string;
}

/** Vertical grid lines at the ticks, the axis line, the tick labels and the axis title. */
export function xAxis(layout: RowLayout, ticks: readonly AxisTick[], title: string): string {
  const bottom = plotBottom(layout);
  const grid = ticks.map((tick) => element("line", { x1: tick.x, y1: layout.top, x2: tick.x, y2: bottom, class: "grid" })).join("");
  const labels = ticks.map((tick) => text(tick.x, bottom + 16, tick.label, { class: "tick", "text-anchor": "middle" })).join("");
  const axisLine = element("line", { x1: layout.plotLeft, y1: bottom, x2: layout.plotRight, y2: bottom, class: "axis" });
  const axisTitle = text((layout.plotLeft + layout.plotRight) / 2, bottom + 34, title, { class: "axis-title", "text-anchor": "middle" });
  return grid + axisLine + labels + axisTitle;
}

/** A linear byte axis for the plot: its end (the last tick) and its ticks placed in pixels. */
export function byteAxis(layout: RowLayout, maxBytes: number): { axisMax: number; ticks: AxisTick[] } {
  const axis = byteTicks(maxBytes);
  const axisMax = axis.ticks[axis.ticks.length - 1];
  return { axisMax, ticks: axis.ticks.map((bytes, index) => ({ x: linearPosition(bytes, axisMax, plotRange(layout)), label: axis.labels[index] })) };
}

/** One part of a stacked bar. */
export interface BarPart {
  /** Its length on the axis (bytes, milliseconds). */
  size: number;
  /** Fill colour. */
  color: string;
  /** Hover text. */
  title: string;
  /** Text to write inside the part in white: the first that fits, longest first; none where none fits. */
  labels?: readonly string[];
}

/** Width a bar label of `label` needs: about 6 px per character at the labels' 11 px, plus a margin on each side. */
export function barLabelWidth(label: string): number {
  return label.length * 6 + 8;
}

/** A bar 18 px high centred on `center`, its parts laid left to right from the plot's left edge, on an axis ending at `axisMax`. */
export function stackedBar(layout: RowLayout, center: number, parts: readonly BarPart[], axisMax: number): string {
  const range = plotRange(layout);
  let offset = 0;
  return parts
    .map((part) => {
      const x = linearPosition(offset, axisMax, range);
      offset += part.size;
      const width = linearPosition(offset, axisMax, range) - x;
      const rect = element("rect", { x, y: center - 9, width, height: 18, fill: part.color }, part.title);
      const label = part.labels?.find((candidate) => barLabelWidth(candidate) <= width);
      return label === undefined ? rect : rect + text(x + width / 2, center + 4, label, { class: "bar-label", "text-anchor": "middle" });
    })
    .join("");
}
