import { checkLocalCommandInputs, commandEnvironment, diffLocalCommand, trimFinalNewline } from "../../../stacks/providers/command";

describe("LocalCommand", () => {
  const inputs = checkLocalCommandInputs({ create: "echo hi", delete: "echo bye" }).inputs;
  const olds = { ...inputs, stdout: "hi", stderr: "", __provider: "code" };

  it("fills in the defaults", () => {
    expect(checkLocalCommandInputs({ create: "echo hi" })).toEqual({ inputs: { create: "echo hi", environment: {}, triggers: [] }, failures: [] });
  });

  it("rejects an empty create command and a non-string environment", () => {
    const { failures } = checkLocalCommandInputs({ create: "", environment: { A: 1 as unknown as string } });
    expect(failures.map((failure) => failure.property)).toEqual(["create", "environment"]);
  });

  it("sees no change on a second run", () => {
    expect(diffLocalCommand(olds, { ...inputs, __provider: "code" } as typeof inputs).changes).toBe(false);
  });

  it("replaces, old delete first, when create, environment, directory or triggers change", () => {
    expect(diffLocalCommand(olds, { ...inputs, create: "echo ho" })).toEqual({ changes: true, replaces: ["create"], stables: [], deleteBeforeReplace: true });
    expect(diffLocalCommand(olds, { ...inputs, triggers: ["v2"] }).replaces).toEqual(["triggers"]);
    expect(diffLocalCommand(olds, { ...inputs, environment: { A: "1" } }).replaces).toEqual(["environment"]);
    expect(diffLocalCommand(olds, { ...inputs, dir: "/tmp" }).replaces).toEqual(["dir"]);
  });

  it("only records a changed delete command", () => {
    expect(diffLocalCommand(olds, { ...inputs, delete: "echo later" })).toEqual({ changes: true, replaces: [], stables: ["stdout", "stderr"], deleteBeforeReplace: false });
  });

  it("layers the environment: process, resource, then extra variables", () => {
    expect(commandEnvironment({ PATH: "/bin", A: "base" }, { A: "resource", B: "b" }, { PULUMI_COMMAND_STDOUT: "out" })).toEqual({
      PATH: "/bin",
      A: "resource",
      B: "b",
      PULUMI_COMMAND_STDOUT: "out",
    });
  });

  it("drops exactly one final newline", () => {
    expect(trimFinalNewline("proof\n")).toBe("proof");
    expect(trimFinalNewline("a\n\n")).toBe("a\n");
    expect(trimFinalNewline("")).toBe("");
  });
});
