/** A log function: one progress line per call. */
export type Log = (line: string) => void;
