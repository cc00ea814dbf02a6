import type { LabConfig } from "../../model/labConfig";
import { labWorkspace, stackExists } from "./automation";
import { repoRoot } from "./labEnv";
import { markedObjects, type LeftoverKind } from "./leftovers";
import { pulumiLocks } from "./stackRecovery";

export type StackLeftoverKind = LeftoverKind | "stack state" | "pulumi lock";

/** Something of a stack left after it went down. */
export interface StackLeftover {
  kind: StackLeftoverKind;
  /** The engine's name of the object, the stack's name, or the lock file. */
  name: string;
}

/** What a stack can leave behind after `down`: objects on the engines marked as its own, its Pulumi state, Pulumi's locks. */
export async function stackLeftovers(stack: string, settings: LabConfig): Promise<StackLeftover[]> {
  const workspace = await labWorkspace(repoRoot);
  return [
    ...(await markedObjects(settings, stack)),
    ...((await stackExists(workspace, stack)) ? [{ kind: "stack state" as const, name: stack }] : []),
    ...pulumiLocks(stack).map((lock) => ({ kind: "pulumi lock" as const, name: lock.file })),
  ];
}
