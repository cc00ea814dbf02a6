import * as path from "node:path";

/**
 * Where the lab keeps what it makes on a host, below the checkout: the scripts write these files and the Pulumi
 * program reads them, so both derive the paths here from the repository root.
 */
export function labLayout(repoRoot: string) {
  const state = path.join(repoRoot, ".lab");
  const images = path.join(state, "images");
  return {
    /** Git-ignored folder for everything the lab makes on this host: state, logs, caches, disks. */
    state,
    pulumiBackend: path.join(state, "pulumi-state"),
    logs: path.join(state, "logs"),
    cache: path.join(state, "cache"),
    images,
    /** What `npm run images` built (BuiltImages). */
    builtImagesFile: path.join(images, "images.json"),
    /** The accelerator probe's verdict (SavedAcceleratorChoice). */
    acceleratorChoiceFile: path.join(state, "accelerator.json"),
    /** The folder of a libvirt stack's pool, seed ISOs and console logs. */
    libvirtStateDir: (namePrefix: string) => path.join(state, "libvirt", namePrefix),
  };
}

export type LabLayout = ReturnType<typeof labLayout>;
