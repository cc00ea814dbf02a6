import * as fs from "node:fs";
import * as path from "node:path";

/** Directory of the outputs recorded on the lab host (and the few hand-written ones, named so). */
export const fixtureDir = path.join(__dirname, "..", "..", "fixtures", "measure");

/** Text of one recorded fixture. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(fixtureDir, name), "utf8");
}
