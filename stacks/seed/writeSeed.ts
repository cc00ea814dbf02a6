import { buildSeedImage, type SeedImageOptions } from "./seedImage";

/**
 * Writes one VM's seed ISO from the JSON in LAB_SEED (SeedImageOptions). The libvirt stack runs it through a
 * `command.local.Command`, so seeds are made at `pulumi up`, never during a preview.
 */
const json = process.env.LAB_SEED;
if (!json) {
  console.error("LAB_SEED is not set: this script is run by the libvirt stack's seed commands (`npm run up -- libvirt` or `pulumi up -s libvirt`).");
  process.exit(2);
}
buildSeedImage(JSON.parse(json) as SeedImageOptions).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
