import { parseReportArguments } from "../../../labs/lib/report/arguments";
import { LabError } from "../../../model/labError";

describe("parseReportArguments", () => {
  it("reports the latest runs without arguments, or the one or two runs given", () => {
    expect(parseReportArguments([])).toEqual({ kind: "report", runs: [] });
    expect(parseReportArguments(["2026-11-25T13-40-04.261Z"])).toEqual({ kind: "report", runs: ["2026-11-25T13-40-04.261Z"] });
    expect(parseReportArguments(["a.json", "b"])).toEqual({ kind: "report", runs: ["a.json", "b"] });
  });

  it("compares exactly two runs with --compare, wherever the option stands", () => {
    expect(parseReportArguments(["--compare", "a", "b"])).toEqual({ kind: "compare", runs: ["a", "b"] });
    expect(parseReportArguments(["a", "--compare", "b"])).toEqual({ kind: "compare", runs: ["a", "b"] });
  });

  it("refuses other counts and unknown options with a LabError saying how to call it", () => {
    expect(() => parseReportArguments(["--compare", "a"])).toThrow("--compare needs exactly two runs, got 1.");
    expect(() => parseReportArguments(["--compare", "a", "b", "c"])).toThrow("--compare needs exactly two runs, got 3.");
    expect(() => parseReportArguments(["a", "b", "c"])).toThrow("A report shows at most two runs (one per stack), got 3.");
    expect(() => parseReportArguments(["--html"])).toThrow('Unknown option "--html".');
    expect(() => parseReportArguments(["--html"])).toThrow(LabError);
  });
});
