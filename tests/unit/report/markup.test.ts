import type { ReportBlock } from "../../../labs/lib/report/document";
import { htmlTable, inlineHtml, renderHtml } from "../../../labs/lib/report/html";
import { markdownCell, markdownTable, renderMarkdown } from "../../../labs/lib/report/markdown";

const blocks: ReportBlock[] = [
  { kind: "heading", level: 1, text: "Report" },
  { kind: "paragraph", text: "Run `npm run measure -- libvirt` <now>.", className: "notice" },
  { kind: "list", items: ["one", "two"] },
  { kind: "table", id: "t", caption: "Caption", header: ["a", "b", "c"], rows: [["1 | 2", { text: "supported", className: "verdict-supported" }, { items: ["x < 1", "y"] }]], rowIds: ["row-1"] },
  { kind: "figure", id: "chart-x", title: "X", caption: "About X.", svg: "<svg id=\"chart-x\"></svg>" },
];

describe("markdown", () => {
  it("escapes pipes and line breaks in cells", () => {
    expect(markdownCell("a | b\nc")).toBe("a \\| b c");
  });

  it("writes a table with a separator row, padding short rows", () => {
    expect(markdownTable(["figure", "A", "B"], [["boot", "1 s", "2 s"], ["disk"]])).toBe(
      ["| figure | A | B |", "|---|---|---|", "| boot | 1 s | 2 s |", "| disk |  |  |"].join("\n"),
    );
  });

  it("renders every kind of block, figures as a pointer to the HTML file", () => {
    expect(renderMarkdown(blocks, "report.html")).toBe(
      [
        "# Report",
        "",
        "Run `npm run measure -- libvirt` <now>.",
        "",
        "- one\n- two",
        "",
        "*Caption*",
        "",
        "| a | b | c |\n|---|---|---|\n| 1 \\| 2 | supported | x < 1; y |",
        "",
        "**Figure: X.** About X. (chart in report.html)",
        "",
      ].join("\n"),
    );
  });
});

describe("html", () => {
  it("escapes text and renders backticks as code", () => {
    expect(inlineHtml("run `npm run report` & <see>")).toBe("run <code>npm run report</code> &amp; &lt;see&gt;");
  });

  it("writes tables with caption, row ids and cell classes", () => {
    expect(htmlTable(blocks[3] as Extract<ReportBlock, { kind: "table" }>)).toBe(
      '<table id="t"><caption>Caption</caption><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead><tbody>\n<tr id="row-1"><td>1 | 2</td><td class="verdict-supported">supported</td><td>x &lt; 1<br>y</td></tr>\n</tbody></table>',
    );
  });

  it("makes a self-contained page: inline style, inline SVG, no scripts, nothing loaded from anywhere", () => {
    const page = renderHtml("A & B", blocks);
    expect(page.startsWith("<!doctype html>\n")).toBe(true);
    expect(page).toContain("<title>A &amp; B</title>");
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).toContain('<p class="notice">Run <code>npm run measure -- libvirt</code> &lt;now&gt;.</p>');
    expect(page).toContain('<figure id="chart-x-figure">\n<svg id="chart-x"></svg>\n<figcaption><strong>X.</strong> About X.</figcaption>\n</figure>');
    expect(page).not.toMatch(/<script|<link|<img|https?:|src=/i);
  });
});
