import { containerNamed, ofDockerType, outputValue, runDockerProgram, type RecordedResource, type StackProgram } from "./dockerProgram";

describe("the docker stack with the tuned profile", () => {
  let program: StackProgram;
  let recorded: RecordedResource[] = [];

  beforeAll(async () => {
    ({ program, recorded } = await runDockerProgram({
      containerProfile: "tuned",
      containerSubnet: "10.79.0.0/24",
    }));
  }, 60_000);

  it("gives each app a network namespace holder with the app's fixed address, and no published port", () => {
    const holders = ofDockerType(recorded, "Container").filter((container) => String(container.inputs.name).endsWith("-netns"));
    expect(holders.map((holder) => holder.inputs.name).sort()).toEqual(["vmcl-docker-api-netns", "vmcl-docker-db-netns", "vmcl-docker-web-netns"]);
    expect(containerNamed(recorded, "vmcl-docker-web-netns")).toMatchObject({
      image: "vm-container-lab/base:test",
      command: ["sleep", "infinity"],
      networksAdvanced: [{ name: "vmcl-docker-net", aliases: ["web"], ipv4Address: "10.79.0.13" }],
      capabilities: { drops: ["ALL"], adds: [] },
      readOnly: true,
      stopSignal: "SIGKILL",
    });
    for (const holder of holders) expect(holder.inputs.ports ?? []).toEqual([]);
  });

  it("starts each app in its holder's network namespace, with no network or port of its own", () => {
    for (const app of ["db", "api", "web"]) {
      const container = containerNamed(recorded, `vmcl-docker-${app}`);
      expect(container.networkMode).toBe(`container:id-of-vmcl-docker-${app}-netns`);
      expect(container.networksAdvanced).toBeUndefined();
      expect(container.ports).toBeUndefined();
    }
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
