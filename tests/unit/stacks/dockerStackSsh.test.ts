import { runDockerProgram, type RecordedResource } from "./dockerProgram";

describe("the docker stack on a lab host over ssh", () => {
  let recorded: RecordedResource[] = [];

  beforeAll(async () => {
    ({ recorded } = await runDockerProgram({ dockerHost: "ssh://lab@127.0.0.1:2222" }));
  }, 60_000);

  it("gives the provider the ssh URL and ssh options that fail instead of prompting", () => {
    const provider = recorded.find((resource) => resource.type === "pulumi:providers:docker");
    expect(provider?.inputs.host).toBe("ssh://lab@127.0.0.1:2222");
    // A provider's inputs may arrive JSON-encoded, as provider configuration is.
    const sshOpts = provider?.inputs.sshOpts;
    expect(typeof sshOpts === "string" ? JSON.parse(sshOpts) : sshOpts).toEqual(["-o", "BatchMode=yes", "-o", "ConnectTimeout=10"]);
  });
});
