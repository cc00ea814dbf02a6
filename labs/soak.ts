import { echo } from "zx";
import { platformNames } from "../model/labConfig";
import { parseArguments } from "./lib/arguments";
import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { ensureImages } from "./lib/images";
import { exitWithError } from "./lib/labError";
import { startRunLog } from "./lib/runLog";
import { renderSoakTable, renderSoakVerdict, runSoak } from "./lib/soak";
import { withStacks } from "./lib/stackLock";

/** `npm run soak -- --cycles N`: up → one boot sample → down of both stacks N times; fails on any leftover or daemon growth. */
async function main(): Promise<void> {
  const { cycles } = parseArguments("soak").values;
  const runLog = startRunLog("soak");
  const log = stepLogger("soak");
  log(`engine output: ${runLog}`);
  const outcome = await withStacks(platformNames, log, async () => {
    await bootstrapLab(log);
    await ensureImages(log);
    return runSoak(cycles, log);
  });
  echo(`\n${renderSoakTable(outcome.cycles)}\n\n${renderSoakVerdict(outcome.verdict)}\n`);
  if (!outcome.verdict.passed) process.exit(1);
}

main().catch(exitWithError);
