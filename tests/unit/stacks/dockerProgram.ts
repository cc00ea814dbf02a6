import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export type StackProgram = typeof import("../../../stacks/index");

export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/**
 * Runs the stack program as the docker stack with the test ports and memory limits and `config` (keys without the
 * project prefix) under mocks that record every resource and refuse every provider call. Built images come from a
 * stub; a container's id is `id-of-NAME`. Waits until the three pids-limit commands, which wait for their containers'
 * ids, were registered too.
 */
export async function runDockerProgram(config: Record<string, string> = {}): Promise<{ program: StackProgram; recorded: RecordedResource[] }> {
  const recorded: RecordedResource[] = [];
  jest.doMock("../../../stacks/labFiles", () => ({
    ...jest.requireActual("../../../stacks/labFiles"),
    readBuiltImages: () => ({
      docker: {
        base: { tag: "vm-container-lab/base:test" },
        apps: { web: { tag: "vm-container-lab/web:test" }, api: { tag: "vm-container-lab/api:test" }, db: { tag: "vm-container-lab/db:test" } },
      },
    }),
  }));
  const testSettings = { hostPorts: JSON.stringify({ web: 18080, api: 13000, db: 16379 }), memoryMiB: JSON.stringify({ web: 64, api: 128, db: 96 }) };
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries({ platform: "docker", ...testSettings, ...config }).map(([key, value]) => [`vm-container-lab:${key}`, value])));
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: args.type === "docker:index/container:Container" ? `id-of-${args.inputs.name}` : `${args.name}-id`, state: args.inputs };
      },
      call: (args) => {
        throw new Error(`unexpected call to ${args.token}`);
      },
    },
    "vm-container-lab",
    "docker",
  );
  const program = await import("../../../stacks/index");
  await outputValue(program.instances);
  while (recorded.filter((resource) => resource.name.endsWith("-pids-limit")).length < 3) await new Promise((resolve) => setTimeout(resolve, 50));
  return { program, recorded };
}

/** The recorded resources of a docker provider type, e.g. "Container". */
export function ofDockerType(recorded: readonly RecordedResource[], type: string): RecordedResource[] {
  return recorded.filter((resource) => resource.type === `docker:index/${type.charAt(0).toLowerCase()}${type.slice(1)}:${type}`);
}

/** The inputs of the container named `name`. */
export function containerNamed(recorded: readonly RecordedResource[], name: string): Record<string, unknown> {
  const found = ofDockerType(recorded, "Container").find((candidate) => candidate.inputs.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found.inputs;
}
