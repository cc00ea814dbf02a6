/** The report's opening: the host and runs side by side, and notices for stacks without results, a busy host, spread samples. */
import * as path from "node:path";
import type { BootMeasurement, BootPhases, CrossCheck, MeasurementResults } from "../measure/resultsSchema";
import { bootCvGoal, idleRule, probeCpuGoal, sampleRanBusy, summarize } from "../measure/stats";
import type { ReportBlock } from "./document";
import { acceleratorLabel, formatBytes, formatDuration, kindLabel } from "./format";
import { missingStacks, reportStacks, profileOf, type ReportInput } from "./reportInput";

/** Whether the host was judged idle, with the load and rule behind the judgement. */
export function idleText(results: MeasurementResults): string {
  const idle = results.host.idle;
  const rule = idle.rule === undefined ? "" : `, rule ${idle.rule}`;
  const busy = idle.busyCores === undefined ? "" : `${idle.busyCores.toFixed(2)} core busy, `;
  return `${idle.judgedIdle ? "yes" : "no"} (${busy}load ${idle.loadAverage1m.toFixed(2)}${rule})`;
}

const hostFacts: { fact: string; value: (results: MeasurementResults, file: string) => string }[] = [
  { fact: "results file", value: (_, file) => `\`${file}\`` },
  { fact: "run id", value: (results) => results.runId },
  { fact: "measured", value: (results) => `${results.startedAt} → ${results.finishedAt}` },
  { fact: "accelerator", value: (results) => acceleratorLabel(results.host.accelerator) },
  { fact: "boot profile", value: profileOf },
  { fact: "CPU", value: (results) => results.host.cpuModel },
  { fact: "cores", value: (results) => String(results.host.cores) },
  { fact: "RAM", value: (results) => formatBytes(results.host.memTotalBytes) },
  { fact: "kernel", value: (results) => results.host.kernel },
  { fact: "Docker", value: (results) => results.host.dockerVersion ?? "not installed" },
  { fact: "libvirt", value: (results) => results.host.libvirtVersion ?? "not installed" },
  { fact: "QEMU", value: (results) => results.host.qemuVersion ?? "not installed" },
  { fact: "host judged idle", value: idleText },
];

/** How to get a stack's missing results. */
export function missingStackNotice(stack: string, resultsDir: string): string {
  return `No ${stack} results in \`${path.join(resultsDir, stack)}\`, so its column, rows and bars are missing: deploy it with \`npm run up -- ${stack}\`, measure it with \`npm run measure -- ${stack}\`, then run \`npm run report\` again.`;
}

/**
 * How many boot samples a busy host may have slowed, judged by idleRule: by other processes' CPU during each sample
 * where the run recorded it, else by the load average read before each sample.
 */
export function busySampleCount(boot: BootMeasurement, cores: number): number {
  if (boot.otherCpuCores) return boot.otherCpuCores.filter((used, sample) => sampleRanBusy(used, boot.samplesMs[sample])).length;
  return (boot.hostLoad1m ?? []).filter((load) => load >= idleRule.load.maxLoadPerCore * cores).length;
}

/** The samples a busy host may have slowed (busySampleCount), with the CPU or load that made them busy. */
export function busySamplesNotice(name: string, boot: BootMeasurement, cores: number): string[] {
  const busy = busySampleCount(boot, cores);
  if (busy === 0) return [];
  const count = boot.samplesMs.length;
  if (boot.otherCpuCores) {
    const used = `${busy > 1 ? "up to " : ""}${Math.max(...boot.otherCpuCores).toFixed(2)} core`;
    return [`${name}: ${busy} of ${count} boot samples ran while other processes used ${used} on average (rule: ${idleRule.description}).`];
  }
  return [`${name}: ${busy} of ${count} boot samples started with the host busy (${idleRule.load.description} not met).`];
}

/** Boot milestones a sample's delay can be placed at, earliest first, in words. */
const delayMilestones: [keyof BootPhases, string][] = [
  ["engineStartCallMs", "the engine's start call returned"],
  ["firstConsoleLineMs", "the VM's console printed its first line"],
  ["initrdStartedMs", "the kernel started the initramfs"],
  ["rootInitStartedMs", "the root file system's init started"],
  ["appExecMs", "the app's process started"],
];

/**
 * Where the slowest boot sample lost its time: how far it was over the median sample, the earliest milestone by which
 * it was already behind that milestone's median by at least half of it, and the spread of the other samples.
 */
export function slowestSampleText(boot: BootMeasurement): string | undefined {
  const samples = boot.samplesMs;
  if (samples.length < 3) return undefined;
  const slowest = samples.indexOf(Math.max(...samples));
  const overMs = samples[slowest] - summarize(samples).median;
  const behindAt = delayMilestones.flatMap(([phase, words]) => {
    const marks = boot.phases?.map((marks) => marks[phase]) ?? [];
    if (marks.length !== samples.length || marks.some((mark) => mark === undefined)) return [];
    const behindMs = (marks[slowest] as number) - summarize(marks as number[]).median;
    return behindMs >= overMs / 2 ? [`; it was ${formatDuration(behindMs)} behind already when ${words}`] : [];
  })[0];
  const othersCv = summarize(samples.filter((_, sample) => sample !== slowest)).cv;
  return `The slowest took ${formatDuration(samples[slowest])}, ${formatDuration(overMs)} over the median${behindAt ?? ""}. The others spread ${(othersCv * 100).toFixed(0)} %.`;
}

/**
 * What makes figures less trustworthy, for the report's header and the terminal summary alike: a run on a host that
 * was not idle, samples taken while other processes were busy, a measuring process that used more than its share of a
 * core while it timed a boot, instances whose samples spread more than they do on an idle host, and figures whose
 * cross-check disagrees (with the reason the two methods differ).
 */
export function trustNotices(input: ReportInput): string[] {
  return reportStacks.flatMap((stack) => {
    const results = input[stack]?.results;
    if (!results) return [];
    const { idle, cores } = results.host;
    const busyFigure = idle.busyCores === undefined ? `load ${idle.loadAverage1m.toFixed(2)} on ${cores} cores` : `the host's processes used ${idle.busyCores.toFixed(2)} core before the first figure`;
    const busyRun = idle.judgedIdle ? [] : [`The host was not judged idle during the ${stack} run: ${busyFigure}${idle.rule ? ` (rule: ${idle.rule})` : ""}. Its timings may be longer than on a quiet host.`];
    const perInstance = results.instances.flatMap((instance) => {
      const name = `${instance.app} ${kindLabel(instance.kind)} (${stack})`;
      const { cv, median: bootMedian } = summarize(instance.boot.samplesMs);
      const crossChecked: [string, CrossCheck | undefined, number, (value: number) => string][] = [
        ["boot to ready", instance.boot.crossCheck, bootMedian, formatDuration],
        ["host memory", instance.memory.crossCheck, instance.memory.hostBytes, formatBytes],
        ["own disk", instance.disk.crossCheck, instance.disk.allocatedBytes, formatBytes],
      ];
      const disagreeing = crossChecked.flatMap(([figure, check, value, format]) =>
        check && !check.agrees ? [`${name}: ${figure} ${format(value)} and its cross-check ${format(check.value)} (${check.method}) disagree${check.note ? `, because ${check.note}` : ""}.`] : [],
      );
      const probeShare = instance.boot.probeCpuShare === undefined ? undefined : summarize(instance.boot.probeCpuShare).median;
      return [
        ...(probeShare !== undefined && probeShare > probeCpuGoal
          ? [`${name}: the measuring process used ${(probeShare * 100).toFixed(1)} % of a core while it timed a boot (median), more than ${(probeCpuGoal * 100).toFixed(0)} %: its polling competes with the instance for the host's cores.`]
          : []),
        ...busySamplesNotice(name, instance.boot, cores),
        ...(cv > bootCvGoal ? [[`${name}: its boot samples spread ${(cv * 100).toFixed(0)} % (coefficient of variation; on an idle host they stay within ${(bootCvGoal * 100).toFixed(0)} %).`, slowestSampleText(instance.boot)].filter(Boolean).join(" ")] : []),
        ...disagreeing,
      ];
    });
    return [...busyRun, ...perInstance];
  });
}

/** Title, generation note, host-and-runs table and notices. Paths are shown relative to `outputDir`. */
export function headerBlocks(input: ReportInput, options: { generatedAt: Date; resultsDir: string; outputDir: string }): ReportBlock[] {
  const column = (stack: (typeof reportStacks)[number], value: (results: MeasurementResults, file: string) => string) => {
    const located = input[stack];
    return located ? value(located.results, path.relative(options.outputDir, located.file)) : "no results";
  };
  return [
    { kind: "heading", level: 1, text: "What do VMs really cost compared with containers? Measured report" },
    { kind: "paragraph", text: `Generated ${options.generatedAt.toISOString()} by \`npm run report\` from the runs below.` },
    {
      kind: "table",
      id: "host-and-runs",
      caption: "Host and runs",
      header: ["", ...reportStacks],
      rows: hostFacts.map(({ fact, value }) => [fact, ...reportStacks.map((stack) => column(stack, value))]),
    },
    ...missingStacks(input).map((stack): ReportBlock => ({ kind: "paragraph", className: "notice", text: missingStackNotice(stack, options.resultsDir) })),
    ...trustNotices(input).map((text): ReportBlock => ({ kind: "paragraph", className: "notice", text })),
  ];
}
