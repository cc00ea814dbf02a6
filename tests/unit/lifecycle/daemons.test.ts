import { labLibvirtdConfig, libvirtDaemon } from "../../../labs/lib/daemons";

describe("the daemons the lab starts itself", () => {
  it("starts libvirtd with a config that lets group libvirt use qemu:///system, as polkit would where there is a system bus", () => {
    const libvirtd = libvirtDaemon.directStart.find((start) => start.program === "libvirtd");
    expect(libvirtd?.args).toEqual(["--daemon", "--config", labLibvirtdConfig.path]);
    expect(libvirtd?.configFile).toBe(labLibvirtdConfig);
    const settings = labLibvirtdConfig.content.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
    expect(settings).toEqual(['unix_sock_group = "libvirt"', 'unix_sock_rw_perms = "0770"', 'auth_unix_rw = "none"']);
  });
});
