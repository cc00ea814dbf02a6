import type { AppInstance } from "../../model/deployment";
import { libvirtUriOnLabHost } from "../../model/sshTarget";
import type { LabHost } from "./labHost";
import { checked } from "./shell";

/** Whether an engine's answer about one instance says it runs: `docker inspect` of State.Running, or `virsh domstate`. */
export function instanceRuns(kind: AppInstance["kind"], engineAnswer: string): boolean {
  return kind === "container" ? engineAnswer.trim() === "true" : engineAnswer.trim() === "running";
}

/**
 * Starts the stack's instances that are deployed but stopped, and returns them. A measurement leaves them stopped
 * while the other stack is measured (npm run lab), and a measurement that failed halfway leaves them so; when such a
 * run ends early, Pulumi's next up sees them as deployed and starts nothing, and the next measurement would find them
 * down. `libvirtUri`: the stack's, for its VMs.
 */
export async function startStoppedInstances(instances: readonly AppInstance[], host: LabHost, libvirtUri = "qemu:///system"): Promise<AppInstance[]> {
  const uri = libvirtUriOnLabHost(libvirtUri);
  const ask = (instance: AppInstance) =>
    instance.kind === "container" ? ["docker", "inspect", "--format", "{{.State.Running}}", instance.name] : ["virsh", "-c", uri, "domstate", instance.name];
  const start = (instance: AppInstance) => (instance.kind === "container" ? ["docker", "start", instance.name] : ["virsh", "-c", uri, "start", instance.name]);
  const started: AppInstance[] = [];
  for (const instance of instances) {
    if (instanceRuns(instance.kind, (await checked(host.run(ask(instance)))).stdout)) continue;
    await checked(host.run(start(instance)));
    started.push(instance);
  }
  return started;
}
