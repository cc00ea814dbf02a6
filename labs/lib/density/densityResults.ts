import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { bootProfiles } from "../../../model/bootProfile";
import { platformNames, type PlatformName } from "../../../model/labConfig";
import { LabError } from "../../../model/labError";
import { newestRunFile, writeRunFile } from "../jsonFile";
import { instanceResultSchema, measurementResultsSchema, runIdFor } from "../measure/resultsSchema";

/**
 * The results of one density run of one stack, as `npm run density` writes them and the report reads them:
 * `results/density/<stack>/<run-id>.json`. Host facts and a copy's memory have the measuring step's own layout.
 */

export const densitySchemaVersion = 1;

const text = z.string().regex(/\S/, "expected a non-empty string");
const bytes = z.number().int().nonnegative().describe("bytes");
const milliseconds = z.number().nonnegative().describe("milliseconds");

export const stopReasons = ["max", "budget", "host-reserve", "boot-timeout"] as const;
export type StopReason = (typeof stopReasons)[number];

const densityStepSchema = z.object({
  copies: z.number().int().positive().describe("copies running after this step (this copy is the newest)"),
  name: text.describe("the new copy's container or domain name"),
  address: z.ipv4().describe("the new copy's address, where its ready check was sent"),
  engineCallMs: milliseconds.describe("duration of the engine's call that started it (docker run, virsh create)"),
  startToReadyMs: milliseconds.describe("from the engine call until Redis answered PING"),
  memory: instanceResultSchema.shape.memory.describe("the new copy's host memory, at rest after ready"),
  copiesHostBytes: z.array(bytes).describe("every running copy's host memory at this step, oldest first (shared pages split among more copies as they come)"),
  totalHostBytes: bytes.describe("the sum of copiesHostBytes"),
  memAvailableBytes: bytes.describe("the host's MemAvailable (/proc/meminfo) after this step"),
});

export const densityResultsSchema = z.object({
  schemaVersion: z.literal(densitySchemaVersion),
  runId: z.string().describe("startedAt made filesystem-safe: the file's name without .json"),
  stack: z.enum(platformNames),
  kind: z.enum(["container", "vm"]),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }),
  host: measurementResultsSchema.shape.host,
  profile: z.enum(bootProfiles).describe("the stack's boot profile, which the copies share"),
  copyOf: z.object({
    app: z.literal("db"),
    instance: text.describe("the stack's instance the copies were made from"),
    memoryLimitBytes: bytes.describe("each copy's memory limit (container) or RAM (VM), as the stack's db has"),
    settings: text.describe("what a copy shares with the stack's db, and what it has of its own"),
  }),
  limits: z.object({
    maxCopies: z.number().int().positive(),
    budgetBytes: bytes.describe("no copy is started once the copies' host memory would pass this"),
    hostReserveBytes: bytes.describe("no copy is started once MemAvailable would fall below this"),
    bootTimeoutMs: milliseconds,
  }),
  stopped: z.object({ reason: z.enum(stopReasons), detail: text }),
  methods: z.object({
    boot: text,
    memory: text,
    memAvailable: text,
  }),
  memAvailableBeforeBytes: bytes.describe("MemAvailable before the first copy"),
  steps: z.array(densityStepSchema).min(1),
});

export type DensityStep = z.infer<typeof densityStepSchema>;
export type DensityResults = z.infer<typeof densityResultsSchema>;

/** What the field types cannot say: the run id, the accelerator of the kind, and each step's running count and sum. */
function consistencyProblems(results: DensityResults): string[] {
  const problems: string[] = [];
  if (results.runId !== runIdFor(results.startedAt)) problems.push(`runId: expected ${runIdFor(results.startedAt)}`);
  const expected = results.kind === "container" ? ["native"] : ["kvm", "tcg"];
  if (!expected.includes(results.host.accelerator)) problems.push(`kind: a ${results.kind} cannot run under host.accelerator ${results.host.accelerator}`);
  results.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    if (step.copies !== index + 1) problems.push(`${at}.copies: expected ${index + 1}, got ${step.copies}`);
    if (step.copiesHostBytes.length !== step.copies) problems.push(`${at}.copiesHostBytes: expected one figure per copy (${step.copies}), got ${step.copiesHostBytes.length}`);
    const sum = step.copiesHostBytes.reduce((total, value) => total + value, 0);
    if (sum !== step.totalHostBytes) problems.push(`${at}.totalHostBytes: is ${step.totalHostBytes}, but the copies' figures sum to ${sum}`);
  });
  return problems;
}

/** The results, or every problem with the path of its field. */
export function parseDensityResults(value: unknown): { results: DensityResults; problems: [] } | { results?: undefined; problems: string[] } {
  const parsed = densityResultsSchema.safeParse(value);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${issue.path.join(".") || "results"}: ${issue.message}`) };
  const problems = consistencyProblems(parsed.data);
  return problems.length > 0 ? { problems } : { results: parsed.data, problems: [] };
}

/** Folder of a results folder's density runs: `<resultsDir>/density`. */
export function densityResultsDir(resultsDir: string): string {
  return path.join(resultsDir, "density");
}

/** Validates and writes `<resultsDir>/density/<stack>/<run-id>.json`; returns the file. */
export function writeDensityResults(resultsDir: string, results: DensityResults): string {
  const { problems } = parseDensityResults(results);
  if (problems.length > 0) throw new Error(`refusing to write invalid density results:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  return writeRunFile(path.join(densityResultsDir(resultsDir), results.stack), results.runId, results);
}

/** Reads and validates one density results file; throws naming the file and every problem. */
export function readDensityResults(file: string): DensityResults {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not a readable JSON density results file (${(error as Error).message})`);
  }
  const parsed = parseDensityResults(value);
  if (!parsed.results) throw new Error(`${file} is not a valid density results file:\n${parsed.problems.map((problem) => `  ${problem}`).join("\n")}`);
  return parsed.results;
}

/** The latest density run of each stack that has one. */
export type DensityRuns = Partial<Record<PlatformName, DensityResults>>;

/** The newest density results of each stack under `<resultsDir>/density` (run ids sort by time). */
export function latestDensityRuns(resultsDir: string): DensityRuns {
  const runs: DensityRuns = {};
  for (const stack of platformNames) {
    const stackDir = path.join(densityResultsDir(resultsDir), stack);
    const newest = newestRunFile(stackDir);
    if (newest === undefined) continue;
    try {
      runs[stack] = readDensityResults(newest);
    } catch (error) {
      throw new LabError((error as Error).message, `run \`npm run density -- ${stack}\` again (with the stack up), or move that file out of ${stackDir}.`);
    }
  }
  return runs;
}
