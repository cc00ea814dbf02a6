/**
 * Parsers for disk image figures: `qemu-img info --output=json [--backing-chain]` and `du -B1 [--apparent-size]`.
 * Pure functions of the text; sizes in bytes.
 */

/** One image file as `qemu-img info --output=json` describes it. */
export interface QemuImage {
  /** Path of the image file. */
  filename: string;
  /** qcow2, raw, … */
  format: string;
  /** Size of the disk the guest sees. */
  virtualSizeBytes: number;
  /** Bytes the file occupies on the host's file system (allocated blocks, like `du -B1`). */
  actualSizeBytes: number;
  /** qcow2 cluster size; absent for raw images. */
  clusterSizeBytes?: number;
  /** The backing file as written in the image header (may be relative); absent for images without one. */
  backingFilename?: string;
  /** The backing file resolved to a full path. */
  fullBackingFilename?: string;
  /** Format of the backing file, as recorded in the header. */
  backingFormat?: string;
  /** Whether the image was not closed cleanly (an open or crashed writer). */
  dirty: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}

function requiredNumber(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`qemu-img info: "${key}" is ${JSON.stringify(value)}`);
  return value;
}

function toQemuImage(record: Record<string, unknown>): QemuImage {
  const filename = optionalString(record, "filename");
  const format = optionalString(record, "format");
  if (filename === undefined || format === undefined) throw new Error("qemu-img info: an image without filename or format");
  const clusterSize = record["cluster-size"];
  return {
    filename,
    format,
    virtualSizeBytes: requiredNumber(record, "virtual-size"),
    actualSizeBytes: requiredNumber(record, "actual-size"),
    clusterSizeBytes: typeof clusterSize === "number" ? clusterSize : undefined,
    backingFilename: optionalString(record, "backing-filename"),
    fullBackingFilename: optionalString(record, "full-backing-filename"),
    backingFormat: optionalString(record, "backing-filename-format"),
    dirty: record["dirty-flag"] === true,
  };
}

/**
 * Parses `qemu-img info --output=json`: one object, or with `--backing-chain` an array from the image itself down to
 * its base. Always returns the chain, top image first.
 */
export function parseQemuImgInfo(text: string): QemuImage[] {
  const value: unknown = JSON.parse(text);
  const records = Array.isArray(value) ? value : [value];
  if (records.length === 0 || !records.every(isRecord)) throw new Error("qemu-img info: expected an image object or an array of them");
  return records.map(toQemuImage);
}

/** Host bytes of a backing chain, split into the top image (the instance's own writes) and what it is built on. */
export interface ChainAllocation {
  /** Allocated bytes of the top image: what this instance added. */
  topBytes: number;
  /** Allocated bytes of every backing image below it: shareable with other overlays on the same base. */
  backingBytes: number;
  /** Both together: the disk this instance needs if nothing were shared. */
  totalBytes: number;
}

/** Sums the allocated (actual) sizes of a chain as parseQemuImgInfo returns it. */
export function chainAllocation(chain: readonly QemuImage[]): ChainAllocation {
  if (chain.length === 0) throw new Error("chainAllocation: empty backing chain");
  const topBytes = chain[0].actualSizeBytes;
  const backingBytes = chain.slice(1).reduce((sum, image) => sum + image.actualSizeBytes, 0);
  return { topBytes, backingBytes, totalBytes: topBytes + backingBytes };
}
