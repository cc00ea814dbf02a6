import * as fs from "node:fs";
import * as path from "node:path";
import { firstLogTimestampMs } from "../../../labs/lib/measure/containerMeasure";
import { resourceLabel } from "../../../labs/lib/measure/provisioning";
import { parseSystemdDurationMs, parseSystemdStartup, serialLogPath, systemDiskSource } from "../../../labs/lib/measure/vmMeasure";

const vmFixture = (name: string) => fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "measure", "vm", name), "utf8");

describe("reading a VM's own boot figures", () => {
  it("parses systemd's durations", () => {
    expect(parseSystemdDurationMs("10.645s")).toBe(10_645);
    expect(parseSystemdDurationMs("2min 3.5s")).toBe(123_500);
    expect(parseSystemdDurationMs("567ms")).toBe(567);
    expect(() => parseSystemdDurationMs("soon")).toThrow(/not a systemd duration/);
  });

  it("reads 'Startup finished' as logged on this lab's serial console (recorded under TCG)", () => {
    const line = "[   45.228284] systemd[1]: Startup finished in 10.645s (kernel) + 34.640s (userspace) = 45.285s.";
    expect(parseSystemdStartup(`noise\n${line}\nmore`)).toEqual({ kernelToUserspaceMs: 10_645, systemdUserspaceMs: 34_640 });
    expect(parseSystemdStartup("systemd[1]: Startup finished in 1.2s (kernel) + 800ms (initrd) + 5.1s (userspace) = 7.1s.")).toEqual({
      kernelToUserspaceMs: 1_200,
      systemdInitrdMs: 800,
      systemdUserspaceMs: 5_100,
    });
    expect(parseSystemdStartup(vmFixture("console-api-tcg.log"))).toBeUndefined();
  });

  it("finds the serial log and the system disk of a real domain", () => {
    expect(serialLogPath(vmFixture("dumpxml-api.xml"))).toBe("/tmp/libvirt-work/state-dir/vmcl-scratch/console/api.log");
    expect(serialLogPath("<domain><devices><serial type='pty'/></devices></domain>")).toBeUndefined();
    expect(systemDiskSource(vmFixture("dumpxml-api.xml"))).toEqual({ file: "/tmp/libvirt-work/state-dir/vmcl-scratch/pool/vmcl-scratch-api.qcow2" });
    expect(systemDiskSource(vmFixture("dumpxml-volumes-api.xml"))).toEqual({ pool: "vmcl-libvirt-pool", volume: "vmcl-libvirt-api.qcow2" });
    expect(systemDiskSource("<domain><devices></devices></domain>")).toBeUndefined();
  });
});

describe("container log timestamps", () => {
  const logs = "2026-11-25T13:40:00.900000000Z old line\n2026-11-25T13:40:02.123456789Z api listening on 3000\n";

  it("takes the first line stamped at or after the start call", () => {
    expect(firstLogTimestampMs(logs, Date.parse("2026-11-25T13:40:01.000Z"))).toBeCloseTo(Date.parse("2026-11-25T13:40:02.123Z") + 0.456789, 6);
    expect(firstLogTimestampMs(logs, Date.parse("2026-11-25T13:40:03.000Z"))).toBeUndefined();
  });
});

describe("provisioning", () => {
  it("labels resources by type and name", () => {
    expect(resourceLabel("urn:pulumi:docker::vm-container-lab::vm-container-lab:platform:DockerApps$pulumi-nodejs:dynamic/docker:Container::apps-db")).toBe("docker:Container apps-db");
  });
});
