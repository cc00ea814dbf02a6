import { checkInput, diffProperties, InputFailure, isNonEmptyString, isStringMap, stableStringify, unknownValue, updatedOutputs, withoutProvider } from "../../../stacks/providers/properties";

describe("stableStringify", () => {
  it("gives the same text whatever the key order, leaving undefined members out", () => {
    expect(stableStringify({ b: 1, a: { d: [1, "x"], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(stableStringify({ a: { c: null, d: [1, "x"] }, b: 1 })).toBe(stableStringify({ b: 1, a: { d: [1, "x"], c: null } }));
  });

  it("tells an absent value from an empty one", () => {
    expect(stableStringify(undefined)).toBe("undefined");
    expect(stableStringify([])).toBe("[]");
    expect(stableStringify({})).toBe("{}");
  });
});

describe("diffProperties", () => {
  const rules = { replaceOnChange: ["name", "labels"], updateInPlace: ["note"], stableOutputs: ["thingId"], deleteBeforeReplace: true };
  const olds = { name: "a", labels: { x: "1", y: "2" }, note: "n", thingId: "id-1", __provider: "code" };

  it("finds no change when only the key order differs and outputs are extra", () => {
    expect(diffProperties(olds, { labels: { y: "2", x: "1" }, name: "a", note: "n", __provider: "code" }, rules)).toEqual({
      changes: false,
      replaces: [],
      stables: ["thingId"],
      deleteBeforeReplace: false,
    });
  });

  it("replaces, old one first, when a replacing input changes", () => {
    expect(diffProperties(olds, { name: "b", labels: { x: "1", y: "2" }, note: "n", __provider: "code" }, rules)).toEqual({
      changes: true,
      replaces: ["name"],
      stables: [],
      deleteBeforeReplace: true,
    });
  });

  it("updates in place when only the provider code or an in-place input changes", () => {
    expect(diffProperties(olds, { ...olds, __provider: "new code" }, rules)).toEqual({ changes: true, replaces: [], stables: ["thingId"], deleteBeforeReplace: false });
    expect(diffProperties(olds, { ...olds, note: "m" }, rules).replaces).toEqual([]);
    expect(diffProperties(olds, { ...olds, note: "m" }, rules).changes).toBe(true);
  });

  it("replaces when a replacing input is not known yet", () => {
    expect(diffProperties(olds, { ...olds, name: unknownValue }, rules).replaces).toEqual(["name"]);
  });

  it("creates before deleting unless the rules ask otherwise", () => {
    expect(diffProperties({ name: "a" }, { name: "b" }, { replaceOnChange: ["name"] }).deleteBeforeReplace).toBe(false);
  });
});

describe("recorded outputs", () => {
  it("drop the provider code", () => {
    expect(withoutProvider({ name: "a", __provider: "code" })).toEqual({ name: "a" });
  });

  it("after an in-place update hold the new inputs and the kept outputs only", () => {
    expect(updatedOutputs({ name: "a", old: "gone", thingId: "id-1", __provider: "old" }, { name: "b", __provider: "new" }, ["thingId"])).toEqual({ name: "b", thingId: "id-1" });
  });
});

describe("input checks", () => {
  it("skip values that are not known yet and report the others", () => {
    const failures: InputFailure[] = [];
    checkInput(failures, "create", unknownValue, isNonEmptyString, "empty");
    checkInput(failures, "create", "true", isNonEmptyString, "empty");
    checkInput(failures, "dir", "", isNonEmptyString, "empty");
    expect(failures).toEqual([{ property: "dir", reason: "empty" }]);
  });

  it("accept string maps, with unknown values, and nothing else", () => {
    expect(isStringMap({ a: "1", b: unknownValue })).toBe(true);
    expect(isStringMap({ a: 1 })).toBe(false);
    expect(isStringMap(["a"])).toBe(false);
    expect(isStringMap(null)).toBe(false);
  });
});
