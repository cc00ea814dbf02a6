/**
 * The popular claims the lab puts numbers next to, copied from shared/claims.md (paraphrased articles 000–004).
 * The verdict rules that answer them live in verdicts.ts.
 */
export type ClaimId = "C01" | "C02" | "C03" | "C04" | "C05" | "C06" | "C07" | "C08" | "C09" | "C10" | "C11" | "C12" | "C13" | "C14";

export interface Claim {
  id: ClaimId;
  claim: string;
  /** Articles the claim came from, by number (000 … 004). */
  sources: string[];
  /** The figures that answer it. */
  answeredBy: string;
}

export const claims: readonly Claim[] = [
  { id: "C01", claim: "A VM takes minutes to boot; a container starts in about 50 ms.", sources: ["003", "004"], answeredBy: "start-to-app-ready time, per instance, repeated" },
  { id: "C02", claim: "A VM boots in about 2 minutes, a container in about 2 seconds.", sources: ["004"], answeredBy: "start-to-app-ready time, per instance, repeated" },
  { id: "C03", claim: "Creating a VM takes minutes; creating a container takes seconds (e.g. OpenStack makes ~10 VMs a minute, Docker makes many containers in seconds).", sources: ["002", "004"], answeredBy: "provisioning time from nothing (`pulumi up` of a stack, per instance)" },
  { id: "C04", claim: "Each VM image is ~700 MB, so three isolated apps need ~2.1 GB of disk.", sources: ["003"], answeredBy: "on-disk bytes per VM and for three, full clones vs copy-on-write overlays" },
  { id: "C05", claim: "A guest OS is ~1 GB, so three apps in VMs need ~3 GB.", sources: ["004"], answeredBy: "on-disk bytes per VM and for three, full clones vs copy-on-write overlays" },
  { id: "C06", claim: "VM images are several GB; container images are at most tens of MB.", sources: ["004"], answeredBy: "image sizes, unique vs shared layers" },
  { id: "C07", claim: "A running VM holds all the memory assigned to it, even when its app uses 1 MB it needs hundreds of MB.", sources: ["004"], answeredBy: "host-side memory of each VM vs configured RAM vs the app's own use" },
  { id: "C08", claim: "Containers only use the memory they need and can share it.", sources: ["004"], answeredBy: "host-side memory of each container, shared pages" },
  { id: "C09", claim: "After the virtualization layer only ~90% of resources are left; a container keeps ~99%.", sources: ["004"], answeredBy: "the same CPU-bound workload on the host, in a container and in a VM, as ratios to the host" },
  { id: "C10", claim: "Containers have almost no performance overhead; VMs lose noticeably, storage and I/O most.", sources: ["002", "004"], answeredBy: "the same workload's CPU and disk I/O ratios" },
  { id: "C11", claim: "Docker needs no CPU virtualization support; VMs need VT-x/AMD-V.", sources: ["004"], answeredBy: "host capability probe: what accelerator the VMs actually got, and what that cost" },
  { id: "C12", claim: "The same hardware runs far more containers than VMs.", sources: ["004"], answeredBy: "density: instances started until a memory budget is used" },
  { id: "C13", claim: "Container root is host root; a VM's root is separated from the host by hardware isolation.", sources: ["004"], answeredBy: "isolation checks: uid mapping, kernel shared or not, host view of guest processes" },
  { id: "C14", claim: "Containers share the host kernel and cannot run another kernel; each VM runs its own.", sources: ["000", "004"], answeredBy: "kernel version seen inside each instance vs the host" },
];
