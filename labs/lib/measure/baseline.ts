import * as path from "node:path";
import { readJsonFile, writeJsonFile } from "../jsonFile";
import { labPaths } from "../labEnv";
import { dockerRoot } from "./containerMeasure";
import { allocatedBytesOf } from "./diskUsage";

/** The engine's storage before a stack was deployed, so a measurement can cross-check what the stack added. */
export interface StorageBaseline {
  storageDir: string;
  storageBytes: number;
  recordedAt: string;
}

const baselineFile = (stack: string) => path.join(labPaths.state, "baselines", `${stack}.json`);

/** Records Docker's storage folder before a docker stack is deployed; VMs live in a pool the stack itself makes. */
export async function recordStorageBaseline(stack: string): Promise<void> {
  if (stack !== "docker") return;
  const baseline: StorageBaseline = { storageDir: dockerRoot, storageBytes: await allocatedBytesOf([dockerRoot]), recordedAt: new Date().toISOString() };
  writeJsonFile(baselineFile(stack), baseline);
}

export function readStorageBaseline(stack: string): StorageBaseline | undefined {
  return readJsonFile<StorageBaseline>(baselineFile(stack));
}
