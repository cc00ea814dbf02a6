import type { AppName } from "./catalog/apps";
import type { BootProfile } from "./bootProfile";
import type { PlatformName } from "./labConfig";

/** How an instance is isolated: the physics the measurements compare. */
export type InstanceKind = "container" | "vm";

/** What runs the instances' CPU: containers run natively; VMs under KVM or QEMU's TCG emulation. */
export type ExecutionMode = "native" | "kvm" | "tcg";

/** An app's address as the host reaches it. */
export interface Endpoint {
  host: string;
  port: number;
  /**
   * The host's network device the address must be routed through: \`lo\` for ports published on 127.0.0.1, the
   * stack's own bridge for VMs. Probes check the route first, so they never leave the machine.
   */
  via: string;
}

/** One deployed app, described the same way on both platforms so measurements never branch on the stack. */
export interface AppInstance {
  app: AppName;
  kind: InstanceKind;
  /** Name of the container or libvirt domain on its engine. */
  name: string;
  /** The engine's identifier: container id, or libvirt domain UUID. */
  instanceId: string;
  /** Where the host reaches the app (and its ready check). */
  endpoint: Endpoint;
  /** Memory the instance may use: the container's limit, or the VM's RAM. */
  memoryLimitBytes: number;
}

/** The stack outputs both platforms export. */
export interface DeploymentOutputs {
  platform: PlatformName;
  executionMode: ExecutionMode;
  /** How the instances boot; containers are typical until they get a tuned profile of their own. */
  profile: BootProfile;
  instances: AppInstance[];
  /** The web app's URL on the host: the end-to-end entry point. */
  webUrl: string;
}
