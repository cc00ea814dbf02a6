/**
 * Input checks and diff logic of the home-made dynamic provider (LocalCommand). Pure functions only: Pulumi
 * serializes whatever a provider reaches into the stack state (see exec.ts).
 */

/** The property in which Pulumi keeps the serialized provider code next to each dynamic resource's inputs. */
export const providerProperty = "__provider";

/** What Pulumi hands a provider during a preview for a value that is not known yet (runtime/rpc unknownValue). */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for a value that Pulumi will only know during the update (only ever seen in check and diff). */
export function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}

/** A rejected input, as Pulumi's check call reports it. */
export interface InputFailure {
  property: string;
  reason: string;
}

/** Adds a failure for `property` unless `value` is unknown (a preview) or passes `isValid`. */
export function checkInput(failures: InputFailure[], property: string, value: unknown, isValid: (value: unknown) => boolean, reason: string): void {
  if (!isUnknown(value) && !isValid(value)) {
    failures.push({ property, reason });
  }
}

/** True for a string that is not empty. */
export function isNonEmptyString(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}

/** True for an object whose values are all strings (labels, environment variables). */
export function isStringMap(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string" || isUnknown(item));
}

/** JSON with object keys sorted and undefined members left out, so equal values always give equal text. */
export function stableStringify(value: unknown): string {
  if (value === undefined) {
    return "undefined";
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? "null" : stableStringify(item))).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Which inputs of a resource force a replacement and which ones are only recorded in place. */
export interface DiffRules {
  /** Inputs whose change deletes the resource and creates it anew. */
  replaceOnChange: readonly string[];
  /** Inputs whose change only updates the recorded state (nothing is run). */
  updateInPlace?: readonly string[];
  /** Outputs that keep their value on an in-place update. */
  stableOutputs?: readonly string[];
  /** Delete the old resource before creating its replacement: needed when names, bridges or ports must be unique. */
  deleteBeforeReplace?: boolean;
}

/** The answer to Pulumi's diff call, as `pulumi.dynamic.DiffResult` expects it. */
export interface PropertyDiff {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Compares the recorded outputs of a resource with its new (checked) inputs. A change of the serialized
 * provider code alone is an in-place update, so the state always carries the code that will later delete it.
 */
export function diffProperties(olds: Record<string, unknown>, news: Record<string, unknown>, rules: DiffRules): PropertyDiff {
  const differs = (key: string) => stableStringify(olds[key]) !== stableStringify(news[key]);
  const replaces = rules.replaceOnChange.filter(differs);
  const updates = [...(rules.updateInPlace ?? []), providerProperty].filter(differs);
  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    stables: replaces.length > 0 ? [] : [...(rules.stableOutputs ?? [])],
    deleteBeforeReplace: replaces.length > 0 && (rules.deleteBeforeReplace ?? false),
  };
}

/** The outputs after an in-place update: the new inputs plus the outputs that such an update keeps. */
export function updatedOutputs<T extends object>(olds: object, news: object, keptOutputs: readonly string[]): T {
  const outputs = withoutProvider(news) as Record<string, unknown>;
  for (const key of keptOutputs) {
    const value = (olds as Record<string, unknown>)[key];
    if (value !== undefined) {
      outputs[key] = value;
    }
  }
  return outputs as T;
}

/** Copies `inputs` without the serialized provider code, for recording as outputs. */
export function withoutProvider<T extends object>(inputs: T): T {
  const copy = { ...inputs } as Record<string, unknown>;
  delete copy[providerProperty];
  return copy as T;
}
