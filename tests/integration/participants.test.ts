import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { ensureImages } from "../../labs/lib/images";
import { resultsDirOf } from "../../labs/lib/measure/runMeasurement";
import { readResults } from "../../labs/lib/measure/results";
import { stackFile } from "../../labs/lib/participantStacks";
import { stackRef } from "../../model/participants";
import type { PlatformName } from "../../model/labConfig";
import { getJson } from "./httpJson";
import { everythingLeftOf, runLabCommand, settingsOf } from "./labCommand";

/**
 * A class on one server: three participants' docker stacks and two participants' libvirt stacks deployed at once
 * through the lab's own commands, each with its own names, ports and subnet; one of them measured; all torn down,
 * leaving nothing of any of them.
 */
const dockerParticipants = ["tpalice", "tpbob", "tpcarol"];
const libvirtParticipants = ["tpalice", "tpbob"];
const stacks = [...dockerParticipants.map((participant) => stackRef("docker", participant)), ...libvirtParticipants.map((participant) => stackRef("libvirt", participant))];

interface StackOutputs {
  webUrl: string;
  instances: { app: string; name: string; endpoint: { host: string; port: number } }[];
}

async function downAll(): Promise<string[]> {
  const failures: string[] = [];
  for (const stack of stacks) {
    if (!fs.existsSync(stackFile(stack.name))) continue;
    const down = await runLabCommand(["down", "--", stack.platform, "--as", stack.participant ?? ""]);
    if (down.exitCode !== 0) failures.push(`${stack.name}: ${down.output.slice(-800)}`);
  }
  return failures;
}

function forgetParticipants(): void {
  for (const stack of stacks) fs.rmSync(stackFile(stack.name), { force: true });
  for (const participant of dockerParticipants) fs.rmSync(resultsDirOf(participant), { recursive: true, force: true });
}

describe("a class on one server: participants' stacks side by side", () => {
  jest.setTimeout(1_800_000);

  beforeAll(async () => {
    await ensureImages(() => undefined);
    await downAll();
    forgetParticipants();
  });

  afterAll(async () => {
    const failures = await downAll();
    forgetParticipants();
    if (failures.length > 0) throw new Error(`down failed: ${failures.join("\n")}`);
  });

  it("deploys three docker and two libvirt participant stacks at once, measures one, and tears all down with nothing left", async () => {
    const up = async (platform: PlatformName, participants: string[]) =>
      Promise.all(participants.map(async (participant) => ({ participant, result: await runLabCommand(["up", "--", platform, "--as", participant]) })));
    const ups = [...(await up("docker", dockerParticipants)), ...(await up("libvirt", libvirtParticipants))];
    for (const { participant, result } of ups) {
      if (result.exitCode !== 0) throw new Error(`up for ${participant} failed:\n${result.output.slice(-3000)}`);
      expect(result.output).toMatch(new RegExp(`participant ${participant}: stack ${participant}-(docker|libvirt) at seat \\d+`));
    }

    const files = stacks.map((stack) => yaml.load(fs.readFileSync(stackFile(stack.name), "utf8")) as { config: Record<string, unknown> });
    const seats = files.map((file) => Number(file.config["vm-container-lab:seat"]));
    expect(seats.slice(0, 3).sort()).toEqual([1, 2, 3]);
    const subnets = files.map((file) => file.config["vm-container-lab:containerSubnet"] ?? file.config["vm-container-lab:hostOnlySubnet"]);
    expect(new Set(subnets).size).toBe(stacks.length);

    const outputs = await Promise.all(stacks.map(async (stack) => {
      const result = await runLabCommand(["pulumi", "--", "stack", "output", "--json", "-s", stack.name]);
      expect(result.exitCode).toBe(0);
      return JSON.parse(result.output.slice(result.output.indexOf("{"))) as StackOutputs;
    }));
    const names = outputs.flatMap((output) => output.instances.map((instance) => instance.name));
    expect(new Set(names).size).toBe(names.length);
    stacks.forEach((stack, index) => expect(outputs[index].instances.every((instance) => instance.name.startsWith(`vmcl-${stack.participant}-${stack.platform}-`))).toBe(true));
    const endpoints = outputs.flatMap((output) => output.instances.map((instance) => `${instance.endpoint.host}:${instance.endpoint.port}`));
    expect(new Set(endpoints).size).toBe(endpoints.length);
    for (const output of outputs) {
      const first = await getJson<{ visits: number }>(`${output.webUrl}api/visits`);
      const second = await getJson<{ visits: number }>(`${output.webUrl}api/visits`);
      expect(second.visits).toBe(first.visits + 1);
    }

    const measured = await runLabCommand(["measure", "--", "docker", "--as", "tpbob", "--samples", "2"]);
    if (measured.exitCode !== 0) throw new Error(`measure failed:\n${measured.output.slice(-3000)}`);
    const resultsFolder = path.join(resultsDirOf("tpbob"), "docker");
    const [runFile] = fs.readdirSync(resultsFolder).filter((name) => name.endsWith(".json"));
    const results = readResults(path.join(resultsFolder, runFile));
    expect(results.stack).toBe("tpbob-docker");
    expect(results.instances.map((instance) => instance.name).sort()).toEqual(["vmcl-tpbob-docker-api", "vmcl-tpbob-docker-db", "vmcl-tpbob-docker-web"]);
    const report = await runLabCommand(["report", "--", "--as", "tpbob"]);
    expect(report.exitCode).toBe(0);
    expect(fs.existsSync(path.join(resultsDirOf("tpbob"), "report.html"))).toBe(true);

    const settings = await Promise.all(stacks.map((stack) => settingsOf(stack.name)));
    expect(await downAll()).toEqual([]);
    for (const [index, stack] of stacks.entries()) expect(await everythingLeftOf(stack.name, settings[index])).toEqual([]);
  });

  it("refuses a participant name that cannot become engine names, and a down of a participant who has no stack", async () => {
    const badName = await runLabCommand(["up", "--", "docker", "--as", "Bob Smith"]);
    expect(badName.exitCode).not.toBe(0);
    expect(badName.output).toMatch(/"Bob Smith" cannot be a participant's name/);
    expect(fs.existsSync(stackFile("Bob Smith-docker"))).toBe(false);
    const nobody = await runLabCommand(["down", "--", "libvirt", "--as", "tpnobody"]);
    expect(nobody.exitCode).not.toBe(0);
    expect(nobody.output).toMatch(/tpnobody has no libvirt stack/);
  });
});
