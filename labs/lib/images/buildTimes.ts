import * as fs from "node:fs";
import { buildTimesFile } from "./paths";
import { writeFileAtomically } from "./workDirs";

/** Seconds each artifact took to build, by cache key, so runs that reuse it can still report its cost. */
type BuildTimes = Record<string, number>;

function readBuildTimes(): BuildTimes {
  return fs.existsSync(buildTimesFile) ? (JSON.parse(fs.readFileSync(buildTimesFile, "utf8")) as BuildTimes) : {};
}

export function recordedBuildSeconds(key: string): number | null {
  return readBuildTimes()[key] ?? null;
}

export function recordBuildSeconds(key: string, seconds: number): void {
  writeFileAtomically(buildTimesFile, `${JSON.stringify({ ...readBuildTimes(), [key]: seconds }, null, 2)}\n`);
}
