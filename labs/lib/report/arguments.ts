/** The command line of `npm run report`. */
import { LabError } from "../../../model/labError";

/** What `npm run report` was asked to do. */
export type ReportCommand =
  /** Write the report from the latest run of each stack, or from the given runs (at most two, one per stack). */
  | { kind: "report"; runs: string[] }
  /** Write the change of every figure from the first run to the second. */
  | { kind: "compare"; runs: [string, string] };

/** How to call it, for error messages. */
export const reportUsage = "`npm run report`, `npm run report -- RUN_A [RUN_B]` or `npm run report -- --compare RUN_A RUN_B` (a run: its results file or its run id)";

/** `[RUN_A [RUN_B]]` or `--compare RUN_A RUN_B` (the option may come anywhere) → the command, or a LabError. */
export function parseReportArguments(argv: readonly string[]): ReportCommand {
  const unknown = argv.find((argument) => argument.startsWith("-") && argument !== "--compare");
  if (unknown !== undefined) throw new LabError(`Unknown option "${unknown}".`, `call it as ${reportUsage}.`);
  const compare = argv.includes("--compare");
  const runs = argv.filter((argument) => argument !== "--compare");
  if (compare) {
    if (argv.filter((argument) => argument === "--compare").length > 1 || runs.length !== 2) {
      throw new LabError(`--compare needs exactly two runs, got ${runs.length}.`, "call it as `npm run report -- --compare RUN_A RUN_B`.");
    }
    return { kind: "compare", runs: [runs[0], runs[1]] };
  }
  if (runs.length > 2) throw new LabError(`A report shows at most two runs (one per stack), got ${runs.length}.`, `call it as ${reportUsage}.`);
  return { kind: "report", runs };
}
