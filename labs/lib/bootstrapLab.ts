import * as fs from "node:fs";
import { dockerDaemon, ensureDaemon, libvirtDaemon } from "./daemons";
import { ensureHostPackages } from "./hostPackages";
import { ensureLibvirtHostState } from "./hostPrerequisites";
import { labPaths } from "./labEnv";
import { appendRunLog } from "./runLog";
import { ensurePulumiToolchain } from "./toolchain";

/** Everything `npm run bootstrap` makes sure of; each step is idempotent and quick when already done. */
export async function bootstrapLab(log: (line: string) => void): Promise<void> {
  await ensureHostPackages(log);
  await ensureDaemon(dockerDaemon, log);
  await ensureDaemon(libvirtDaemon, log);
  ensureLibvirtHostState(log);
  await ensurePulumiToolchain(log);
  fs.mkdirSync(labPaths.pulumiBackend, { recursive: true });
  log(`pulumi state: local file backend in ${labPaths.pulumiBackend}`);
}

/** A log function that prefixes each line with the step name and the seconds since it was made; lines go to the run log too. */
export function stepLogger(step: string): (line: string) => void {
  const started = Date.now();
  return (line) => {
    const stamped = `[${step} ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`;
    console.log(stamped);
    appendRunLog(stamped);
  };
}
