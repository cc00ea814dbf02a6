import type { EngineEvent } from "@pulumi/pulumi/automation";
import { resourceLabel } from "./measure/provisioning";

const doneWords: Record<string, string> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  replace: "replaced",
  "create-replacement": "created (replacement)",
  "delete-replaced": "deleted (replaced)",
  refresh: "refreshed",
};

/**
 * One terminal line per resource the engine changes ("created docker:index/container:Container apps-db in 1.2 s"),
 * so a run shows its progress while the engine's full output goes to the run log.
 */
export function engineProgress(log: (line: string) => void): (event: EngineEvent) => void {
  const startedAt = new Map<string, number>();
  return (event) => {
    const pre = event.resourcePreEvent;
    if (pre && !pre.planning && doneWords[pre.metadata.op] !== undefined) startedAt.set(`${pre.metadata.op} ${pre.metadata.urn}`, performance.now());
    const done = event.resOutputsEvent;
    if (done && !done.planning && doneWords[done.metadata.op] !== undefined && !done.metadata.type.startsWith("pulumi:")) {
      const started = startedAt.get(`${done.metadata.op} ${done.metadata.urn}`);
      const took = started === undefined ? "" : ` in ${((performance.now() - started) / 1000).toFixed(1)} s`;
      log(`${doneWords[done.metadata.op]} ${resourceLabel(done.metadata.urn)}${took}`);
    }
    const failed = event.resOpFailedEvent;
    if (failed) log(`FAILED to ${failed.metadata.op} ${resourceLabel(failed.metadata.urn)}`);
  };
}
