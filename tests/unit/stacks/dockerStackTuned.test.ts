import * as pulumi from "@pulumi/pulumi";

interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const recorded: RecordedResource[] = [];

jest.mock("../../../stacks/labFiles", () => ({
  ...jest.requireActual("../../../stacks/labFiles"),
  readBuiltImages: () => ({ docker: { apps: { web: { tag: "vm-container-lab/web:test" }, api: { tag: "vm-container-lab/api:test" }, db: { tag: "vm-container-lab/db:test" } } } }),
}));

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("the docker stack with the tuned profile", () => {
  let program: typeof import("../../../stacks/index");

  beforeAll(async () => {
    pulumi.runtime.setAllConfig({
      "vm-container-lab:platform": "docker",
      "vm-container-lab:hostPorts": JSON.stringify({ web: 18080, api: 13000, db: 16379 }),
      "vm-container-lab:memoryMiB": JSON.stringify({ web: 64, api: 128, db: 96 }),
      "vm-container-lab:containerProfile": "tuned",
      "vm-container-lab:containerSubnet": "10.79.0.0/24",
    });
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => {
          throw new Error(`unexpected call to ${args.token}`);
        },
      },
      "vm-container-lab",
      "docker",
    );
    program = await import("../../../stacks/index");
    await outputValue(program.instances);
  }, 60_000);

  it("publishes no port and gives each container its fixed address on the lab network", () => {
    const containers = recorded.filter((resource) => resource.type === "docker:index/container:Container");
    expect(containers).toHaveLength(3);
    for (const container of containers) expect(container.inputs.ports ?? []).toEqual([]);
    expect(containers.find((container) => container.inputs.name === "vmcl-docker-web")?.inputs.networksAdvanced).toEqual([{ name: "vmcl-docker-net", aliases: ["web"], ipv4Address: "10.79.0.13" }]);
  });

  it("says the host reaches each app on the bridge, and exports the profile", async () => {
    expect(program.profile).toBe("tuned");
    expect(program.webUrl).toBe("http://10.79.0.13/");
    const instances = await outputValue(program.instances);
    expect(instances.map((instance) => instance.endpoint)).toEqual([
      { host: "10.79.0.11", port: 6379, via: "vmcl-docker-br" },
      { host: "10.79.0.12", port: 3000, via: "vmcl-docker-br" },
      { host: "10.79.0.13", port: 80, via: "vmcl-docker-br" },
    ]);
  });
});
