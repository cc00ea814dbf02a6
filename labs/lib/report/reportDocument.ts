/** Assembles the whole report from the chosen runs and the claims ledger. */
import { appTableBlocks } from "./appTables";
import { benchBlocks } from "./benchSection";
import { densityBlocks } from "./densitySection";
import { bootChart, bootChartId, bootRows } from "./bootChart";
import { confinementBlocks } from "./confinementTable";
import { diskChart, diskChartId, diskRows } from "./diskChart";
import type { ReportBlock } from "./document";
import { floorBlocks } from "./floorTable";
import { headerBlocks } from "./header";
import { howMeasuredBlocks } from "./howMeasured";
import { ledgerBlocks } from "./ledger";
import { memoryChart, memoryChartId, memoryRows } from "./memoryChart";
import { measurementCaption, type ReportInput } from "./reportInput";
import type { LedgerRow } from "./verdicts";
import { waterfallBlocks } from "./waterfallSection";

/** What the report needs besides the runs. */
export interface ReportOptions {
  /** When the report is made (shown in its header). */
  generatedAt: Date;
  /** Folder the runs were read from (named in notices about missing stacks). */
  resultsDir: string;
  /** Folder the report is written to (paths in the report are relative to it). */
  outputDir: string;
}

/** The three chart figures, each captioned with the accelerators and the host. */
export function chartBlocks(input: ReportInput): ReportBlock[] {
  const caption = measurementCaption(input);
  return [
    { kind: "heading", level: 2, text: "Charts" },
    {
      kind: "figure",
      id: bootChartId,
      title: "Boot time per app and platform",
      caption: `Every sample from the start request until the app's ready check passed, as a dot; the bar is the median. Log time axis. ${caption}`,
      svg: bootChart(bootRows(input)),
    },
    {
      kind: "figure",
      id: memoryChartId,
      title: "Host memory per instance, by kind",
      caption: `Both accounted by PSS (shared pages split among the processes mapping them). Containers: their processes' anonymous and file-backed memory and the containerd shim; VMs: the QEMU process's anonymous (mostly guest RAM) and file-backed memory, the configured RAM as a dashed outline; "other" is what the host figure holds beyond those parts. ${caption}`,
      svg: memoryChart(memoryRows(input)),
    },
    {
      kind: "figure",
      id: diskChartId,
      title: "Disk per stack: copy-on-write vs full copies",
      caption: `Copy-on-write: the image part every instance shares, stored once, plus each instance's own bytes. Full copies: each instance's whole image and writes, as if nothing were shared. ${caption}`,
      svg: diskChart(diskRows(input)),
    },
  ];
}

/** Every block of the report, top to bottom. */
export function reportBlocks(input: ReportInput, ledger: readonly LedgerRow[], options: ReportOptions): ReportBlock[] {
  const caption = measurementCaption(input);
  return [...headerBlocks(input, options), ...appTableBlocks(input), ...floorBlocks(input), ...waterfallBlocks(input), ...confinementBlocks(input), ...chartBlocks(input), ...benchBlocks(input.bench ?? {}), ...densityBlocks(input.density), ...ledgerBlocks(ledger, caption), ...howMeasuredBlocks(input, caption)];
}
