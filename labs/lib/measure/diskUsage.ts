import { checked } from "../shell";
import { localLabHost, type LabHost } from "../labHost";
import { parseDu } from "./duParsers";

/** Allocated bytes (`du -B1`, blocks, not apparent sizes) of the given files and folders together. */
export async function allocatedBytesOf(paths: string[], host: LabHost = localLabHost()): Promise<number> {
  if (paths.length === 0) return 0;
  const entries = parseDu((await checked(host.run(["du", "-s", "-B1", "--total", ...paths], { asRoot: true }))).stdout);
  return entries[entries.length - 1].bytes;
}
