/** A report section with one table row per measured instance, app by app: the shape the confinement and isolation tables share. */
import type { InstanceResult } from "../measure/resultsSchema";
import type { ReportBlock, TableCell } from "./document";
import { kindLabel } from "./format";
import { measuredInstances, measurementCaption, type ReportInput } from "./reportInput";

export interface InstanceSection {
  heading: string;
  text: string;
  tableId: string;
  /** The caption before the runs' accelerators and host. */
  caption: string;
  header: string[];
  /** The row of one instance, its first cell `label` ("web · container (docker)"). */
  row: (label: string, instance: InstanceResult) => TableCell[];
}

export function instanceSectionBlocks(input: ReportInput, section: InstanceSection): ReportBlock[] {
  return [
    { kind: "heading", level: 2, text: section.heading },
    { kind: "paragraph", text: section.text },
    {
      kind: "table",
      id: section.tableId,
      caption: `${section.caption} · ${measurementCaption(input)}`,
      header: section.header,
      rows: measuredInstances(input).map(({ results, instance }) => section.row(`${instance.app} · ${kindLabel(instance.kind)} (${results.stack})`, instance)),
    },
  ];
}
