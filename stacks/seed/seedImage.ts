import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { $ } from "zx";
import { seedFiles, seedVolumeLabel, type SeedSettings } from "../../model/seed";

/** A VM's seed settings and where its seed disk goes. */
export interface SeedImageOptions extends SeedSettings {
  /** Path of the ISO to write; it appears there only once complete. */
  outputPath: string;
}

/** Fixed timestamp of the seed's files and volume (2000-01-01), so equal settings give byte-identical disks. */
const seedEpochSeconds = 946_684_800;

/** Writes a VM's seed disk: ISO 9660 with Rock Ridge, volume label LABSEED. */
export async function buildSeedImage(options: SeedImageOptions): Promise<void> {
  const files = seedFiles(options);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "vm-container-lab-seed-"));
  const temporary = `${options.outputPath}.tmp-${process.pid}`;
  try {
    for (const file of files) {
      const target = path.join(staging, file.name);
      fs.writeFileSync(target, file.content, { mode: 0o644 });
      fs.utimesSync(target, seedEpochSeconds, seedEpochSeconds);
    }
    fs.utimesSync(staging, seedEpochSeconds, seedEpochSeconds);
    fs.mkdirSync(path.dirname(options.outputPath), { recursive: true });
    await $({ quiet: true, env: { ...process.env, SOURCE_DATE_EPOCH: String(seedEpochSeconds) } })`xorriso -as mkisofs -quiet -volid ${seedVolumeLabel} -rational-rock -joliet -output ${temporary} ${staging}`;
    fs.renameSync(temporary, options.outputPath);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(temporary, { force: true });
  }
}
