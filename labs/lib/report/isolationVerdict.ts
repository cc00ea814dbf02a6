/**
 * The rule that answers C13 ("container root is host root; a VM's root is separated from the host by hardware
 * isolation") from the isolation facts of the latest run of each stack.
 */
import type { Confinement, Isolation, MeasurementResults } from "../measure/resultsSchema";
import { combineParts, describeParts, type ClaimPart } from "./claimParts";
import { acceleratorLabel } from "./format";
import { capabilitiesText } from "./confinementTable";
import { appInsideText, cpuModelText, hostProcessTexts, pciDevicesText, uidMapCell } from "./isolationTable";
import type { LedgerInput, LedgerRow } from "./verdicts";

interface IsolatedInstance {
  app: string;
  confinement: Confinement;
  isolation: Isolation;
}

function isolatedInstances(results: MeasurementResults | undefined): IsolatedInstance[] {
  return (results?.instances ?? []).flatMap(({ app, confinement }) => (confinement?.isolation ? [{ app, confinement, isolation: confinement.isolation }] : []));
}

/** The host sees only QEMU, not the app, and the guest sees QEMU's devices, none of the host's. */
function separatedFromHost(vm: IsolatedInstance): boolean {
  const { isolation } = vm;
  return (
    !isolation.appSeenByHost &&
    isolation.hostProcesses.every((process) => process.comm === vm.confinement.process) &&
    !isolation.pciDevicesAreHost &&
    isolation.pciDevices.every((device) => device.qemuModel !== undefined)
  );
}

function allOrUnmeasured<T>(items: readonly T[], holds: (item: T) => boolean): boolean | undefined {
  return items.length === 0 ? undefined : items.every(holds);
}

function rootFigure(containers: readonly IsolatedInstance[]): string[] {
  if (containers.length === 0) return [];
  const asRoot = containers.filter((container) => container.confinement.uid === 0);
  const others = containers.filter((container) => container.confinement.uid !== 0);
  const rootText = asRoot.length === 0 ? "no container runs as root" : `running as root, the host's uid 0: ${asRoot.map((container) => `${container.app} (capabilities ${capabilitiesText(container.confinement)})`).join(", ")}`;
  const othersText = others.length === 0 ? "" : `; as other users: ${others.map((container) => `${container.app} ${container.confinement.user}`).join(", ")}`;
  return [`containers: ${rootText}${othersText}`];
}

function instanceFigure(kind: string, instance: IsolatedInstance): string {
  const { isolation } = instance;
  return `${kind} ${instance.app}: uid_map ${uidMapCell(instance.confinement, isolation)}; host's process table ${hostProcessTexts(isolation).join(", ")}; ${appInsideText(isolation)}; CPU ${cpuModelText(isolation)}; PCI ${pciDevicesText(isolation)}`;
}

function conditionOf(input: LedgerInput): string {
  const vms = input.libvirt;
  const separation = vms
    ? vms.host.accelerator === "kvm"
      ? "VMs under KVM: separated by hardware virtualization"
      : `VMs under ${acceleratorLabel(vms.host.accelerator)}: separated by emulation under TCG; by hardware virtualization under KVM, which this host's VMs did not run under`
    : undefined;
  const host = vms ?? input.docker;
  return [separation, input.docker ? "containers native" : undefined, host ? `on ${host.host.cpuModel}, ${host.host.cores} cores` : undefined]
    .filter((part) => part !== undefined)
    .join("; ");
}

export function isolationRule(input: LedgerInput): Omit<LedgerRow, "claim"> {
  const containers = isolatedInstances(input.docker);
  const vms = isolatedInstances(input.libvirt);
  const parts: ClaimPart[] = [
    { statement: "container root is host root (the main process's uid_map is the identity: no user namespace)", holds: allOrUnmeasured(containers, (container) => container.isolation.identityUidMap) },
    { statement: "a VM's root is separated from the host (the host sees only QEMU; the guest sees only QEMU's devices)", holds: allOrUnmeasured(vms, separatedFromHost) },
    { statement: "by hardware isolation (the VMs ran under KVM)", holds: vms.length === 0 ? undefined : input.libvirt?.host.accelerator === "kvm" },
  ];
  const missing = [...(containers.length === 0 ? ["`npm run measure -- docker`"] : []), ...(vms.length === 0 ? ["`npm run measure -- libvirt`"] : [])];
  return {
    verdict: combineParts(parts),
    figures: [...rootFigure(containers), ...containers.map((container) => instanceFigure("container", container)), ...vms.map((vm) => instanceFigure("VM", vm))],
    condition: conditionOf(input),
    rule: `${describeParts(parts)}${missing.length === 0 ? "" : `; needs ${missing.join(" and ")} with its stack up (runs before the isolation facts were recorded have none)`}`,
  };
}
