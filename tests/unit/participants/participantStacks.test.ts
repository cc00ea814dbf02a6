import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { parseLabConfig } from "../../../model/labConfig";
import { LabError } from "../../../model/labError";
import { stackRef } from "../../../model/participants";
import { allStackClaims, checkStackClaims, configSourceOf, ensureParticipantStack, resolveStack, stacksDir, type SeatContext } from "../../../labs/lib/participantStacks";

/** A stack file's settings, read as the stack's own `up` reads them. */
function settingsIn(file: string) {
  const config = (yaml.load(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> }).config;
  return parseLabConfig(configSourceOf(config), path.basename(file).slice("Pulumi.".length, -".yaml".length));
}

describe("participant stack files", () => {
  let dir: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const file = (stack: string) => path.join(dir, `Pulumi.${stack}.yaml`);
  /** This folder's stack files, on a host that routes and listens on nothing: seats depend only on the files. */
  let seats: SeatContext;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-stacks-"));
    for (const platform of ["docker", "libvirt"]) fs.copyFileSync(path.join(stacksDir, `Pulumi.${platform}.yaml`), file(platform));
    lines.length = 0;
    seats = { dir, freeOnHost: async () => true };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("derives a participant's stack from the platform's: same settings, own seat, prefix, subnet and ports", async () => {
    const alice = { ...stackRef("docker", "alice"), participant: "alice" };
    await ensureParticipantStack(alice, log, seats);
    const base = settingsIn(file("docker"));
    const derived = settingsIn(file("alice-docker"));
    if (derived.platform !== "docker" || base.platform !== "docker") throw new Error("expected docker settings");
    expect(derived).toEqual({ ...base, namePrefix: "vmcl-alice-docker", containerSubnet: "10.78.1.0/24", hostPorts: { web: base.hostPorts.web + 10, api: base.hostPorts.api + 10, db: base.hostPorts.db + 10 } });
    expect(fs.readFileSync(file("alice-docker"), "utf8")).toMatch(/^# alice's docker stack \(seat 1\)/);
    expect(fs.readFileSync(file("alice-docker"), "utf8")).not.toMatch(/encryptionsalt/);
    expect(lines).toEqual([expect.stringMatching(/participant alice: stack alice-docker at seat 1: names vmcl-alice-docker-\*, subnet 10\.78\.1\.0\/24, ports db 16389, api 13010, web 18090 \(.*Pulumi\.alice-docker\.yaml\)$/)]);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("seats three participants apart, keeps a participant's seat on the other platform, and leaves an existing file alone", async () => {
    for (const participant of ["alice", "bob", "carol"]) await ensureParticipantStack({ ...stackRef("docker", participant), participant }, log, seats);
    await ensureParticipantStack({ ...stackRef("libvirt", "carol"), participant: "carol" }, log, seats);
    const claims = allStackClaims(dir);
    expect(claims.map((claim) => [claim.stack, claim.subnet])).toEqual([
      ["alice-docker", "10.78.1.0/24"],
      ["bob-docker", "10.78.2.0/24"],
      ["carol-docker", "10.78.3.0/24"],
      ["carol-libvirt", "10.77.3.0/24"],
      ["docker", "10.78.0.0/24"],
      ["libvirt", "10.77.0.0/24"],
    ]);
    fs.rmSync(file("carol-libvirt"));
    fs.writeFileSync(file("carol-docker"), fs.readFileSync(file("carol-docker"), "utf8").replace("vm-container-lab:seat: 3", "vm-container-lab:seat: \"3\""));
    await ensureParticipantStack({ ...stackRef("libvirt", "carol"), participant: "carol" }, log, seats);
    expect(allStackClaims(dir).find((claim) => claim.stack === "carol-libvirt")?.subnet).toBe("10.77.3.0/24");
    const before = fs.readFileSync(file("bob-docker"), "utf8");
    await ensureParticipantStack({ ...stackRef("docker", "bob"), participant: "bob" }, log, seats);
    expect(fs.readFileSync(file("bob-docker"), "utf8")).toBe(before);
  });

  it("completes a stack file that `pulumi stack init` and a hand-set key made, keeping what it holds", async () => {
    fs.writeFileSync(file("hana-libvirt"), "encryptionsalt: v1:abc\nconfig:\n  vm-container-lab:vcpus: \"2\"\n");
    await ensureParticipantStack({ ...stackRef("libvirt", "hana"), participant: "hana" }, log, seats);
    const written = yaml.load(fs.readFileSync(file("hana-libvirt"), "utf8")) as { encryptionsalt: string; config: Record<string, unknown> };
    expect(written.encryptionsalt).toBe("v1:abc");
    const settings = settingsIn(file("hana-libvirt"));
    expect(settings).toMatchObject({ platform: "libvirt", vcpus: 2, namePrefix: "vmcl-hana-libvirt", hostOnlySubnet: "10.77.1.0/24" });
  });

  it("gives participants who start together different seats", async () => {
    // A host check that takes a while, as `ip route` and the port probes do: without the seat lock all four would take seat 1.
    const slowHost: SeatContext = { dir, freeOnHost: () => new Promise((resolve) => setTimeout(() => resolve(true), 20)) };
    await Promise.all(["dan", "erin", "frank", "gina"].map((participant) => ensureParticipantStack({ ...stackRef("docker", participant), participant }, log, slowHost)));
    const subnets = allStackClaims(dir).map((claim) => claim.subnet);
    expect(new Set(subnets).size).toBe(subnets.length);
    expect(subnets.sort()).toEqual(["10.77.0.0/24", "10.78.0.0/24", "10.78.1.0/24", "10.78.2.0/24", "10.78.3.0/24", "10.78.4.0/24"]);
  });

  it("refuses a stack whose prefix, subnet or ports another stack file holds, before anything is made", async () => {
    await ensureParticipantStack({ ...stackRef("docker", "alice"), participant: "alice" }, log, seats);
    fs.writeFileSync(file("mallory-docker"), fs.readFileSync(file("alice-docker"), "utf8").replace("vmcl-alice-docker", "vmcl-mallory-docker"));
    const settings = settingsIn(file("mallory-docker"));
    expect(() => checkStackClaims("mallory-docker", settings, dir)).toThrow(LabError);
    expect(() => checkStackClaims("mallory-docker", settings, dir)).toThrow(/Stack mallory-docker would share subnet 10\.78\.1\.0\/24 \(also alice-docker's\), port 16389 \(also alice-docker's\), port 13010 .*: two stacks deployed with the same names, subnet or ports would break each other/);
    expect(() => checkStackClaims("alice-docker", settingsIn(file("alice-docker")), path.join(dir))).toThrow(/mallory-docker/);
    fs.rmSync(file("mallory-docker"));
    expect(() => checkStackClaims("alice-docker", settingsIn(file("alice-docker")), dir)).not.toThrow();
  });

  it("needs an existing stack file for anything but deploying, and says how to make one", async () => {
    await expect(resolveStack("docker", "dave", "existing", log, seats)).rejects.toThrow(/dave has no docker stack: there is no .*Pulumi\.dave-docker\.yaml/);
    await expect(resolveStack("docker", "dave", "existing", log, seats)).rejects.toThrow(/npm run up -- docker --as dave/);
    expect(await resolveStack("docker", undefined, "existing", log, seats)).toEqual({ name: "docker", platform: "docker" });
    expect(await resolveStack("docker", "dave", "deploy", log, seats)).toEqual({ name: "dave-docker", platform: "docker", participant: "dave" });
    expect(fs.existsSync(file("dave-docker"))).toBe(true);
  });
});
