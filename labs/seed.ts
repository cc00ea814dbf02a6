import { buildSeedImage, type SeedImageOptions } from "./lib/images";
import { exitWithError, LabError } from "./lib/labError";

/**
 * Writes one VM's seed ISO from the JSON in LAB_SEED (SeedImageOptions). The libvirt stack runs it through a
 * LocalCommand, so seeds are made at `pulumi up`, never during a preview.
 */
async function main(): Promise<void> {
  const json = process.env.LAB_SEED;
  if (!json) throw new LabError("LAB_SEED is not set.", "this script is run by the libvirt stack; deploy with `npm run up -- libvirt`.");
  await buildSeedImage(JSON.parse(json) as SeedImageOptions);
}

main().catch(exitWithError);
