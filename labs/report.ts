import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { exitWithError } from "./lib/labError";
import { resultsDirOf } from "./lib/measure/runMeasurement";
import { checkParticipant } from "../model/participants";
import { classSummary, generateClassReport } from "./lib/report/classReport";
import { comparisonSummary, generateComparison, generateReport, reportSummary } from "./lib/report/writeReport";

/**
 * `npm run report [-- RUN_A [RUN_B]]`: writes results/report.md, .html and .csv from the latest run of each stack (or
 * the given runs). `npm run report -- --compare RUN_A RUN_B`: writes results/compare-A-vs-B.md and .html. With
 * `--as NAME`, the same from and into participant NAME's results folder. `npm run report -- --class`: writes
 * results/class.md, .html and .csv from every participant's latest runs.
 */
function main(): void {
  const { values: { compare, class: wholeClass, as: participant }, positionals: runs } = parseArguments("report");
  const folder = resultsDirOf(participant === undefined ? undefined : checkParticipant(participant));
  const locations = { resultsDir: folder, outputDir: folder, baseDir: process.env.INIT_CWD ?? process.cwd() };
  if (wholeClass) {
    echo(`\n${classSummary(generateClassReport(locations))}\n`);
  } else if (compare) {
    echo(`\n${comparisonSummary(generateComparison(locations, [runs[0], runs[1]]))}\n`);
  } else {
    echo(`\n${reportSummary(generateReport(locations, runs))}\n`);
  }
}

try {
  main();
} catch (error) {
  exitWithError(error);
}
