import * as pulumi from "@pulumi/pulumi";
import { localCommandProvider } from "../../../stacks/providers/command";

/** Serializes a provider the way pulumi.dynamic.Resource does and loads it back, as Pulumi's provider host does. */
async function roundTrip(provider: pulumi.dynamic.ResourceProvider): Promise<{ text: string; loaded: pulumi.dynamic.ResourceProvider }> {
  const { text } = await pulumi.runtime.serializeFunction(() => provider);
  const module = { exports: {} as { handler: () => pulumi.dynamic.ResourceProvider } };
  new Function("exports", "require", "module", text)(module.exports, require, module);
  return { text, loaded: module.exports.handler() };
}

const nodeBuiltins = new Set(["child_process", "crypto", "fs", "os", "path", "path/posix"]);

describe("the serialized LocalCommand provider", () => {
  jest.setTimeout(60_000);

  it.each([
    ["LocalCommand", localCommandProvider, { create: "true" }],
  ])("%s needs only Node built-ins and still checks its inputs", async (_kind, provider, inputs) => {
    const { text, loaded } = await roundTrip(provider as pulumi.dynamic.ResourceProvider);
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(required.filter((name) => !nodeBuiltins.has(name))).toEqual([]);
    expect(text).not.toContain("@pulumi");
    const checked = await loaded.check!({}, inputs);
    expect(checked.failures).toEqual([]);
    expect(await loaded.diff!("id", { ...checked.inputs, __provider: "code" }, { ...checked.inputs, __provider: "code" })).toMatchObject({ changes: false, replaces: [] });
  });
});
