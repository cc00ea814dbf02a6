import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cidrRange, cidrsOverlap, conflictingRoutes, portTaken, publishedHostPorts } from "../../../labs/lib/preflight";
import { LabError } from "../../../model/labError";
import { assertProbeStaysHome, parseRouteDevice } from "../../../labs/lib/probeGuard";
import { lockIsStale, pulumiLocks } from "../../../labs/lib/stackRecovery";
import * as net from "node:net";

describe("pre-flight checks", () => {
  it("reads the host ports a stack's containers publish", () => {
    expect(publishedHostPorts("127.0.0.1:18080->80/tcp\n127.0.0.1:13000->3000/tcp, 0.0.0.0:9999->1/udp\n")).toEqual([18080, 13000, 9999]);
    expect(publishedHostPorts("")).toEqual([]);
  });

  it("sees a port a listener holds", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      expect(await portTaken(port)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await portTaken(port)).toBe(false);
  });

  it("compares IPv4 networks", () => {
    expect(cidrRange("10.77.0.0/24")).toEqual([0x0a4d0000, 0x0a4d00ff]);
    expect(cidrsOverlap("10.77.0.0/24", "10.0.0.0/8")).toBe(true);
    expect(cidrsOverlap("10.77.0.0/24", "10.77.0.5")).toBe(true);
    expect(cidrsOverlap("10.77.0.0/24", "10.78.0.0/24")).toBe(false);
    expect(cidrsOverlap("10.77.0.0/24", "fe80::/64")).toBe(false);
  });

  it("finds routes that the VMs' subnet would shadow, ignoring the default route and the stack's own bridge", () => {
    const routes = JSON.stringify([
      { dst: "default", gateway: "192.0.2.1", dev: "eth0" },
      { dst: "10.77.0.0/24", dev: "vmcl-libvirt-br" },
      { dst: "172.17.0.0/16", dev: "docker0" },
      { dst: "10.0.0.0/8", gateway: "192.0.2.9", dev: "eth0" },
    ]);
    expect(conflictingRoutes(routes, "10.77.0.0/24", "vmcl-libvirt-br")).toEqual([{ dst: "10.0.0.0/8", dev: "eth0" }]);
    expect(conflictingRoutes(routes, "192.168.150.0/24", "vmcl-libvirt-br")).toEqual([]);
  });

  it("reads the device `ip -j route get` answers with", () => {
    expect(parseRouteDevice('[{"dst":"10.77.0.13","dev":"vmcl-libvirt-br","prefsrc":"10.77.0.1","flags":[],"uid":0,"cache":[]}]')).toBe("vmcl-libvirt-br");
    expect(parseRouteDevice('[{"dst":"10.77.0.13","gateway":"192.0.2.1","dev":"eth0"}]')).toBe("eth0");
    expect(parseRouteDevice("not json")).toBeUndefined();
  });
});

describe("Pulumi locks of the local file backend", () => {
  let backend: string;
  beforeEach(() => {
    backend = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-backend-"));
  });
  afterEach(() => fs.rmSync(backend, { recursive: true, force: true }));

  it("finds a stack's lock files in the project-scoped layout", () => {
    const dir = path.join(backend, ".pulumi", "locks", "organization", "vm-container-lab", "libvirt");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "0b1c.json"), JSON.stringify({ pid: 4242, username: "root", hostname: "lab-host", timestamp: "2026-12-02T04:00:00Z" }));
    expect(pulumiLocks("libvirt", backend)).toEqual([{ file: path.join(dir, "0b1c.json"), pid: 4242, hostname: "lab-host", timestamp: "2026-12-02T04:00:00Z" }]);
    expect(pulumiLocks("docker", backend)).toEqual([]);
  });

  it("calls a lock stale only when its process is gone on this host", () => {
    const lock = { file: "x", pid: process.pid, hostname: os.hostname(), timestamp: "" };
    expect(lockIsStale(lock)).toBe(false);
    expect(lockIsStale({ ...lock, pid: 2 ** 22 + 1 })).toBe(true);
    expect(lockIsStale({ ...lock, pid: 2 ** 22 + 1, hostname: "another-host" })).toBe(false);
  });
});

describe("probes stay on this machine", () => {
  it("lets a probe of 127.0.0.1 through the loopback device", async () => {
    await expect(assertProbeStaysHome({ host: "127.0.0.1", port: 18080, via: "lo" })).resolves.toBeUndefined();
  });

  it("refuses a VM address that is not routed through the stack's bridge, naming the route and the fix", async () => {
    const probe = assertProbeStaysHome({ host: "10.77.0.13", port: 80, via: "vmcl-nonesuch-br" });
    await expect(probe).rejects.toThrow(LabError);
    await expect(assertProbeStaysHome({ host: "10.77.0.13", port: 80, via: "vmcl-nonesuch-br" })).rejects.toThrow(/Refusing to probe 10\.77\.0\.13:80: this host routes it through \S+, not through the lab's vmcl-nonesuch-br[\s\S]*npm run up -- libvirt/);
  });
});
