import type { AppName } from "./catalog/apps";

/** A Docker image the lab built and where its package list is. */
export interface BuiltDockerImage {
  /** Repository and tag the lab uses, e.g. vm-container-lab/api:0123456789ab. */
  tag: string;
  /** Image ID (sha256:...) the tag pointed to when this file was written. */
  id: string;
  /** `docker image inspect` Size: every layer of the image, the shared base's included. */
  sizeBytes: number;
  /** `dpkg-query -W` output of the image. */
  manifestPath: string;
}

/** An app's image: its own layers sit on top of the shared base image. */
export interface BuiltAppImage extends BuiltDockerImage {
  /** Bytes of the layers above the base image, i.e. what this app adds to the host's disk. */
  ownLayersBytes: number;
}

/** The golden VM disk and what direct kernel boot needs next to it. */
export interface BuiltVmImage {
  /** qcow2 disk holding the ext4 root file system itself (no partition table); VMs use overlays backed by it. */
  goldenPath: string;
  /** Kernel for direct kernel boot (the same one that is installed in the disk). */
  kernelPath: string;
  /** Debian's initramfs that mounts root=/dev/vda (typical profile). */
  initrdPath: string;
  /** The lab's busybox initramfs that mounts root=/dev/vda and starts the command line's init= (tuned profile). */
  tunedInitrdPath: string;
  /** Kernel release, as `uname -r` prints it in the guest. */
  kernelVersion: string;
  /** Kernel command line to boot the golden disk with. */
  kernelCmdline: string;
  /** Size of the disk as the guest sees it. */
  virtualSizeBytes: number;
  /** Bytes the qcow2 file really occupies on the host. */
  allocatedBytes: number;
  /** `dpkg-query -W` output of the disk's root file system. */
  manifestPath: string;
}

/** What one step of the build cost when it last made its artifact. */
export interface StepTiming {
  /** The artifact the step makes: rootfs, docker-base, docker-<app> or vm. */
  step: string;
  /** Cache key of that artifact. */
  key: string;
  /** Wall seconds the step took when it built the artifact; null when that run left no record. */
  buildSeconds: number | null;
  /** True when this run found the artifact already built and reused it. */
  reused: boolean;
}

/** Timings of the build that wrote images.json. */
export interface BuildTimings {
  /** One entry per artifact, in build order. */
  steps: StepTiming[];
  /** Wall seconds of the whole run that wrote the file (small when everything was reused). */
  runSeconds: number;
}

/** Contents of .lab/images/images.json: everything `npm run images` built. */
export interface BuiltImages {
  /** Hash of every input of the images (catalog and builder recipes); the VM image is keyed by it. */
  inputsHash: string;
  /** Debian suite every image is built from. */
  suite: string;
  /** The Docker images: one shared base and one per app. */
  docker: {
    /** Trimmed minbase root file system imported as an image. */
    base: BuiltDockerImage;
    /** One image per app, built FROM the base. */
    apps: Record<AppName, BuiltAppImage>;
  };
  /** The VM image shared by all three VMs. */
  vm: BuiltVmImage;
  /** What each step cost. */
  timings: BuildTimings;
}
