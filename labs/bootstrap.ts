import * as fs from "node:fs";
import { dockerDaemon, ensureDaemon, libvirtDaemon } from "./lib/daemons";
import { ensureHostPackages } from "./lib/hostPackages";
import { exitWithError } from "./lib/labError";
import { labPaths, pulumiCli } from "./lib/labEnv";
import { ensurePulumiToolchain } from "./lib/toolchain";

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[bootstrap ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  await ensureHostPackages(log);
  await ensureDaemon(dockerDaemon, log);
  await ensureDaemon(libvirtDaemon, log);
  await ensurePulumiToolchain(log);
  fs.mkdirSync(labPaths.pulumiBackend, { recursive: true });
  log(`pulumi state: local file backend in ${labPaths.pulumiBackend}`);
  log(`done: ${pulumiCli} and the daemons are ready; \`npm run doctor\` shows the details`);
}

main().catch(exitWithError);
