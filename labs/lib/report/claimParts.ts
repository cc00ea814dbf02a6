/** How a claim's verdict follows from its checkable parts: shared by every rule of the ledger. */

export type Verdict = "supported" | "partly supported" | "contradicted" | "not measured";

/** One checkable half of a claim ("VMs take minutes"), and whether the figures bear it out; undefined: not measured. */
export interface ClaimPart {
  statement: string;
  holds: boolean | undefined;
}

/** All measured parts hold: supported; some: partly; none: contradicted; nothing measured: not measured. */
export function combineParts(parts: readonly ClaimPart[]): Verdict {
  const measured = parts.filter((part) => part.holds !== undefined);
  if (measured.length === 0) return "not measured";
  const holding = measured.filter((part) => part.holds).length;
  if (holding === measured.length && measured.length === parts.length) return "supported";
  if (holding === 0) return "contradicted";
  return "partly supported";
}

/** "statement: holds; statement: does not hold" — the rule as the ledger prints it. */
export function describeParts(parts: readonly ClaimPart[]): string {
  return parts.map((part) => `${part.statement}: ${part.holds === undefined ? "not measured" : part.holds ? "holds" : "does not hold"}`).join("; ");
}
