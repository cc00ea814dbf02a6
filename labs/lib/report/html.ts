/**
 * Writes report blocks as one self-contained HTML page: inline CSS, inline SVG charts, no scripts and no external
 * resources (a Content-Security-Policy forbids loading any).
 */
import type { ReportBlock, TableCell } from "./document";
import { escapeXml } from "./svg";

/** Escapes text for HTML, then renders `inline code` spans as <code>. */
export function inlineHtml(text: string): string {
  return escapeXml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** The page's style sheet, charts included. */
const pageStyle = `
body{margin:0;background:#fff;color:#1a202c;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:1320px;margin:0 auto;padding:24px 32px 48px}
h1{font-size:26px;margin:0 0 8px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px;background:#edf2f7;padding:1px 4px;border-radius:3px}
table{border-collapse:collapse;margin:6px 0 18px;width:100%}
caption{caption-side:top;text-align:left;color:#4a5568;font-size:12.5px;padding-bottom:4px}
th,td{border:1px solid #e2e8f0;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#edf2f7;font-weight:600}
tr:nth-child(even) td{background:#fafbfc}
figure{margin:12px 0 24px}figcaption{color:#4a5568;font-size:12.5px;margin-top:4px}
.notice{background:#fffaf0;border-left:4px solid #dd6b20;padding:8px 12px}
td.verdict-supported{background:#c6f6d5;color:#22543d;font-weight:600}
td.verdict-partly-supported{background:#fefcbf;color:#744210;font-weight:600}
td.verdict-contradicted{background:#fed7d7;color:#822727;font-weight:600}
td.verdict-not-measured{background:#edf2f7;color:#4a5568;font-weight:600}
td.disagrees{color:#9b2c2c}
svg.chart{display:block;width:100%;max-width:1200px;height:auto}
svg text{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:12px;fill:#1a202c}
svg .chart-title{font-size:14px;font-weight:600}svg .row-label{font-weight:600}
svg .row-note,svg .tick,svg .axis-title{font-size:11px;fill:#4a5568}svg .legend{font-size:11px}
svg .bar-label{font-size:11px;font-weight:600;fill:#fff}svg .bar-total{font-size:11px;fill:#1a202c}
svg .grid{stroke:#e2e8f0;stroke-width:1}svg .axis{stroke:#a0aec0;stroke-width:1}
`;

function htmlCell(cell: TableCell, tag: "td" | "th"): string {
  if (typeof cell === "string") return `<${tag}>${inlineHtml(cell)}</${tag}>`;
  if ("items" in cell) return `<${tag}>${cell.items.map(inlineHtml).join("<br>")}</${tag}>`;
  return `<${tag} class="${escapeXml(cell.className)}">${inlineHtml(cell.text)}</${tag}>`;
}

/** An HTML table with a caption; `rowIds` give rows ids (e.g. "claim-C01"). */
export function htmlTable(block: Extract<ReportBlock, { kind: "table" }>): string {
  const id = block.id === undefined ? "" : ` id="${escapeXml(block.id)}"`;
  const head = `<thead><tr>${block.header.map((title) => htmlCell(title, "th")).join("")}</tr></thead>`;
  const rows = block.rows.map((row, index) => {
    const rowId = block.rowIds?.[index];
    return `<tr${rowId === undefined ? "" : ` id="${escapeXml(rowId)}"`}>${row.map((cell) => htmlCell(cell, "td")).join("")}</tr>`;
  });
  return `<table${id}><caption>${inlineHtml(block.caption)}</caption>${head}<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level}${block.id === undefined ? "" : ` id="${escapeXml(block.id)}"`}>${inlineHtml(block.text)}</h${block.level}>`;
    case "paragraph":
      return `<p${block.className === undefined ? "" : ` class="${escapeXml(block.className)}"`}>${inlineHtml(block.text)}</p>`;
    case "list":
      return `<ul>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join("")}</ul>`;
    case "table":
      return htmlTable(block);
    case "figure":
      return `<figure id="${escapeXml(block.id)}-figure">\n${block.svg}\n<figcaption><strong>${inlineHtml(block.title)}.</strong> ${inlineHtml(block.caption)}</figcaption>\n</figure>`;
  }
}

/** The whole HTML page. */
export function renderHtml(title: string, blocks: readonly ReportBlock[]): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${pageStyle}</style>`,
    "</head>",
    "<body><main>",
    ...blocks.map(renderBlock),
    "</main></body>",
    "</html>",
    "",
  ].join("\n");
}
