import { echo } from "zx";
import { parseArguments } from "./lib/arguments";
import { runDoctorChecks, labCanRun, renderDoctorReport } from "./lib/doctorChecks";
import { exitWithError } from "./lib/labError";

/** `npm run doctor`: what the lab needs, found or not, with the fix for each; exits 1 when the lab cannot run. */
async function main(): Promise<void> {
  parseArguments("doctor");
  echo("doctor: checking what the lab needs (the accelerator probe boots a tiny guest: up to a minute)");
  const checks = await runDoctorChecks((line) => echo(`doctor: ${line}`));
  echo(`\n${renderDoctorReport(checks)}\n`);
  if (!labCanRun(checks)) {
    console.error("doctor: the lab cannot run until the failed checks above are fixed.");
    process.exit(1);
  }
  echo("doctor: the lab can run.");
}

main().catch(exitWithError);
