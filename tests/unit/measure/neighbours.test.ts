import { neighbourChanges } from "../../../labs/lib/measure/measureStack";

const stackApps = ["db", "api", "web"] as const;

describe("quiet neighbours while an instance is sampled", () => {
  it("stops the apps the sampled one does not need and keeps those it needs", () => {
    expect(neighbourChanges(stackApps, "db", new Set())).toEqual({ start: [], stop: ["api", "web"] });
    expect(neighbourChanges(stackApps, "web", new Set())).toEqual({ start: [], stop: [] });
  });

  it("starts again what an earlier instance's sampling stopped when the next one needs it, and never touches the sampled one", () => {
    expect(neighbourChanges(stackApps, "api", new Set(["api", "web"]))).toEqual({ start: [], stop: [] });
    expect(neighbourChanges(stackApps, "web", new Set(["api", "web"]))).toEqual({ start: ["api"], stop: [] });
    expect(neighbourChanges(stackApps, "db", new Set(["web"]))).toEqual({ start: [], stop: ["api"] });
  });
});
