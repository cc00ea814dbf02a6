/**
 * The report as a list of blocks that both the Markdown and the HTML writer render, so the two files always say the
 * same. Text may hold `inline code` in backticks; each writer renders it its own way.
 */

/** A table cell: text; text with a style class the HTML writer puts on it (a verdict's colour); or several items, one a line. */
export type TableCell = string | { text: string; className: string } | { items: readonly string[] };

/** One block of a report. */
export type ReportBlock =
  /** A section title; `id` becomes the HTML element's id. */
  | { kind: "heading"; level: 1 | 2 | 3; text: string; id?: string }
  /** A paragraph; className "notice" makes it stand out in HTML. */
  | { kind: "paragraph"; text: string; className?: string }
  /** A bulleted list. */
  | { kind: "list"; items: string[] }
  /** A table with a caption above it; `rowIds` give its rows HTML ids. */
  | { kind: "table"; id?: string; caption: string; header: string[]; rows: TableCell[][]; rowIds?: string[] }
  /** A chart: inline SVG in HTML; in Markdown its title and caption only. */
  | { kind: "figure"; id: string; title: string; caption: string; svg: string };

/** The text of a cell, without its style; items joined by "; ". */
export function cellText(cell: TableCell): string {
  if (typeof cell === "string") return cell;
  return "items" in cell ? cell.items.join("; ") : cell.text;
}
