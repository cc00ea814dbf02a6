import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { exitWithError } from "./lib/labError";
import { resultsDir } from "./lib/measure/runMeasurement";
import { comparisonSummary, generateComparison, generateReport, reportSummary } from "./lib/report/writeReport";

/**
 * `npm run report [-- RUN_A [RUN_B]]`: writes results/report.md, .html and .csv from the latest run of each stack (or
 * the given runs). `npm run report -- --compare RUN_A RUN_B`: writes results/compare-A-vs-B.md and .html.
 */
function main(): void {
  const { values: { compare }, positionals: runs } = parseArguments("report");
  const locations = { resultsDir, outputDir: resultsDir, baseDir: process.env.INIT_CWD ?? process.cwd() };
  if (compare) {
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
