import { LabError } from "../../../model/labError";
import { checkParticipant, claimClashes, firstFreeSeat, parseStackName, seatSettings, shiftSubnet, stackCommand, stackRef, type StackClaims } from "../../../model/participants";

const dockerBase = { subnet: "10.78.0.0/24", hostPorts: { web: 18080, api: 13000, db: 16379 } };
const alice = { name: "alice-docker", platform: "docker" as const, participant: "alice" };

describe("participant stacks: names", () => {
  it("names a participant's stack NAME-PLATFORM and reads such names back; the platform's own stack keeps its name", () => {
    expect(stackRef("docker")).toEqual({ name: "docker", platform: "docker" });
    expect(stackRef("libvirt", "p07")).toEqual({ name: "p07-libvirt", platform: "libvirt", participant: "p07" });
    expect(parseStackName("alice-docker")).toEqual(alice);
    expect(parseStackName("libvirt")).toEqual({ name: "libvirt", platform: "libvirt" });
    expect(parseStackName("alice-kubernetes")).toBeUndefined();
    expect(parseStackName("Alice-docker")).toBeUndefined();
  });

  it("refuses a participant name that would not fit engine names, saying what is allowed", () => {
    for (const bad of ["Alice", "7up", "a-b", "verylongname1", ""]) expect(() => checkParticipant(bad)).toThrow(LabError);
    expect(() => stackRef("docker", "bob smith")).toThrow(/1 to 10 lowercase letters or digits, starting with a letter/);
    expect(checkParticipant("p1")).toBe("p1");
  });

  it("writes the lab command of a stack with --as for a participant's", () => {
    expect(stackCommand("up", "docker")).toBe("npm run up -- docker");
    expect(stackCommand("down", "bob-libvirt")).toBe("npm run down -- libvirt --as bob");
    expect(stackCommand("measure", "custom")).toBe("npm run measure -- custom");
  });
});

describe("participant stacks: seats", () => {
  it("moves ports by 10 and the subnet's third octet by 1 per seat, and names everything after the participant", () => {
    expect(seatSettings(alice, 1, dockerBase)).toEqual({ namePrefix: "vmcl-alice-docker", subnet: "10.78.1.0/24", hostPorts: { web: 18090, api: 13010, db: 16389 } });
    expect(seatSettings({ ...alice, name: "alice-libvirt", platform: "libvirt" }, 3, { subnet: "10.77.0.0/24" })).toEqual({ namePrefix: "vmcl-alice-libvirt", subnet: "10.77.3.0/24" });
  });

  it("refuses a seat past the subnet's end or the seat limit", () => {
    expect(shiftSubnet("10.78.250.0/24", 5)).toBe("10.78.255.0/24");
    expect(shiftSubnet("10.78.250.0/24", 6)).toBeUndefined();
    expect(() => seatSettings(alice, 6, { subnet: "10.78.250.0/24" })).toThrow(/Seat 6 does not fit/);
    expect(() => seatSettings(alice, 0, dockerBase)).toThrow(LabError);
    expect(() => seatSettings(alice, 61, dockerBase)).toThrow(LabError);
  });

  it("finds every clash of prefix, subnet or port with another stack, and none with itself", () => {
    const mine: StackClaims = { stack: "alice-docker", namePrefix: "vmcl-alice-docker", subnet: "10.78.1.0/24", hostPorts: [18090, 13010] };
    const others: StackClaims[] = [
      mine,
      { stack: "docker", namePrefix: "vmcl-docker", subnet: "10.78.0.0/24", hostPorts: [18080, 13000] },
      { stack: "bob-docker", namePrefix: "vmcl-bob-docker", subnet: "10.78.1.0/24", hostPorts: [13010] },
    ];
    expect(claimClashes(mine, others)).toEqual(["subnet 10.78.1.0/24 (also bob-docker's)", "port 13010 (also bob-docker's)"]);
    expect(claimClashes(mine, [mine])).toEqual([]);
  });

  it("gives the lowest seat no other stack holds and the host accepts, the preferred one first", async () => {
    const taken: StackClaims[] = [
      { stack: "docker", namePrefix: "vmcl-docker", subnet: "10.78.0.0/24", hostPorts: [18080, 13000, 16379] },
      { stack: "bob-docker", namePrefix: "vmcl-bob-docker", subnet: "10.78.1.0/24", hostPorts: [18090, 13010, 16389] },
    ];
    const anyHost = async () => true;
    expect(await firstFreeSeat(alice, dockerBase, taken, anyHost)).toBe(2);
    expect(await firstFreeSeat(alice, dockerBase, taken, async (settings) => settings.subnet !== "10.78.2.0/24")).toBe(3);
    expect(await firstFreeSeat(alice, dockerBase, taken, anyHost, 5)).toBe(5);
    expect(await firstFreeSeat(alice, dockerBase, taken, anyHost, 1)).toBe(2);
    expect(await firstFreeSeat(alice, { subnet: "10.78.254.0/24" }, [], async () => false)).toBeUndefined();
  });
});
