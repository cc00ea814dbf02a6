/**
 * The report's figures for a spreadsheet, report.csv: for every run the report shows, the rows of the measuring
 * step's CSV (each instance's figures, then each boot floor, every row naming its run and boot profile).
 */
import { toCsvRows, type CsvRow } from "../measure/results";
import { reportRuns, type ReportInput } from "./reportInput";

/** The rows of every run the report shows: the docker run, then the libvirt run of each VM boot profile. */
export function reportCsvRows(input: ReportInput): CsvRow[] {
  return reportRuns(input).flatMap(toCsvRows);
}
