import { $ } from "zx";
import { checked } from "../shell";
import { parseDu } from "./duParsers";

/** Allocated bytes (`du -B1`, blocks, not apparent sizes) of the given files and folders together. */
export async function allocatedBytesOf(paths: string[]): Promise<number> {
  if (paths.length === 0) return 0;
  const entries = parseDu((await checked($({ quiet: true })`du -s -B1 --total ${paths}`)).stdout);
  return entries[entries.length - 1].bytes;
}
