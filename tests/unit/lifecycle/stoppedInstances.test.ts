import type { ProcessPromise } from "zx";
import type { AppInstance } from "../../../model/deployment";
import type { LabHost } from "../../../labs/lib/labHost";
import { instanceRuns, startStoppedInstances } from "../../../labs/lib/stoppedInstances";

/** A lab host whose engine answers `answers[name]` about each instance, and that records every command. */
function fakeHost(answers: Record<string, string>): { host: LabHost; commands: string[][] } {
  const commands: string[][] = [];
  const run = (argv: readonly string[]) => {
    commands.push([...argv]);
    const name = argv.at(-1) ?? "";
    const asking = argv.includes("inspect") || argv.includes("domstate");
    return Promise.resolve({ stdout: asking ? `${answers[name]}\n` : "", stderr: "", exitCode: 0, ok: true }) as unknown as ProcessPromise;
  };
  const host: LabHost = {
    description: "fake",
    commandsRun: 0,
    runsAsRoot: true,
    run,
    readFile: () => Promise.reject(new Error("not read")),
    fileExists: () => Promise.resolve(false),
    reach: (endpoint) => Promise.resolve(endpoint),
    close: () => Promise.resolve(),
  };
  return { host, commands };
}

const instance = (app: AppInstance["app"], kind: AppInstance["kind"], name: string): AppInstance =>
  ({ app, kind, name, instanceId: name, endpoint: { host: "127.0.0.1", port: 1, via: "lo" }, memoryLimitBytes: 1 }) as AppInstance;

describe("instances a measurement left stopped", () => {
  it("reads the engines' answers: a container's State.Running, a domain's state", () => {
    expect(instanceRuns("container", "true\n")).toBe(true);
    expect(instanceRuns("container", "false\n")).toBe(false);
    expect(instanceRuns("vm", "running\n")).toBe(true);
    expect(instanceRuns("vm", "shut off\n")).toBe(false);
  });

  it("starts only the stopped containers, in catalog order, and says which", async () => {
    const { host, commands } = fakeHost({ "vmcl-docker-db": "false", "vmcl-docker-api": "true", "vmcl-docker-web": "false" });
    const instances = [instance("db", "container", "vmcl-docker-db"), instance("api", "container", "vmcl-docker-api"), instance("web", "container", "vmcl-docker-web")];
    const started = await startStoppedInstances(instances, host);
    expect(started.map((entry) => entry.name)).toEqual(["vmcl-docker-db", "vmcl-docker-web"]);
    expect(commands.filter((argv) => argv[1] === "start")).toEqual([["docker", "start", "vmcl-docker-db"], ["docker", "start", "vmcl-docker-web"]]);
  });

  it("starts a shut-off domain through the stack's libvirt URI as the lab host reaches it, and leaves running ones alone", async () => {
    const { host, commands } = fakeHost({ "vmcl-libvirt-db": "running", "vmcl-libvirt-api": "shut off" });
    const started = await startStoppedInstances([instance("db", "vm", "vmcl-libvirt-db"), instance("api", "vm", "vmcl-libvirt-api")], host, "qemu+ssh://lab@labhost/system");
    expect(started.map((entry) => entry.name)).toEqual(["vmcl-libvirt-api"]);
    expect(commands.filter((argv) => argv.includes("start"))).toEqual([["virsh", "-c", "qemu:///system", "start", "vmcl-libvirt-api"]]);
  });
});
