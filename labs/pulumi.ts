import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { platformNames } from "../model/labConfig";
import { labStack } from "./lib/automation";
import { LabError } from "../model/labError";
import { exitWithError } from "./lib/labError";
import { pulumiCli, pulumiEnv, repoRoot } from "./lib/labEnv";

/** The stack a Pulumi command line names with -s/--stack, if any. */
function stackArgument(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === "-s" || args[index] === "--stack") return args[index + 1];
    if (args[index].startsWith("--stack=")) return args[index].slice("--stack=".length);
  }
  return undefined;
}

/**
 * `npm run pulumi -- ARGS`: the pinned CLI with the lab's backend, passphrase and no-download settings. `down` removes
 * a stack's state, so for `config` on a lab stack the stack is opened first: the fix commands the lab prints
 * (`npm run pulumi -- config set -s docker …`) work whether the stack is deployed or not.
 */
async function main(): Promise<void> {
  if (!fs.existsSync(pulumiCli)) {
    throw new LabError(`The Pulumi CLI is not installed at ${pulumiCli}.`, "run `npm run bootstrap` (it builds and installs the pinned toolchain), then try again.");
  }
  const args = process.argv.slice(2);
  const stackName = stackArgument(args);
  if (args[0] === "config" && stackName !== undefined && (platformNames as readonly string[]).includes(stackName)) await labStack(repoRoot, stackName);
  const child = spawn(pulumiCli, args, { cwd: repoRoot, env: pulumiEnv(), stdio: "inherit" });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}

main().catch(exitWithError);
