import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { exitWithError, LabError } from "./lib/labError";
import { pulumiCli, pulumiEnv, repoRoot } from "./lib/labEnv";

/** `npm run pulumi -- ARGS`: the pinned CLI with the lab's backend, passphrase and no-download settings. */
function main(): void {
  if (!fs.existsSync(pulumiCli)) {
    throw new LabError(`The Pulumi CLI is not installed at ${pulumiCli}.`, "run `npm run bootstrap` (it builds and installs the pinned toolchain), then try again.");
  }
  const child = spawn(pulumiCli, process.argv.slice(2), { cwd: repoRoot, env: pulumiEnv(), stdio: "inherit" });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}

try {
  main();
} catch (error) {
  exitWithError(error);
}
