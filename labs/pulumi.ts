import * as fs from "node:fs";
import { $ } from "zx";
import { parseStackName } from "../model/participants";
import { LabError } from "../model/labError";
import { parseArguments } from "./lib/arguments";
import { labStack } from "./lib/automation";
import { exitWithError } from "./lib/labError";
import { pulumiCli, pulumiEnv, repoRoot } from "./lib/labEnv";

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
  const { stack } = parseArguments("pulumi", args).values;
  if (args[0] === "config" && stack !== undefined && parseStackName(stack) !== undefined) await labStack(repoRoot, stack);
  // The user's terminal is Pulumi's own: its output, prompts and Ctrl-C pass straight through.
  const pulumi = await $({ stdio: "inherit", nothrow: true, cwd: repoRoot, env: pulumiEnv() })`${pulumiCli} ${args}`;
  process.exit(pulumi.exitCode ?? (pulumi.signal ? 128 : 1));
}

main().catch(exitWithError);
