import { echo } from "zx";
import { archiveAction, exportedLine, importedLine } from "./lib/archive/manifest";
import { parseArguments } from "./lib/arguments";
import { bootstrapLab, stepLogger } from "./lib/bootstrapLab";
import { exitWithError } from "./lib/labError";
import { pulumiCli } from "./lib/labEnv";
import { exportToolchain, importToolchain } from "./lib/toolchainArchive";

/**
 * `npm run bootstrap`: host packages, daemons and the pinned Pulumi toolchain, each only when missing.
 * `-- --export FILE` packs the built toolchain into FILE; `-- --import FILE` installs it from there first (checked),
 * then bootstraps as usual, which then finds the toolchain installed.
 */
async function main(): Promise<void> {
  const action = archiveAction("toolchain", parseArguments("bootstrap").values);
  const log = stepLogger("bootstrap");
  if (action?.mode === "export") return echo(exportedLine(await exportToolchain(action.file, log)));
  const imported = action?.mode === "import" ? await importToolchain(action.file, log) : undefined;
  await bootstrapLab(log);
  echo(`bootstrap: done: ${pulumiCli} and the daemons are ready; \`npm run doctor\` shows the details`);
  if (imported) echo(importedLine(imported));
}

main().catch(exitWithError);
