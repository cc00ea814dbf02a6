/** Making the report files: read the runs, build the document, write Markdown, HTML and CSV, summarize for the terminal. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { MeasurementResults } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";
import { renderTable } from "../table";
import { comparisonBlocks, comparisonCells, comparisonHeader, comparisonTables, emptyTableNote, runDescription, type ComparisonTable } from "./compare";
import type { ReportBlock } from "./document";
import { acceleratorLabel, formatBytes, formatDuration, kindLabel } from "./format";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";
import { trustNotices } from "./header";
import { measuredInstances, missingStacks, reportStacks, profileOf, vmProfileRuns, type ReportInput } from "./reportInput";
import { reportCsvRows } from "./reportCsv";
import { formatCsv } from "../measure/results";
import { reportBlocks } from "./reportDocument";
import { reportInputFor, resolveRun } from "./runs";
import { evaluateClaims, type LedgerInput, type LedgerRow } from "./verdicts";

/** Where runs are read from and files written to, and how run paths on the command line are resolved. */
export interface ReportLocations {
  /** Folder holding `<stack>/<run-id>.json`. */
  resultsDir: string;
  /** Folder the report files go to. */
  outputDir: string;
  /** Folder relative run paths are resolved from (the caller's working directory). */
  baseDir?: string;
  /** The time the report names as its making; now when absent. */
  generatedAt?: Date;
}

/** A Markdown and an HTML file written side by side. */
export interface WrittenFiles {
  /** Path of the .md file. */
  markdownFile: string;
  /** Path of the .html file. */
  htmlFile: string;
}

/** The report written, and what it was made from. */
export interface WrittenReport extends WrittenFiles {
  /** Path of report.csv: the figures and floors of every run shown. */
  csvFile: string;
  /** The runs shown. */
  input: ReportInput;
  /** The claims ledger shown. */
  ledger: LedgerRow[];
}

/** The comparison written, and its figures. */
export interface WrittenComparison extends WrittenFiles {
  /** Run A and run B. */
  runs: [MeasurementResults, MeasurementResults];
  /** Its tables of compared figures. */
  tables: ComparisonTable[];
}

/** Writes `<outputDir>/<baseName>.md` and `.html` from the same blocks. */
export function writeDocument(outputDir: string, baseName: string, title: string, blocks: readonly ReportBlock[]): WrittenFiles {
  fs.mkdirSync(outputDir, { recursive: true });
  const markdownFile = path.join(outputDir, `${baseName}.md`);
  const htmlFile = path.join(outputDir, `${baseName}.html`);
  fs.writeFileSync(markdownFile, renderMarkdown(blocks, path.basename(htmlFile)));
  fs.writeFileSync(htmlFile, renderHtml(title, blocks));
  return { markdownFile, htmlFile };
}

/** The ledger's input: the chosen run of each stack and the latest libvirt run of each VM boot profile. */
export function ledgerInputOf(input: ReportInput): LedgerInput {
  const vmProfiles = Object.fromEntries(vmProfileRuns(input).map((located) => [profileOf(located.results), located.results]));
  return { docker: input.docker?.results, libvirt: input.libvirt?.results, vmProfiles, bench: input.bench, density: input.density };
}

/** Writes `<outputDir>/report.md`, `report.html` and `report.csv` from the given runs (ids or paths), other stacks' latest runs filling in. */
export function generateReport(locations: ReportLocations, runs: readonly string[] = []): WrittenReport {
  const input = reportInputFor(locations.resultsDir, runs, locations.baseDir);
  const ledger = evaluateClaims(ledgerInputOf(input));
  const blocks = reportBlocks(input, ledger, { generatedAt: locations.generatedAt ?? new Date(), resultsDir: locations.resultsDir, outputDir: locations.outputDir });
  const written = writeDocument(locations.outputDir, "report", "VM vs container: measured report", blocks);
  const csvFile = path.join(locations.outputDir, "report.csv");
  fs.writeFileSync(csvFile, formatCsv(reportCsvRows(input)));
  return { ...written, csvFile, input, ledger };
}

/** Writes `<outputDir>/compare-<A>-vs-<B>.md` and `.html`: the change of every figure, boot phase and floor from run A to run B. */
export function generateComparison(locations: ReportLocations, runs: readonly [string, string]): WrittenComparison {
  const a = resolveRun(locations.resultsDir, runs[0], locations.baseDir);
  const b = resolveRun(locations.resultsDir, runs[1], locations.baseDir);
  const blocks = comparisonBlocks(a, b, { generatedAt: locations.generatedAt ?? new Date(), outputDir: locations.outputDir });
  const baseName = `compare-${a.results.runId}-vs-${b.results.runId}`;
  return { ...writeDocument(locations.outputDir, baseName, `Comparison ${a.results.runId} vs ${b.results.runId}`, blocks), runs: [a.results, b.results], tables: comparisonTables(a.results, b.results) };
}

/** Verdicts counted: "2 supported, 1 contradicted, 11 not measured" (verdicts in the order first met). */
export function verdictCounts(ledger: readonly LedgerRow[]): string {
  const counts = new Map<string, number>();
  for (const row of ledger) counts.set(row.verdict, (counts.get(row.verdict) ?? 0) + 1);
  return [...counts].map(([verdict, count]) => `${count} ${verdict}`).join(", ");
}

/** What the terminal shows after the report is written: the files, one line per instance, missing stacks, verdicts. */
export function reportSummary(written: WrittenReport): string {
  const table = renderTable(
    ["app", "platform", "stack", "accelerator", "boot median", "boot CV", "host memory", "disk own"],
    measuredInstances(written.input).map(({ results, instance }) => {
      const boot = summarize(instance.boot.samplesMs);
      return [
        instance.app,
        kindLabel(instance.kind),
        results.stack,
        acceleratorLabel(results.host.accelerator),
        formatDuration(boot.median),
        `${(boot.cv * 100).toFixed(0)} %`,
        formatBytes(instance.memory.hostBytes),
        formatBytes(instance.disk.allocatedBytes),
      ];
    }),
  );
  const missing = missingStacks(written.input).map((stack) => `${stack}: no results yet; get them with \`npm run up -- ${stack}\` and \`npm run measure -- ${stack}\``);
  const notices = trustNotices(written.input).map((notice) => `note: ${notice}`);
  const floors = reportStacks.flatMap((stack) => {
    const measured = written.input[stack]?.results.floors;
    const median = (samplesMs: readonly number[]) => formatDuration(summarize(samplesMs).median);
    return [
      ...(measured?.engineCli ? [`floor (${stack}): a no-op container takes ${median(measured.engineCli.samplesMs)} through the CLI${measured.engineApi ? `, ${median(measured.engineApi.samplesMs)} through the Engine API` : ""}`] : []),
      ...(measured?.vmKernel ? [`floor (${stack}): the lab's kernel takes ${median(measured.vmKernel.samplesMs)} to a one-line init`] : []),
    ];
  });
  return [table, "", ...floors, ...notices, ...missing, `claims: ${verdictCounts(written.ledger)}`, `report: ${written.markdownFile}`, `        ${written.htmlFile}`, `        ${written.csvFile}`].join("\n");
}

/** What the terminal shows after a comparison is written: the runs, each table of changes (or why it is empty), the files. */
export function comparisonSummary(written: WrittenComparison): string {
  const [a, b] = written.runs;
  const tables = written.tables.map((table) => emptyTableNote(table) ?? renderTable(comparisonHeader(table.rowsAre), table.figures.map(comparisonCells)));
  return [`A = ${runDescription(a)}`, `B = ${runDescription(b)}`, "", ...tables.flatMap((table) => [table, ""]), `comparison: ${written.markdownFile}`, `            ${written.htmlFile}`].join("\n");
}
