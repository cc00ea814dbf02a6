import { canonicalJson, keyOf, sha256, shortKey } from "../../../labs/lib/images/hashing";

describe("cache key hashing", () => {
  it("writes objects with sorted keys at every level and drops undefined fields", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: "x" }, z: undefined })).toBe('{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it("gives equal keys for equal recipes whatever the key order, and different keys for different values", () => {
    expect(keyOf({ suite: "bookworm", variant: "minbase" })).toBe(keyOf({ variant: "minbase", suite: "bookworm" }));
    expect(keyOf({ suite: "bookworm" })).not.toBe(keyOf({ suite: "trixie" }));
    expect(keyOf({ a: [1, 2] })).not.toBe(keyOf({ a: [2, 1] }));
  });

  it("is the sha256 of the canonical JSON, shortened to 12 characters for tags", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(keyOf({ b: 2, a: 1 })).toBe(sha256('{"a":1,"b":2}'));
    expect(shortKey("ba7816bf8f01cfea414140de5dae2223")).toBe("ba7816bf8f01");
  });
});
