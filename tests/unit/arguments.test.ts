import * as fs from "node:fs";
import * as path from "node:path";
import { parseArguments, scriptTable, usage, type ScriptName } from "../../labs/lib/arguments";
import { LabError } from "../../model/labError";

/** The LabError a command line gives, or undefined when it parses. */
function errorOf(script: ScriptName, argv: string[]): LabError | undefined {
  try {
    parseArguments(script, argv);
    return undefined;
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
}

describe("the scripts' command lines", () => {
  it("has an entry for every script in labs/ and for nothing else", () => {
    const scripts = fs.readdirSync(path.join(__dirname, "..", "..", "labs")).filter((file) => file.endsWith(".ts")).map((file) => file.replace(/\.ts$/, ""));
    expect(Object.keys(scriptTable).sort()).toEqual(scripts.sort());
  });

  it("lab: takes --keep and --samples, with the defaults filled in", () => {
    expect(parseArguments("lab", []).values).toEqual({ keep: false, samples: 5 });
    expect(parseArguments("lab", ["--keep", "--samples", "3"]).values).toEqual({ keep: true, samples: 3 });
    expect(parseArguments("lab", ["--samples=7"]).values).toEqual({ keep: false, samples: 7 });
    expect(() => parseArguments("lab", ["--samples", "many"])).toThrow(LabError);
    expect(() => parseArguments("lab", ["--samples", "many"])).toThrow('--samples must be an integer from 1 to 50, not "many".');
    expect(() => parseArguments("lab", ["--samples"])).toThrow('--samples must be an integer from 1 to 50, not "".');
    expect(() => parseArguments("lab", ["--samples", "2.5"])).toThrow(/--samples must be an integer/);
    expect(() => parseArguments("lab", ["--destroy-everything"])).toThrow(/Unknown option "--destroy-everything"/);
    expect(() => parseArguments("lab", ["--keep=yes"])).toThrow('--keep takes no value, got "yes".');
    expect(() => parseArguments("lab", ["docker"])).toThrow('Unexpected argument "docker".');
  });

  it("up and down: name exactly one of the lab's stacks", () => {
    expect(parseArguments("up", ["libvirt"]).positionals).toEqual(["libvirt"]);
    expect(parseArguments("down", ["docker"]).positionals).toEqual(["docker"]);
    expect(() => parseArguments("up", ["prod"])).toThrow(/There is no lab stack called "prod"[\s\S]*docker, libvirt/);
    expect(() => parseArguments("up", [])).toThrow(/No lab stack was given/);
    expect(() => parseArguments("down", ["docker", "libvirt"])).toThrow("`npm run down` takes one lab stack, got 2: docker libvirt.");
    expect(() => parseArguments("up", ["docker", "--samples", "3"])).toThrow(/Unknown option "--samples"[\s\S]*npm run up -- docker/);
  });

  it("measure: a target (a stack or all) and --samples", () => {
    expect(parseArguments("measure", ["all"])).toEqual({ values: { samples: 5 }, positionals: ["all"] });
    expect(parseArguments("measure", ["libvirt", "--samples", "3"])).toEqual({ values: { samples: 3 }, positionals: ["libvirt"] });
    expect(parseArguments("measure", ["--samples", "3", "docker"])).toEqual({ values: { samples: 3 }, positionals: ["docker"] });
    expect(() => parseArguments("measure", ["kubernetes"])).toThrow(/There is no measurement target called "kubernetes"[\s\S]*docker, libvirt, all/);
    expect(() => parseArguments("measure", [])).toThrow(/No measurement target was given/);
    expect(() => parseArguments("measure", ["docker", "--samples", "0"])).toThrow(/--samples must be an integer from 1 to 50/);
    expect(() => parseArguments("measure", ["docker", "--samples", "51"])).toThrow(/--samples must be an integer from 1 to 50/);
    expect(() => parseArguments("measure", ["docker", "--fast"])).toThrow(/Unknown option "--fast"/);
  });

  it("report: the latest runs, one or two given runs, or --compare with exactly two, wherever the option stands", () => {
    expect(parseArguments("report", [])).toEqual({ values: { compare: false, class: false }, positionals: [] });
    expect(parseArguments("report", ["2026-11-25T13-40-04.261Z"]).positionals).toEqual(["2026-11-25T13-40-04.261Z"]);
    expect(parseArguments("report", ["a.json", "b"]).positionals).toEqual(["a.json", "b"]);
    expect(parseArguments("report", ["--compare", "a", "b"])).toEqual({ values: { compare: true, class: false }, positionals: ["a", "b"] });
    expect(parseArguments("report", ["a", "--compare", "b"])).toEqual({ values: { compare: true, class: false }, positionals: ["a", "b"] });
    expect(() => parseArguments("report", ["--compare", "a"])).toThrow("--compare needs exactly 2 runs, got 1.");
    expect(() => parseArguments("report", ["--compare", "a", "b", "c"])).toThrow("--compare needs exactly 2 runs, got 3.");
    expect(() => parseArguments("report", ["a", "b", "c"])).toThrow(/`npm run report` takes at most 2 runs, got 3[\s\S]*at most one per stack/);
    expect(() => parseArguments("report", ["--html"])).toThrow('Unknown option "--html".');
  });

  it("soak: --cycles N from 1 to 500, 2 by default", () => {
    expect(parseArguments("soak", ["--cycles", "20"]).values).toEqual({ cycles: 20 });
    expect(parseArguments("soak", []).values).toEqual({ cycles: 2 });
    expect(() => parseArguments("soak", ["--cycles", "0"])).toThrow(/--cycles must be an integer from 1 to 500, not "0"[\s\S]*--cycles N/);
    expect(() => parseArguments("soak", ["20"])).toThrow('Unexpected argument "20".');
  });

  it("pulumi: passes everything through and reads only Pulumi's -s/--stack", () => {
    expect(parseArguments("pulumi", ["config", "set", "-s", "docker", "vm-container-lab:hostPorts", "{}"]).values).toEqual({ stack: "docker" });
    expect(parseArguments("pulumi", ["up", "--yes", "--stack=libvirt"]).values).toEqual({ stack: "libvirt" });
    expect(parseArguments("pulumi", ["stack", "ls"]).values).toEqual({ stack: undefined });
    expect(parseArguments("pulumi", ["config", "-s"]).values).toEqual({ stack: undefined });
  });

  it("scripts without options refuse any", () => {
    for (const script of ["doctor", "sdk"] as const) {
      expect(parseArguments(script, [])).toEqual({ values: {}, positionals: [] });
      expect(() => parseArguments(script, ["--verbose"])).toThrow(new RegExp(`Unknown option "--verbose"[\\s\\S]*npm run ${script}`));
    }
  });

  it("makes every mistake one LabError paragraph: the problem, then the fix with the usage and an example", () => {
    const cases: [ScriptName, string[]][] = [
      ["lab", ["--samples", "0"]],
      ["up", ["prod"]],
      ["measure", ["docker", "--fast"]],
      ["report", ["--compare", "a"]],
      ["soak", ["--cycles"]],
      ["doctor", ["extra"]],
    ];
    for (const [script, argv] of cases) {
      const error = errorOf(script, argv);
      expect(error).toBeInstanceOf(LabError);
      expect(error?.message.split("\n")).toHaveLength(2);
      expect(error?.remedy).toMatch(/^call it as `npm run /);
    }
  });

  it("writes each script's usage from the tables", () => {
    expect(usage("lab")).toBe("npm run lab -- [--keep] [--samples N] [--as NAME]");
    expect(usage("up")).toBe("npm run up -- STACK [--as NAME]");
    expect(usage("measure")).toBe("npm run measure -- TARGET [--samples N] [--as NAME]");
    expect(usage("report")).toBe("npm run report -- [RUN [RUN]] [--compare] [--class] [--as NAME]");
    expect(usage("doctor")).toBe("npm run doctor");
  });

  it("reads a participant's name with --as and refuses --as without one", () => {
    expect(parseArguments("up", ["libvirt", "--as", "alice"])).toEqual({ values: { as: "alice" }, positionals: ["libvirt"] });
    expect(parseArguments("down", ["docker"]).values.as).toBeUndefined();
    expect(() => parseArguments("measure", ["all", "--as"])).toThrow(/--as needs a value: --as NAME/);
    expect(() => parseArguments("soak", ["--as", "alice"])).toThrow(/Unknown option "--as"/);
  });
});
