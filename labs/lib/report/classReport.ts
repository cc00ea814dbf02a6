/** `npm run report -- --class`: everyone's latest runs into results/class.md, .html and .csv, and a terminal summary. */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderTable } from "../table";
import { classCsv } from "./classCsv";
import { classBlocks, flaggedLines, spreadHeader, spreadRow } from "./classDocument";
import { classGroups, type ClassGroup } from "./classFigures";
import { participantsDir } from "../measure/results";
import { classInputFor, type ClassInput } from "./classRuns";
import { writeDocument, type ReportLocations, type WrittenFiles } from "./writeReport";

/** The class report written, and what it was made from. */
export interface WrittenClassReport extends WrittenFiles {
  /** Path of class.csv. */
  csvFile: string;
  input: ClassInput;
  groups: ClassGroup[];
}

/** Writes `<outputDir>/class.md`, `class.html` and `class.csv` from the latest runs of every participant under `<resultsDir>/participants/`. */
export function generateClassReport(locations: Omit<ReportLocations, "baseDir">): WrittenClassReport {
  const input = classInputFor(locations.resultsDir);
  const groups = classGroups(input.members);
  const blocks = classBlocks(input, groups, { generatedAt: locations.generatedAt ?? new Date(), participantsDir: participantsDir(locations.resultsDir), outputDir: locations.outputDir });
  const written = writeDocument(locations.outputDir, "class", "VM vs container: class report", blocks);
  const csvFile = path.join(locations.outputDir, "class.csv");
  fs.writeFileSync(csvFile, classCsv(groups));
  return { ...written, csvFile, input, groups };
}

/** What the terminal shows: the class's spread per app and platform, notices, who is flagged and why, the files. */
export function classSummary(written: WrittenClassReport): string {
  const members = written.input.members.map((member) => member.name).join(", ");
  return [
    `class: ${members}`,
    "",
    renderTable(spreadHeader, written.groups.map(spreadRow)),
    "",
    ...written.input.notices.map((notice) => `note: ${notice}`),
    ...flaggedLines(written.groups).map((line) => `flagged: ${line}`),
    `class report: ${written.markdownFile}`,
    `              ${written.htmlFile}`,
    `              ${written.csvFile}`,
  ].join("\n");
}
