/** The boot floors beside the apps' boot figures: what any instance of a platform takes on this host before its app. */
import type { BootFloor } from "../measure/resultsSchema";
import type { ReportBlock } from "./document";
import { bootCell } from "./appTables";
import { measurementCaption, reportStacks, type ReportInput } from "./reportInput";

/** How the report names each floor. */
export const floorNames = { engineCli: "container engine floor, Docker CLI", engineApi: "container engine floor, Engine API", vmKernel: "VM floor, kernel to a one-line init" } as const;

/** A floor as the results name it. */
export type FloorKey = keyof typeof floorNames;

/** The floors a run may have measured, in the order the report shows them. */
export const floorKeys = Object.keys(floorNames) as FloorKey[];

/** One row per floor a run measured: its boot cell, the stack's app boot medians against it, and how it was measured. */
export function floorBlocks(input: ReportInput): ReportBlock[] {
  const rows = reportStacks.flatMap((stack) => {
    const floors = input[stack]?.results.floors;
    if (!floors) return [];
    return floorKeys.flatMap((key) => {
      const floor: BootFloor | undefined = floors[key];
      return floor ? [[floorNames[key], stack, bootCell(floor.samplesMs), floor.method]] : [];
    });
  });
  if (rows.length === 0) return [];
  return [
    { kind: "heading", level: 2, text: "Boot floors" },
    {
      kind: "paragraph",
      text: "Measured in the same run on the same host: a no-op container started and finished, or the lab's kernel booted to a one-line init that reports on the serial console and powers off. An app's boot to ready beyond its floor is the app and its ready check; the floor itself is the platform's machinery.",
    },
    { kind: "table", id: "boot-floors", caption: `Boot floors · ${measurementCaption(input)}`, header: ["floor", "stack", "start → done: median (min – max, CV, n)", "how measured"], rows },
  ];
}
