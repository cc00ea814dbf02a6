/**
 * A class's figures side by side: for each app on each platform, every member's boot median, host memory and own disk
 * bytes, the class's spread of them (the median of the members' figures, min and max), how far each member is from
 * that median, and who is so far off that the instructor should look, with the likely reason where the results say it.
 */
import { appNames, type AppName } from "../../../model/catalog/apps";
import type { InstanceKind } from "../../../model/deployment";
import type { InstanceResult, MeasurementResults } from "../measure/resultsSchema";
import { summarize } from "../measure/stats";
import type { ClassMember } from "./classRuns";
import { acceleratorLabel } from "./format";
import { busySampleCount } from "./header";
import { hostDescription, profileOf } from "./reportInput";

/** The figures compared across the class, as the report names them. */
export const classFigureNames = { boot: "boot median", memory: "host memory", disk: "disk own" } as const;

export type ClassFigure = keyof typeof classFigureNames;

const classFigures = Object.keys(classFigureNames) as ClassFigure[];

/** A member whose figure is further than this from the class median, as a share of it, is flagged: 0.5 = 50 %. */
export const oddFraction = 0.5;

/** The class's spread of one figure: the median of the members' figures, and the smallest and largest. */
export interface ClassSpread {
  median: number;
  min: number;
  max: number;
}

/** One member's instance of the group's app and platform. */
export interface ClassEntry {
  /** The member's name (participant, or the instructor). */
  member: string;
  /** The run it is from. */
  results: MeasurementResults;
  instance: InstanceResult;
  /** Its boot median (ms), host memory and own disk bytes. */
  values: Record<ClassFigure, number>;
  /** value − class median, as a share of the class median; undefined where the class median is 0. */
  offClass: Record<ClassFigure, number | undefined>;
  /** Signs that the host was busy while it was timed ("run not judged idle", "2 of 5 boot samples busy"); empty when quiet. */
  busy: string[];
  /** The figures more than oddFraction off the class median. */
  odd: ClassFigure[];
  /** What the results say may explain the odd figures: "busy host (…)", "other accelerator (…)"; empty when nothing does. */
  reasons: string[];
}

/** One app on one platform across the class. */
export interface ClassGroup {
  app: AppName;
  kind: InstanceKind;
  /** One per member that measured it, in member order. */
  entries: ClassEntry[];
  spread: Record<ClassFigure, ClassSpread>;
}

type MeasuredEntry = Pick<ClassEntry, "member" | "results" | "instance" | "values" | "busy">;

/** Why the host may have slowed an instance's boots: the run not judged idle, busy samples (idleRule). */
export function busySigns(results: MeasurementResults, instance: InstanceResult): string[] {
  const busySamples = busySampleCount(instance.boot, results.host.cores);
  return [
    ...(results.host.idle.judgedIdle ? [] : ["run not judged idle"]),
    ...(busySamples > 0 ? [`${busySamples} of ${instance.boot.samplesMs.length} boot samples busy`] : []),
  ];
}

/** The value more than half of `values` share; undefined when none does. */
function majority(values: readonly string[]): string | undefined {
  return values.find((value) => values.filter((other) => other === value).length * 2 > values.length);
}

/** "other accelerator (KVM; most of the class: TCG emulation)" when the entry's differs from what most of the group have. */
function otherThanMost(what: string, value: (results: MeasurementResults) => string): (entry: MeasuredEntry, group: readonly MeasuredEntry[]) => string | undefined {
  return (entry, group) => {
    const usual = majority(group.map((member) => value(member.results)));
    const own = value(entry.results);
    return usual !== undefined && own !== usual ? `other ${what} (${own}; most of the class: ${usual})` : undefined;
  };
}

/** What may explain an odd figure where the results record it, and which figures each can explain. */
const reasonChecks: { explains: readonly ClassFigure[]; reason: (entry: MeasuredEntry, group: readonly MeasuredEntry[]) => string | undefined }[] = [
  { explains: ["boot"], reason: (entry) => (entry.busy.length > 0 ? `busy host (${entry.busy.join(", ")})` : undefined) },
  { explains: ["boot", "memory"], reason: otherThanMost("accelerator", (results) => acceleratorLabel(results.host.accelerator)) },
  { explains: ["boot", "memory"], reason: otherThanMost("profile", profileOf) },
  { explains: ["boot"], reason: otherThanMost("host", hostDescription) },
];

function spreadOf(values: readonly number[]): ClassSpread {
  const { median, min, max } = summarize(values);
  return { median, min, max };
}

function measuredEntry(member: string, results: MeasurementResults, instance: InstanceResult): MeasuredEntry {
  const values = { boot: summarize(instance.boot.samplesMs).median, memory: instance.memory.hostBytes, disk: instance.disk.allocatedBytes };
  return { member, results, instance, values, busy: busySigns(results, instance) };
}

function judged(entry: MeasuredEntry, group: readonly MeasuredEntry[], spread: Record<ClassFigure, ClassSpread>): ClassEntry {
  const offClass = Object.fromEntries(classFigures.map((figure) => [figure, spread[figure].median === 0 ? undefined : (entry.values[figure] - spread[figure].median) / spread[figure].median])) as ClassEntry["offClass"];
  const odd = classFigures.filter((figure) => Math.abs(offClass[figure] ?? 0) > oddFraction);
  const reasons = reasonChecks.flatMap(({ explains, reason }) => {
    if (!odd.some((figure) => explains.includes(figure))) return [];
    return reason(entry, group) ?? [];
  });
  return { ...entry, offClass, odd, reasons };
}

/** Every app on every platform that any member measured, catalog order, containers before VMs. */
export function classGroups(members: readonly ClassMember[]): ClassGroup[] {
  const kinds: readonly InstanceKind[] = ["container", "vm"];
  return appNames.flatMap((app) =>
    kinds.flatMap((kind) => {
      const measured = members.flatMap((member) =>
        member.runs.flatMap(({ results }) => results.instances.filter((instance) => instance.app === app && instance.kind === kind).map((instance) => measuredEntry(member.name, results, instance))),
      );
      if (measured.length === 0) return [];
      const spread = Object.fromEntries(classFigures.map((figure) => [figure, spreadOf(measured.map((entry) => entry.values[figure]))])) as ClassGroup["spread"];
      return [{ app, kind, spread, entries: measured.map((entry) => judged(entry, measured, spread)) }];
    }),
  );
}
