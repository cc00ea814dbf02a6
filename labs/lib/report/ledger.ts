/** The claims ledger: every popular claim, the figures that answer it and the verdict the rules reached. */
import type { ReportBlock } from "./document";
import type { LedgerRow, Verdict } from "./verdicts";

/** Style class of a verdict cell: "verdict-" and the verdict with dashes, e.g. "verdict-partly-supported". */
export function verdictClass(verdict: Verdict): string {
  return `verdict-${verdict.replace(/ /g, "-")}`;
}

/** Id of the ledger table, and of each claim's row ("claim-C01"). */
export const ledgerTableId = "claims-ledger";

/** The ledger section: one row per claim, the verdict colour-coded. */
export function ledgerBlocks(rows: readonly LedgerRow[], caption: string): ReportBlock[] {
  return [
    { kind: "heading", level: 2, text: "Claims ledger" },
    {
      kind: "table",
      id: ledgerTableId,
      caption: `Claims from the articles and what the measurements say · ${caption}`,
      header: ["claim", "what the articles say", "sources", "figures", "verdict", "holds when", "rule"],
      rows: rows.map((row) => [
        row.claim.id,
        row.claim.claim,
        row.claim.sources.join(", "),
        row.figures.length > 0 ? { items: row.figures } : `none yet (answered by: ${row.claim.answeredBy})`,
        { text: row.verdict, className: verdictClass(row.verdict) },
        row.condition === "" ? "—" : row.condition,
        row.rule,
      ]),
      rowIds: rows.map((row) => `claim-${row.claim.id}`),
    },
  ];
}
