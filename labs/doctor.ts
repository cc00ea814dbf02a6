import { runDoctorChecks, labCanRun, renderDoctorReport } from "./lib/doctorChecks";
import { exitWithError } from "./lib/labError";

async function main(): Promise<void> {
  console.log("doctor: checking what the lab needs (the accelerator probe boots a tiny guest: up to a minute)");
  const checks = await runDoctorChecks((line) => console.log(`doctor: ${line}`));
  console.log(`\n${renderDoctorReport(checks)}\n`);
  if (!labCanRun(checks)) {
    console.error("doctor: the lab cannot run until the failed checks above are fixed.");
    process.exit(1);
  }
  console.log("doctor: the lab can run.");
}

main().catch(exitWithError);
