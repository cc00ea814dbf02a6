import { exitWithError } from "./lib/labError";
import { resultsDir } from "./lib/measure/runMeasurement";
import { parseReportArguments } from "./lib/report/arguments";
import { comparisonSummary, generateComparison, generateReport, reportSummary } from "./lib/report/writeReport";

/**
 * `npm run report [-- RUN_A [RUN_B]]`: writes results/report.md and results/report.html from the latest run of each
 * stack (or the given runs). `npm run report -- --compare RUN_A RUN_B`: writes results/compare-A-vs-B.md and .html.
 */
function main(): void {
  const command = parseReportArguments(process.argv.slice(2));
  const locations = { resultsDir, outputDir: resultsDir, baseDir: process.env.INIT_CWD ?? process.cwd() };
  if (command.kind === "compare") {
    console.log(`\n${comparisonSummary(generateComparison(locations, command.runs))}\n`);
  } else {
    console.log(`\n${reportSummary(generateReport(locations, command.runs))}\n`);
  }
}

try {
  main();
} catch (error) {
  exitWithError(error);
}
