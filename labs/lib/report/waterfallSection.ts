/**
 * "Where the boot time goes": every instance's boot phase by phase in one table, and one waterfall chart per run with
 * the run's floors beside the instances: the docker run, and the libvirt run of each VM boot profile.
 */
import { appNames } from "../../../model/catalog/apps";
import type { InstanceResult, MeasurementResults } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";
import type { ReportBlock, TableCell } from "./document";
import { floorKeys, floorNames } from "./floorTable";
import { acceleratorLabel, formatDuration, kindLabel } from "./format";
import { profileOf, reportRuns, runName, runsCaption, type ReportInput } from "./reportInput";
import { bootWaterfall, floorPhases, markerMeanings, type Waterfall } from "./waterfall";
import { waterfallChart, type WaterfallRow } from "./waterfallChart";

/** Id of the section's heading: a link target. */
export const waterfallSectionId = "where-the-boot-time-goes";

/** Id of the section's table. */
export const waterfallTableId = "boot-waterfall";

/** Id of a run's chart: "chart-waterfall-docker-typical", "chart-waterfall-libvirt-tuned". */
export function waterfallChartId(results: MeasurementResults): string {
  return `chart-waterfall-${results.stack}-${profileOf(results)}`;
}

function instancesInCatalogOrder(results: MeasurementResults): InstanceResult[] {
  return appNames.flatMap((app) => results.instances.filter((instance) => instance.app === app));
}

function isVmRun(results: MeasurementResults): boolean {
  return results.instances.some((instance) => instance.kind === "vm");
}

function samplesText(count: number): string {
  return count === 1 ? "1 sample" : `${count} samples`;
}

/** The chart rows of a run: each instance that recorded phases, then each floor the run measured. */
export function waterfallRows(results: MeasurementResults): WaterfallRow[] {
  const instanceRows = instancesInCatalogOrder(results).flatMap((instance): WaterfallRow[] => {
    const waterfall = bootWaterfall(instance.kind, instance.boot);
    if (!waterfall) return [];
    const appFloor = waterfall.appFloor ? `app floor ${formatDuration(waterfall.appFloor.medianMs)}` : "no app-exec marker";
    return [
      {
        label: `${instance.app} · ${kindLabel(instance.kind)}`,
        note: `${appFloor} · ${samplesText(waterfall.sampleCount)}`,
        phases: waterfall.phases,
        totalMs: waterfall.readyMedianMs,
        engineCallMs: waterfall.engineCallMedianMs,
      },
    ];
  });
  const floors = results.floors ?? {};
  const floorRows = floorKeys.flatMap((key): WaterfallRow[] => {
    const floor = floors[key];
    if (!floor) return [];
    const what = key === "vmKernel" ? "no app: floor of every VM" : "no app: floor of every container";
    return [{ label: floorNames[key], note: `${what} · ${samplesText(floor.samplesMs.length)}`, phases: floorPhases(floor), totalMs: summarize(floor.samplesMs).median }];
  });
  return [...instanceRows, ...floorRows];
}

function waterfallCells(waterfall: Waterfall | undefined): TableCell[] {
  if (!waterfall) return ["not recorded", "not recorded in this run", "not recorded"];
  const beforeApp = waterfall.phases.filter((phase) => phase !== waterfall.appFloor);
  return [
    waterfall.engineCallMedianMs === undefined ? "not recorded" : formatDuration(waterfall.engineCallMedianMs),
    { items: beforeApp.map((phase) => `${phase.label} ${formatDuration(phase.medianMs)} (n = ${phase.samples})`) },
    waterfall.appFloor ? `${formatDuration(waterfall.appFloor.medianMs)} (n = ${waterfall.appFloor.samples})` : "not measured: no sample recorded the app's exec",
  ];
}

function tableRow(results: MeasurementResults, instance: InstanceResult): TableCell[] {
  const ready = summarize(instance.boot.samplesMs);
  return [
    results.stack,
    profileOf(results),
    `${instance.app} · ${kindLabel(instance.kind)}`,
    acceleratorLabel(results.host.accelerator),
    ...waterfallCells(bootWaterfall(instance.kind, instance.boot)),
    `${formatDuration(ready.median)} (n = ${ready.count})`,
  ];
}

/** Whether any instance of the run recorded a boot phase marker. */
function recordedPhases(results: MeasurementResults): boolean {
  return results.instances.some((instance) => bootWaterfall(instance.kind, instance.boot) !== undefined);
}

/** What the section cannot show of a run: no phases at all, or markers no sample recorded (and which phases merged). */
export function missingPhaseNotes(results: MeasurementResults): string[] {
  const waterfalls = instancesInCatalogOrder(results).map((instance) => ({ instance, waterfall: bootWaterfall(instance.kind, instance.boot) }));
  if (!recordedPhases(results)) {
    return [`${runName(results)}, run ${results.runId}: no boot phases were recorded (the run was measured before they were), so it has no waterfall; measure the stack again with \`npm run measure -- ${results.stack}\`.`];
  }
  const groups = new Map<string, string[]>();
  for (const { instance, waterfall } of waterfalls) {
    if (!waterfall || waterfall.missingMarkers.length === 0) continue;
    const merged = waterfall.phases.filter((phase) => phase.steps.length > 1).map((phase) => `"${phase.label}"`);
    const note = `no sample recorded ${waterfall.missingMarkers.map((marker) => markerMeanings[marker]).join(" or ")}, so ${merged.join(" and ")} ${merged.length > 1 ? "show as one phase each" : "shows as one phase"}`;
    groups.set(note, [...(groups.get(note) ?? []), instance.app]);
  }
  return [...groups].map(([note, apps]) => `${runName(results)}, ${apps.join(", ")}: ${note}.`);
}

function chartTitle(results: MeasurementResults): string {
  const kinds = isVmRun(results) ? "VMs" : "containers";
  return `Where the boot time goes: ${results.stack} ${kinds}, ${profileOf(results)} profile, ${acceleratorLabel(results.host.accelerator)}`;
}

function chartCaption(results: MeasurementResults): string {
  const floors = isVmRun(results)
    ? "Below the instances, the VM floor: the lab's kernel booted to a one-line init under the same accelerator and domain settings, split by the guest's own clock into VMM up and kernel."
    : "Below the instances, the container engine floors: a no-op container of the base image, started through the Docker CLI and through the Engine API.";
  return `Phases cut at the markers each sample recorded, each its median over the samples that recorded both its ends, so the phases need not add up to the median total after the bar; the black triangle marks where the engine's start call returned. Each chart has its own time axis. ${floors} Run ${results.runId} · ${runsCaption([{ results }])}`;
}

/** The section: what it shows, the table of every instance's phases, notes on what is missing, one chart per run. */
export function waterfallBlocks(input: ReportInput): ReportBlock[] {
  const runs = reportRuns(input);
  if (runs.length === 0) return [];
  const charted = runs.filter(recordedPhases).map((results) => ({ results, rows: waterfallRows(results) }));
  const notes = runs.flatMap(missingPhaseNotes);
  return [
    { kind: "heading", level: 2, text: "Where the boot time goes", id: waterfallSectionId },
    {
      kind: "paragraph",
      text: "Each boot sample recorded when its platform passed a marker, timed on the host from the start request: a VM's first line on its serial console (the VMM and firmware are up and the kernel prints), its kernel handing over to the initramfs, the root file system's init starting and the app's process starting; a container's runtime starting the app. Between two markers lies a phase; the last phase, app exec → ready, is the app floor: what the app and its ready check take on top of the platform.",
    },
    {
      kind: "table",
      id: waterfallTableId,
      caption: `Boot phases per instance, medians · ${runsCaption(runs.map((results) => ({ results })))}`,
      header: ["stack", "profile", "instance", "accelerator", "engine start call returned", "phases up to app exec: median (n)", "app floor: app exec → ready, median (n)", "start → ready: median (n)"],
      rows: runs.flatMap((results) => instancesInCatalogOrder(results).map((instance) => tableRow(results, instance))),
    },
    ...(notes.length > 0 ? [{ kind: "list" as const, items: notes }] : []),
    ...charted.map(
      ({ results, rows }): ReportBlock => ({
        kind: "figure",
        id: waterfallChartId(results),
        title: chartTitle(results),
        caption: chartCaption(results),
        svg: waterfallChart(waterfallChartId(results), chartTitle(results), rows),
      }),
    ),
  ];
}
