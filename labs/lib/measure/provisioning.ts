import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { readJsonFile, writeJsonFile } from "../jsonFile";
import { labPaths } from "../labEnv";
import type { Provisioning } from "./resultsSchema";

/** Where the last `npm run up` from an empty stack recorded how long making the stack took. */
const provisioningFile = (stack: string) => path.join(labPaths.state, "provisioning", `${stack}.json`);

/** Times resources from the engine's event stream, as the events arrive. */
export class ResourceTimer {
  private readonly startedAt = new Map<string, number>();
  readonly durationsMs: Record<string, number> = {};

  onEvent = (event: EngineEvent): void => {
    const pre = event.resourcePreEvent?.metadata;
    if (pre && pre.op === "create") this.startedAt.set(pre.urn, performance.now());
    const done = event.resOutputsEvent?.metadata;
    const started = done ? this.startedAt.get(done.urn) : undefined;
    if (done && started !== undefined) this.durationsMs[resourceLabel(done.urn)] = performance.now() - started;
  };
}

/** "urn:pulumi:docker::vm-container-lab::…$pulumi-nodejs:dynamic/docker:Container::apps-db" → "docker:Container apps-db". */
export function resourceLabel(urn: string): string {
  const [typePath, name] = urn.split("::").slice(-2);
  const type = typePath.split("$").pop() ?? typePath;
  return `${type.replace(/^pulumi-nodejs:dynamic\//, "")} ${name}`;
}

export function recordProvisioning(stack: string, provisioning: Omit<Provisioning, "recordedAt" | "method">): void {
  const record: Provisioning = {
    ...provisioning,
    method: "`pulumi up` of the stack from nothing (wall clock, lab's Automation API), then each app's catalog ready check polled every 100 ms",
    recordedAt: new Date().toISOString(),
  };
  writeJsonFile(provisioningFile(stack), record);
}

export function readProvisioning(stack: string): Provisioning | undefined {
  return readJsonFile<Provisioning>(provisioningFile(stack));
}
