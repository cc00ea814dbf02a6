import { LabError } from "../../../model/labError";
import { seedFiles, seedScript, seedUnit, type SeedSettings } from "../../../model/seed";

const api: SeedSettings = { app: "api", hostname: "vmcl-api", address: "10.77.0.11/24", hosts: { web: "10.77.0.12", db: "10.77.0.10", api: "10.77.0.11" } };

describe("the seed disk's files", () => {
  it("hold the app, host name, hosts sorted by name and a static address for eth0", () => {
    expect(seedFiles(api)).toEqual([
      { name: "app", content: "api\n" },
      { name: "hostname", content: "vmcl-api\n" },
      { name: "hosts", content: "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tvmcl-api\n10.77.0.11\tapi\n10.77.0.10\tdb\n10.77.0.12\tweb\n" },
      { name: "10-lab.network", content: "[Match]\nName=eth0\n\n[Network]\nAddress=10.77.0.11/24\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n" },
    ]);
  });

  it("do not map the host name to 127.0.1.1 when the hosts entries already name it", () => {
    const hosts = seedFiles({ ...api, hostname: "api" }).find((file) => file.name === "hosts")?.content;
    expect(hosts).toBe("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.77.0.11\tapi\n10.77.0.10\tdb\n10.77.0.12\tweb\n");
  });

  it("are the same for the same settings whatever the order of the hosts entries", () => {
    expect(seedFiles({ ...api, hosts: { api: "10.77.0.11", db: "10.77.0.10", web: "10.77.0.12" } })).toEqual(seedFiles(api));
  });

  it.each([
    [{ address: "10.77.0.11" }, "which is not IPv4 with a prefix length"],
    [{ address: "10.77.0.300/24" }, "which is not IPv4 with a prefix length"],
    [{ address: "10.77.0.11/33" }, "which is not IPv4 with a prefix length"],
    [{ hostname: "API_1" }, "not one lower-case DNS label"],
    [{ app: "cache" as SeedSettings["app"] }, 'an unknown app "cache"'],
    [{ hosts: { db: "not-an-ip" } }, 'a hosts entry "db" → "not-an-ip"'],
  ])("refuse %j with a LabError", (change, problem) => {
    expect(() => seedFiles({ ...api, ...change })).toThrow(LabError);
    expect(() => seedFiles({ ...api, ...change })).toThrow(problem);
  });

  it("are each read by the guest's seed script from the mounted disk", () => {
    for (const file of seedFiles(api)) expect(seedScript).toContain(`"$mnt/${file.name}"`);
    expect(seedScript).toContain("blkid -L LABSEED");
    expect(seedScript).toContain('systemctl enable "$unit"');
    expect(seedScript).toContain('unit="lab-$app.service"');
  });

  it("are applied once, before systemd-networkd configures the NIC", () => {
    expect(seedUnit).toContain("ConditionPathExists=!/var/lib/lab-seed/applied\nBefore=systemd-networkd.service network-pre.target\n");
    expect(seedUnit).toContain("Type=oneshot\nExecStart=/usr/local/sbin/lab-seed\n");
  });
});
