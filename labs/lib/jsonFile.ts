import * as fs from "node:fs";
import * as path from "node:path";

/** The parsed content of a JSON file the lab wrote, or undefined when it is missing or unreadable. */
export function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Writes JSON through a temporary file and a rename, so a reader never sees half a file. */
export function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/** Writes a run's JSON as `<dir>/<runId>.json` (through writeJsonFile); never over an earlier run. Returns the file. */
export function writeRunFile(dir: string, runId: string, value: unknown): string {
  const file = path.join(dir, `${runId}.json`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists: every run gets its own run id`);
  writeJsonFile(file, value);
  return file;
}

/** The newest run file in `dir` (run ids sort by time), or undefined when it has none. */
export function newestRunFile(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const newest = fs.readdirSync(dir).filter((name) => name.endsWith(".json")).sort().pop();
  return newest === undefined ? undefined : path.join(dir, newest);
}
