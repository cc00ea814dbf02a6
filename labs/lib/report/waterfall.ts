/**
 * Where an instance's boot time goes: the markers its boot samples recorded (offsets from the start request) cut the
 * boot into consecutive phases, each summarized by its median over the samples that have both of its ends.
 */
import type { InstanceKind } from "../../../model/deployment";
import type { BootFloor, BootMeasurement, BootPhases, VmFloor } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";

/** The smallest phases a boot is cut into; where a marker between two is missing, they show as one phase. */
export type PhaseStep = "vmm" | "runtime" | "kernel" | "initramfs" | "init" | "app";

/** How the report names each step. */
export const phaseStepNames: Record<PhaseStep, string> = {
  vmm: "VMM up",
  runtime: "runtime",
  kernel: "kernel",
  initramfs: "initramfs",
  init: "init",
  app: "app",
};

/** The markers of a sample that end a step, in boot order; the last step always ends at the passing ready check. */
export type PhaseMarker = keyof Pick<BootPhases, "firstConsoleLineMs" | "initrdStartedMs" | "rootInitStartedMs" | "appExecMs">;

/** What each marker means, for notes about markers no sample recorded. */
export const markerMeanings: Record<PhaseMarker, string> = {
  firstConsoleLineMs: "the first line on the serial console (VMM up)",
  initrdStartedMs: "the kernel handing over to its initramfs",
  rootInitStartedMs: "the root file system's init starting",
  appExecMs: "the app's process starting",
};

const stepsByKind: Record<InstanceKind, { step: PhaseStep; endsAt: PhaseMarker | "ready" }[]> = {
  vm: [
    { step: "vmm", endsAt: "firstConsoleLineMs" },
    { step: "kernel", endsAt: "initrdStartedMs" },
    { step: "initramfs", endsAt: "rootInitStartedMs" },
    { step: "init", endsAt: "appExecMs" },
    { step: "app", endsAt: "ready" },
  ],
  container: [
    { step: "runtime", endsAt: "appExecMs" },
    { step: "app", endsAt: "ready" },
  ],
};

/** One bar segment of a waterfall. */
export interface WaterfallPhase {
  /** The steps it spans: more than one where a marker between them was not recorded. */
  steps: PhaseStep[];
  /** What the report calls it: "kernel", or "kernel + initramfs" for two steps. */
  label: string;
  /** Median duration over the samples that recorded both its ends. */
  medianMs: number;
  /** How many samples recorded both its ends. */
  samples: number;
}

/** One instance's boot, phase by phase. */
export interface Waterfall {
  /** Consecutive phases from the start request to the passing ready check. */
  phases: WaterfallPhase[];
  /** Median of start request → ready over every sample. */
  readyMedianMs: number;
  /** How many samples the instance has. */
  sampleCount: number;
  /** Median duration of the engine's start call (docker start, virsh start) where recorded; it overlaps the phases. */
  engineCallMedianMs?: number;
  /** The app phase, app exec → ready: what the app and its ready check take on top of the platform. */
  appFloor?: WaterfallPhase;
  /** Markers no usable sample recorded, so that the steps on both sides of them show as one phase. */
  missingMarkers: PhaseMarker[];
}

/** "kernel", "kernel + initramfs". */
export function phaseLabel(steps: readonly PhaseStep[]): string {
  return steps.map((step) => phaseStepNames[step]).join(" + ");
}

function phaseOf(steps: PhaseStep[], durationsMs: number[]): WaterfallPhase {
  return { steps, label: phaseLabel(steps), medianMs: summarize(durationsMs).median, samples: durationsMs.length };
}

/**
 * The instance's boot as consecutive phases, or undefined when none of its samples recorded a marker (results made
 * before phases were recorded). A marker is used when some sample recorded it together with the marker before it;
 * otherwise its steps merge with the next, so every phase has at least one sample and no figure is made up.
 */
export function bootWaterfall(kind: InstanceKind, boot: BootMeasurement): Waterfall | undefined {
  const samples = boot.samplesMs.map((readyMs, index) => ({ readyMs, marks: boot.phases?.[index] ?? {} }));
  const steps = stepsByKind[kind];
  const recorded = steps.some(({ endsAt }) => endsAt !== "ready" && samples.some((sample) => sample.marks[endsAt] !== undefined));
  if (!recorded) return undefined;
  const at = (sample: (typeof samples)[number], marker: PhaseMarker | "start" | "ready"): number | undefined =>
    marker === "start" ? 0 : marker === "ready" ? sample.readyMs : sample.marks[marker];
  const phases: WaterfallPhase[] = [];
  const missingMarkers: PhaseMarker[] = [];
  let from: PhaseMarker | "start" = "start";
  let pending: PhaseStep[] = [];
  for (const { step, endsAt } of steps) {
    pending = [...pending, step];
    const durationsMs = samples.flatMap((sample) => {
      const start = at(sample, from);
      const end = at(sample, endsAt);
      return start === undefined || end === undefined ? [] : [end - start];
    });
    if (durationsMs.length === 0) {
      if (endsAt !== "ready") missingMarkers.push(endsAt);
      continue;
    }
    phases.push(phaseOf(pending, durationsMs));
    pending = [];
    if (endsAt !== "ready") from = endsAt;
  }
  const engineCalls = boot.phases?.flatMap((marks) => (marks.engineStartCallMs === undefined ? [] : [marks.engineStartCallMs])) ?? [];
  const last = phases[phases.length - 1];
  return {
    phases,
    readyMedianMs: summarize(boot.samplesMs).median,
    sampleCount: boot.samplesMs.length,
    engineCallMedianMs: engineCalls.length > 0 ? summarize(engineCalls).median : undefined,
    appFloor: last.steps.length === 1 && last.steps[0] === "app" ? last : undefined,
    missingMarkers,
  };
}

/**
 * A floor as phases. The VM kernel floor is split by the guest's own clock into what came before its kernel ran (VMM
 * up) and the kernel up to the one-line init, where every sample has its guest uptime; otherwise it is one phase.
 */
export function floorPhases(floor: BootFloor | VmFloor): WaterfallPhase[] {
  if (!("guestUptimeMs" in floor)) return [{ ...phaseOf(["runtime"], floor.samplesMs), label: "no-op container: start → done" }];
  const uptimes = floor.guestUptimeMs;
  if (uptimes.length !== floor.samplesMs.length) return [phaseOf(["vmm", "kernel"], floor.samplesMs)];
  return [phaseOf(["vmm"], floor.samplesMs.map((ms, index) => ms - uptimes[index])), { ...phaseOf(["kernel"], uptimes), label: "kernel to init" }];
}
