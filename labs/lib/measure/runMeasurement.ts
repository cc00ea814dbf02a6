import * as fs from "node:fs";
import * as path from "node:path";
import type { AppInstance, ExecutionMode } from "../../../model/deployment";
import type { BootProfile } from "../../../model/bootProfile";
import { Stack } from "@pulumi/pulumi/automation";
import { stackCommand, type StackRef } from "../../../model/participants";
import { labWorkspace, stackExists } from "../automation";
import { stackSettings } from "../preflight";
import { withStacks } from "../stackLock";
import { LabError } from "../../../model/labError";
import { repoRoot } from "../labEnv";
import { renderTable } from "../table";
import { formatBytes } from "../doctorChecks";
import { readStorageBaseline } from "./baseline";
import { measureStack, type DeployedStack } from "./measureStack";
import { openDeployedLabHost } from "../remote/labHostAccess";
import { formatCsv, participantsDir, toCsvRows, writeResults } from "./results";
import type { MeasurementResults } from "./resultsSchema";
import { summarize } from "./stats";

export const resultsDir = path.join(repoRoot, "results");

/** A participant's results folder, laid out as results/ is: results/participants/NAME/docker/RUN.json, its report, … */
export function resultsDirOf(participant: string | undefined): string {
  return participant === undefined ? resultsDir : path.join(participantsDir(resultsDir), participant);
}

/** Reads a stack's outputs and config; says how to deploy it when it is not up, and creates no stack state. */
export async function deployedStack(stackName: string): Promise<DeployedStack> {
  const workspace = await labWorkspace(repoRoot);
  const notDeployed = new LabError(`Stack ${stackName} is not deployed, so there is nothing to measure.`, `run \`${stackCommand("up", stackName)}\` first.`);
  if (!(await stackExists(workspace, stackName))) throw notDeployed;
  const stack = await Stack.select(stackName, workspace);
  const outputs = await stack.outputs();
  const instances = outputs.instances?.value as AppInstance[] | undefined;
  if (!instances || instances.length === 0) throw notDeployed;
  const settings = await stackSettings(stack, stackName);
  return {
    stack: stackName,
    executionMode: outputs.executionMode.value as ExecutionMode,
    profile: (outputs.profile?.value as BootProfile | undefined) ?? "typical",
    namePrefix: settings.namePrefix,
    instances,
    libvirtUri: settings.platform === "libvirt" ? settings.libvirtUri : undefined,
    dockerHost: settings.platform === "docker" ? settings.dockerHost : undefined,
  };
}

export function renderResultsSummary(results: MeasurementResults): string {
  const mib = (bytes: number) => formatBytes(bytes);
  const agreement = (check: { agrees: boolean } | undefined) => (check === undefined ? "" : check.agrees ? " ✓" : " ≠");
  return renderTable(
    ["stack", "app", "kind", "accel", "boot median (min–max), n", "host memory", "disk own", "image (shared)"],
    results.instances.map((instance) => {
      const boot = summarize(instance.boot.samplesMs);
      return [
        results.stack,
        instance.app,
        instance.kind,
        results.host.accelerator,
        `${boot.median.toFixed(0)} ms (${boot.min.toFixed(0)}–${boot.max.toFixed(0)}), ${boot.count}`,
        `${mib(instance.memory.hostBytes)}${agreement(instance.memory.crossCheck)}`,
        `${mib(instance.disk.allocatedBytes)}${agreement(instance.disk.crossCheck)}`,
        `${mib(instance.disk.imageBytes)} (${mib(instance.disk.sharedBytes)})`,
      ];
    }),
  );
}

/** Measures one deployed stack and writes <results folder>/<platform>/<run-id>.json and .csv (a participant's stack in their own results folder). */
export async function measureAndWrite(stack: StackRef, samples: number, log: (line: string) => void, leaveStopped = false): Promise<{ file: string; results: MeasurementResults }> {
  return withStacks([stack.name], log, async () => {
    const deployed = await deployedStack(stack.name);
    const labHost = await openDeployedLabHost(deployed, stack.name);
    const results = await measureStack({ ...deployed, labHost }, { samples, log, leaveStopped, storageBeforeBytes: readStorageBaseline(stack.name)?.storageBytes }).finally(() => labHost.close());
    const file = writeResults(resultsDirOf(stack.participant), results);
    fs.writeFileSync(file.replace(/\.json$/, ".csv"), formatCsv(toCsvRows(results)));
    return { file, results };
  });
}
