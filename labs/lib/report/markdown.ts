/** Writes report blocks as GitHub-flavoured Markdown. Charts become a titled note pointing at the HTML report. */
import { cellText, type ReportBlock, type TableCell } from "./document";

/** Makes text safe inside a Markdown table cell: pipes escaped, line breaks turned into spaces. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A Markdown table: header row, separator row, one line per row; short rows are padded with empty cells. */
export function markdownTable(header: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
  const separator = `|${header.map(() => "---").join("|")}|`;
  return [line(header), separator, ...rows.map((row) => line(header.map((_, column) => (row[column] === undefined ? "" : cellText(row[column])))))].join("\n");
}

function renderBlock(block: ReportBlock, htmlFileName: string): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level)} ${block.text}`;
    case "paragraph":
      return block.text;
    case "list":
      return block.items.map((item) => `- ${item.replace(/\r?\n/g, " ")}`).join("\n");
    case "table":
      return `*${block.caption}*\n\n${markdownTable(block.header, block.rows)}`;
    case "figure":
      return `**Figure: ${block.title}.** ${block.caption} (chart in ${htmlFileName})`;
  }
}

/** The whole Markdown document; `htmlFileName` is where figures point readers to. */
export function renderMarkdown(blocks: readonly ReportBlock[], htmlFileName: string): string {
  return `${blocks.map((block) => renderBlock(block, htmlFileName)).join("\n\n")}\n`;
}
