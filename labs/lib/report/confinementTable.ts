/** The table of how every measured instance is confined on the host (its user, its capabilities and the rest), and the isolation table after it. */
import type { Confinement } from "../measure/resultsSchema";
import type { ReportBlock, TableCell } from "./document";
import { acceleratorLabel } from "./format";
import { instanceSectionBlocks, type InstanceSection } from "./instanceSection";
import { isolationSection } from "./isolationTable";
import type { ReportInput } from "./reportInput";

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

const confinementSection: InstanceSection = {
  heading: "Confinement",
  text: "Who each instance runs as on the host and what confines it, read from the host's `/proc` of the process that holds it: the container's main process, or the VM's QEMU process. A container's app runs on the host's kernel; a VM's app runs on its own kernel, and the host sees only QEMU.",
  tableId: "confinement",
  caption: "Confinement of each instance",
  header: ["instance", "host process", "user", "capabilities", "confinement"],
  row: (label, instance) => confinementRow(label, instance.confinement),
};

/** The section: a heading, what the table shows and one row per measured instance; the isolation section after it. */
export function confinementBlocks(input: ReportInput): ReportBlock[] {
  return [...instanceSectionBlocks(input, confinementSection), ...instanceSectionBlocks(input, isolationSection)];
}
