/** One table per app putting its container and its VM side by side: boot, memory and disk. */
import { appNames, type AppName } from "../../../model/catalog/apps";
import type { CrossCheck, InstanceResult, MeasurementResults } from "../measure/resultsSchema";
import { bootCvGoal, summarize } from "../measure/stats";
import type { ReportBlock } from "./document";
import { acceleratorLabel, formatBytes, formatDuration, kindLabel } from "./format";
import { measurementCaption, profileOf, reportStacks, type ReportInput } from "./reportInput";

/** "✓" when a cross-check agrees, "≠" when it does not. */
export function agreementMark(check: CrossCheck): string {
  return check.agrees ? "✓" : "≠";
}

/** A figure with its cross-check, "16.8 MiB (cross-check 16.1 MiB ✓)"; just the figure when it has none. */
export function withCrossCheck(value: string, check: CrossCheck | undefined, format: (value: number) => string): string {
  return check === undefined ? value : `${value} (cross-check ${format(check.value)} ${agreementMark(check)})`;
}

/** Boot median with spread, coefficient of variation and sample count: "1.07 s (1.05 s – 1.09 s, CV 2 %, n = 3)". */
export function bootCell(samplesMs: readonly number[]): string {
  const summary = summarize(samplesMs);
  return `${formatDuration(summary.median)} (${formatDuration(summary.min)} – ${formatDuration(summary.max)}, ${cvText(summary.cv)}, n = ${summary.count})`;
}

/** "CV 4 %", or "CV 14 % (over 10 %)" when the samples spread more than they do on an idle host. */
export function cvText(cv: number): string {
  return `CV ${(cv * 100).toFixed(0)} %${cv > bootCvGoal ? ` (over ${(bootCvGoal * 100).toFixed(0)} %)` : ""}`;
}

/** Which of the stack's other apps were stopped while this one was sampled: "alone" when none were left running. */
function sampledWith(instance: InstanceResult): string {
  const stopped = instance.boot.stoppedWhileSampled;
  if (stopped === undefined) return "not recorded";
  return stopped.length === 0 ? "its dependencies running, nothing stopped" : `${stopped.join(", ")} stopped (not needed)`;
}

const figures: { figure: string; value: (instance: InstanceResult) => string }[] = [
  { figure: "boot to ready: median (min – max, CV, n)", value: (instance) => withCrossCheck(bootCell(instance.boot.samplesMs), instance.boot.crossCheck, formatDuration) },
  { figure: "other apps while sampled", value: sampledWith },
  { figure: "host memory", value: (instance) => withCrossCheck(formatBytes(instance.memory.hostBytes), instance.memory.crossCheck, formatBytes) },
  { figure: "memory configured (limit / RAM)", value: (instance) => formatBytes(instance.memory.breakdown.configuredBytes) },
  { figure: "disk: own bytes", value: (instance) => withCrossCheck(formatBytes(instance.disk.allocatedBytes), instance.disk.crossCheck, formatBytes) },
  { figure: "image (shared part)", value: (instance) => `${formatBytes(instance.disk.imageBytes)} (${formatBytes(instance.disk.sharedBytes)} shared)` },
];

function columnTitle(stack: string, results: MeasurementResults | undefined, app: AppName): string {
  if (!results) return `${stack}: no results`;
  const instance = results.instances.find((candidate) => candidate.app === app);
  const platform = instance ? kindLabel(instance.kind) : "not deployed";
  return `${platform} (${stack} · ${acceleratorLabel(results.host.accelerator)} · ${profileOf(results)} profile)`;
}

/** The side-by-side table of one app. */
export function appTable(app: AppName, input: ReportInput): ReportBlock {
  const instances = reportStacks.map((stack) => input[stack]?.results.instances.find((instance) => instance.app === app));
  return {
    kind: "table",
    id: `app-${app}`,
    caption: `${app}: container vs VM · ${measurementCaption(input)}`,
    header: ["figure", ...reportStacks.map((stack) => columnTitle(stack, input[stack]?.results, app))],
    rows: figures.map(({ figure, value }) => [figure, ...instances.map((instance) => (instance ? value(instance) : "—"))]),
  };
}

/** The section: a heading, the ✓/≠ key and one table per catalog app. */
export function appTableBlocks(input: ReportInput): ReportBlock[] {
  return [
    { kind: "heading", level: 2, text: "Container vs VM, app by app" },
    { kind: "paragraph", text: "✓: the figure's cross-check, measured another way, agrees within its tolerance; ≠: it does not (the \"How measured\" section says why the two methods differ)." },
    ...appNames.map((app) => appTable(app, input)),
  ];
}
