import { echo } from "zx";
import { platformNames } from "../model/labConfig";
import { parseArguments } from "./lib/arguments";
import { overheadRows, requestPathSummary } from "./lib/bench/benchSummary";
import { writeBenchResults } from "./lib/bench/benchSchema";
import { runBench } from "./lib/bench/runBench";
import { stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { deployedStack, resultsDirOf } from "./lib/measure/runMeasurement";
import { resolveStack } from "./lib/participantStacks";
import { startRunLog } from "./lib/runLog";
import { renderTable } from "./lib/table";

/** `npm run bench -- docker|libvirt|all [--samples N] [--as NAME]`: the overhead workloads on the host and in a deployed stack's instances. */
async function main(): Promise<void> {
  const { values: { samples, as: participant }, positionals: [target] } = parseArguments("bench");
  const platforms = target === "all" ? platformNames : [target];
  const stacks = await Promise.all(platforms.map((platform) => resolveStack(platform, participant, "existing", () => undefined)));
  startRunLog(`bench-${stacks.map((stack) => stack.name).join("-")}`);
  for (const stack of stacks) {
    const log = stepLogger(`bench ${stack.name}`);
    const results = await runBench(await deployedStack(stack.name), { samples, log });
    const file = writeBenchResults(resultsDirOf(stack.participant), results);
    const rows = overheadRows(results).map((row) => [
      row.workload, row.app, row.kind, row.accelerator, `${row.hostMedian.toFixed(0)} ${row.unit}`, `${row.instanceMedian.toFixed(0)} (CV ${(row.instanceCv * 100).toFixed(0)} %)`, `${(row.ratioToHost * 100).toFixed(1)} %`,
    ]);
    const path = requestPathSummary(results);
    echo(`\n${renderTable(["workload", "app", "kind", "accel", "host (median)", "instance (median)", "of host"], rows)}\n`);
    echo(`request path web → api → db: ${path.requestsPerSecond.toFixed(0)} requests/s, p50 ${path.p50Ms.toFixed(1)} ms, p99 ${path.p99Ms.toFixed(1)} ms (${path.errors} errors)\nresults: ${file}\n`);
  }
}

main().catch(exitWithError);
