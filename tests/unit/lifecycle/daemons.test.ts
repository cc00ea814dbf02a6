import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { labLibvirtdConfig, libvirtDaemon, processRunning } from "../../../labs/lib/daemons";

describe("the daemons the lab starts itself", () => {
  it("starts libvirtd with a config that lets group libvirt use qemu:///system, as polkit would where there is a system bus", () => {
    const libvirtd = libvirtDaemon.directStart.find((start) => start.program === "libvirtd");
    expect(libvirtd?.args).toEqual(["--daemon", "--config", labLibvirtdConfig.path]);
    expect(libvirtd?.configFile).toBe(labLibvirtdConfig);
    const settings = labLibvirtdConfig.content.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
    expect(settings).toEqual(['unix_sock_group = "libvirt"', 'unix_sock_rw_perms = "0770"', 'auth_unix_rw = "none"']);
  });
});

describe("whether a daemon's program runs already", () => {
  it("finds a program by its /proc/PID/comm, which the kernel cuts at 15 characters", () => {
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-proc-"));
    try {
      for (const [pid, comm] of [["1", "init"], ["420", "virtlogd"], ["77", "a-very-long-dae"]]) {
        fs.mkdirSync(path.join(proc, pid));
        fs.writeFileSync(path.join(proc, pid, "comm"), `${comm}\n`);
      }
      fs.mkdirSync(path.join(proc, "self"));
      expect(processRunning("virtlogd", proc)).toBe(true);
      expect(processRunning("libvirtd", proc)).toBe(false);
      expect(processRunning("a-very-long-daemon-name", proc)).toBe(true);
    } finally {
      fs.rmSync(proc, { recursive: true, force: true });
    }
  });
});
