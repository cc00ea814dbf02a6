import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { appNames } from "../../../model/catalog/apps";
import { bootProfiles } from "../../../model/bootProfile";
import { newestRunFile, writeRunFile } from "../jsonFile";
import { stackFolder } from "../measure/results";
import { hostFactsSchema } from "../measure/resultsSchema";

/**
 * The results of one overhead benchmark run of one stack (claims C09, C10): `results/bench/<stack>/<run-id>.json`.
 * The host runs every workload in the same run as the instances, so each instance's figure has its own host reference.
 */

const text = z.string().regex(/\S/, "expected a non-empty string");
const rates = z.array(z.number().nonnegative()).min(1).describe("one rate per run, in the workload's unit");

export const benchResultsSchema = z.object({
  schemaVersion: z.literal(1),
  runId: text,
  stack: z.string().regex(/^[A-Za-z0-9._-]+$/).describe("the Pulumi stack benchmarked"),
  profile: z.enum(bootProfiles),
  startedAt: z.iso.datetime({ offset: true }),
  host: hostFactsSchema.describe("the host, and the accelerator the stack's instances ran under"),
  sysbench: z.object({ host: text, instances: z.record(z.string(), text) }).describe("`sysbench --version` on the host and in each instance"),
  workloads: z.array(
    z.object({
      workload: z.enum(["cpu", "memory", "disk-random-4k", "disk-sequential-read", "disk-sequential-write"]),
      unit: text,
      method: text,
      host: z.object({ where: text, samples: rates }),
      instances: z.array(z.object({ app: z.enum(appNames), kind: z.enum(["vm", "container"]), where: text, samples: rates })),
    }),
  ),
  requestPath: z.object({
    url: text,
    method: text,
    samples: z.array(z.object({
      requests: z.number().int().nonnegative(),
      errors: z.number().int().nonnegative(),
      requestsPerSecond: z.number().nonnegative(),
      p50Ms: z.number().nonnegative(),
      p99Ms: z.number().nonnegative(),
    })).min(1),
  }),
});

export type BenchResults = z.infer<typeof benchResultsSchema>;

/** Where a stack's bench results lie under the results folder: bench/<platform> (see stackFolder). */
export function benchDir(resultsDir: string, stack: string): string {
  return path.join(resultsDir, "bench", stack);
}

/** Validates and writes bench results beside earlier runs (never over one); returns the file. */
export function writeBenchResults(resultsDir: string, results: BenchResults): string {
  const checked = benchResultsSchema.parse(results);
  return writeRunFile(benchDir(resultsDir, stackFolder(checked.stack)), checked.runId, checked);
}

/** The newest bench results of a stack, or undefined when it has none. */
export function latestBenchResults(resultsDir: string, stack: string): BenchResults | undefined {
  const file = newestRunFile(benchDir(resultsDir, stack));
  return file === undefined ? undefined : benchResultsSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}
