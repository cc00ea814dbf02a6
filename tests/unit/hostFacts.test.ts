import * as fs from "node:fs";
import * as path from "node:path";
import { formatBytes, labCanRun, parseMemAvailable, parseVirshVersion, renderDoctorReport, type DoctorCheck } from "../../labs/lib/doctorChecks";
import { installCommand, isDebianFamily, isInstalledStatus, hostRequirements } from "../../labs/lib/hostPackages";
import { renderTable } from "../../labs/lib/table";
import { dockerPlugin, libvirtPlugin, parseGoVersion, parsePluginList, parsePulumiVersion, pluginInstalled } from "../../labs/lib/toolchain";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", "host", name), "utf8");

describe("parsing what the host tools print", () => {
  it("reads libvirt and hypervisor versions from `virsh version`", () => {
    expect(parseVirshVersion(fixture("virsh-version.txt"))).toEqual({ libvirt: "9.0.0", hypervisor: "QEMU 7.2.22" });
    expect(parseVirshVersion("error: failed to connect to the hypervisor")).toEqual({ libvirt: undefined, hypervisor: undefined });
  });

  it("reads MemAvailable in bytes from /proc/meminfo", () => {
    expect(parseMemAvailable(fixture("proc-meminfo.txt"))).toBe(24084156 * 1024);
    expect(parseMemAvailable("MemTotal: 1 kB\n")).toBeUndefined();
  });

  it("accepts only a plain release from `pulumi version`", () => {
    expect(parsePulumiVersion(fixture("pulumi-version.txt"))).toBe("3.259.0");
    expect(parsePulumiVersion("v3.259.0-dev.0\n")).toBeUndefined();
    expect(parsePulumiVersion("")).toBeUndefined();
  });

  it("reads the installed resource plugins from `pulumi plugin ls --json`", () => {
    const plugins = parsePluginList(fixture("pulumi-plugin-ls.json"));
    expect(plugins).toContainEqual({ name: "libvirt", kind: "resource", version: "0.8.3" });
    expect(pluginInstalled(plugins, dockerPlugin)).toBe(true);
    expect(pluginInstalled(plugins, { ...libvirtPlugin, version: "0.9.0" })).toBe(false);
    expect(parsePluginList("[]")).toEqual([]);
    expect(() => parsePluginList("{}")).toThrow(/did not print an array/);
  });

  it("reads the Go release from `go version`", () => {
    expect(parseGoVersion(fixture("go-version.txt"))).toEqual({ major: 1, minor: 26 });
    expect(parseGoVersion("bash: go: command not found")).toBeUndefined();
  });

  it("recognises Debian-family hosts from os-release or /etc/debian_version", () => {
    expect(isDebianFamily(fixture("os-release-debian12.txt"), false)).toBe(true);
    expect(isDebianFamily('ID=ubuntu\nID_LIKE="ubuntu debian"\n', false)).toBe(true);
    expect(isDebianFamily('ID="fedora"\n', false)).toBe(false);
    expect(isDebianFamily("", true)).toBe(true);
  });

  it("treats only dpkg's `ii` as installed", () => {
    expect(isInstalledStatus("ii ")).toBe(true);
    expect(isInstalledStatus("rc ")).toBe(false);
    expect(isInstalledStatus("")).toBe(false);
  });
});

describe("what the doctor and bootstrap tell users", () => {
  it("prints the apt-get line for exactly the missing packages", () => {
    const missing = hostRequirements.filter((r) => ["docker.io", "cpio"].includes(r.debianPackage));
    expect(installCommand(missing)).toBe("apt-get update && apt-get install -y --no-install-recommends docker.io cpio");
  });

  it("formats byte counts with binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(10 * 1024 ** 3)).toBe("10.0 GiB");
  });

  it("lets the lab run with warnings but not with a failure, and lists each remedy", () => {
    const checks: DoctorCheck[] = [
      { check: "Docker engine", status: "fail", found: "not answering", remedy: "run `npm run bootstrap`" },
      { check: "accelerator", status: "warn", found: "TCG", remedy: "use a host with KVM for KVM figures" },
      { check: "QEMU", status: "ok", found: "7.2.22" },
    ];
    expect(labCanRun(checks)).toBe(false);
    expect(labCanRun(checks.slice(1))).toBe(true);
    const report = renderDoctorReport(checks);
    expect(report).toContain("Docker engine  FAIL    not answering");
    expect(report).toContain("- Docker engine: run `npm run bootstrap`");
    expect(report).toContain("- accelerator: use a host with KVM");
    expect(report).not.toContain("- QEMU");
  });

  it("pads table columns to their widest cell", () => {
    expect(renderTable(["a", "bb"], [["ccc", "d"]])).toBe("a    bb\n---  --\nccc  d");
  });
});
