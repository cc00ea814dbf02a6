/** One table of how every measured instance is confined on the host: its user, its capabilities and the rest. */
import type { Confinement } from "../measure/resultsSchema";
import type { ReportBlock, TableCell } from "./document";
import { acceleratorLabel, kindLabel } from "./format";
import { measuredInstances, measurementCaption, type ReportInput } from "./reportInput";

/** The effective capabilities, or "none". */
export function capabilitiesText(confinement: Confinement): string {
  return confinement.capabilities.length === 0 ? "none" : confinement.capabilities.join(", ");
}

function pidsLimitText(pidsLimit: number | null): string {
  return pidsLimit === null ? "no pids limit" : `at most ${pidsLimit} tasks`;
}

/** Everything but user and capabilities, in one cell: kernel, privileges, root file system, pids limit, seccomp. */
export function confinementText(confinement: Confinement): string {
  return [
    confinement.kernel === "host" ? "host's kernel" : `own kernel under ${acceleratorLabel(confinement.accelerator)}`,
    confinement.noNewPrivileges ? "no-new-privileges" : "may gain privileges on exec",
    ...(confinement.readOnlyRootFs === undefined ? [] : [confinement.readOnlyRootFs ? "read-only root" : "writable root"]),
    ...(confinement.pidsLimit === undefined ? [] : [pidsLimitText(confinement.pidsLimit)]),
    `seccomp ${confinement.seccomp}`,
  ].join("; ");
}

function confinementRow(label: string, confinement: Confinement | undefined): TableCell[] {
  if (!confinement) return [label, "not recorded in this run", "—", "—", "—"];
  return [label, confinement.process, confinement.user, capabilitiesText(confinement), confinementText(confinement)];
}

/** The section: a heading, what the table shows and one row per measured instance. */
export function confinementBlocks(input: ReportInput): ReportBlock[] {
  return [
    { kind: "heading", level: 2, text: "Confinement" },
    {
      kind: "paragraph",
      text: "Who each instance runs as on the host and what confines it, read from the host's `/proc` of the process that holds it: the container's main process, or the VM's QEMU process. A container's app runs on the host's kernel; a VM's app runs on its own kernel, and the host sees only QEMU.",
    },
    {
      kind: "table",
      id: "confinement",
      caption: `Confinement of each instance · ${measurementCaption(input)}`,
      header: ["instance", "host process", "user", "capabilities", "confinement"],
      rows: measuredInstances(input).map(({ results, instance }) =>
        confinementRow(`${instance.app} · ${kindLabel(instance.kind)} (${results.stack})`, instance.confinement),
      ),
    },
  ];
}
