/** One line of `du -B1 [--apparent-size] PATH…`. */
export interface DuEntry {
  /** Bytes: allocated blocks, or with --apparent-size the file length. */
  bytes: number;
  /** The path as du printed it. */
  path: string;
}

/** Parses `du -B1` output (`BYTES<TAB>PATH` per line; the path may itself contain tabs). */
export function parseDu(text: string): DuEntry[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const match = /^(\d+)\t(.+)$/.exec(line);
      if (!match) throw new Error(`du: unexpected line ${JSON.stringify(line)}; run du with -B1`);
      return { bytes: Number(match[1]), path: match[2] };
    });
}
