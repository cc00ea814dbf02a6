import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { pulumiEnv, pulumiHome } from "./labEnv";
import { removeInterruptedStateWrites } from "./stackRecovery";

/** The lab environment as the string-only map the Automation API wants. */
export function automationEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(pulumiEnv()).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * A workspace on the Pulumi project in workDir, driven by the lab's pinned CLI and local backend; metadata a killed
 * CLI left empty is removed first, or no stack of the backend could be listed.
 */
export async function labWorkspace(workDir: string): Promise<LocalWorkspace> {
  removeInterruptedStateWrites();
  const pulumiCommand = await PulumiCommand.get({ root: pulumiHome });
  return LocalWorkspace.create({ workDir, pulumiCommand, envVars: automationEnv() });
}

export async function labStack(workDir: string, stackName: string): Promise<Stack> {
  return Stack.createOrSelect(stackName, await labWorkspace(workDir));
}

/** Whether the backend holds a stack of that name (selecting it would create none). */
export async function stackExists(workspace: LocalWorkspace, stackName: string): Promise<boolean> {
  return (await workspace.listStacks()).some((summary) => summary.name === stackName);
}
