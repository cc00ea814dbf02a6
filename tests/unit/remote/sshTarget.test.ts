import { describeSshTarget, libvirtUriOnLabHost, sshClientOptions, sshTargetOfDockerHost, sshTargetOfLibvirtUri } from "../../../model/sshTarget";

describe("the lab host an engine URL names", () => {
  it("reads user, host and port of an ssh Docker host, and nothing from local or tcp hosts", () => {
    expect(sshTargetOfDockerHost("ssh://lab@server.example:2222")).toEqual({ user: "lab", host: "server.example", port: 2222, keyFile: undefined, noVerify: false });
    expect(sshTargetOfDockerHost("ssh://server.example")).toEqual({ user: undefined, host: "server.example", port: undefined, keyFile: undefined, noVerify: false });
    expect(sshTargetOfDockerHost("unix:///var/run/docker.sock")).toBeUndefined();
    expect(sshTargetOfDockerHost("tcp://127.0.0.1:2375")).toBeUndefined();
  });

  it("reads a qemu+ssh libvirt URI with libvirt's keyfile and no_verify parameters", () => {
    expect(sshTargetOfLibvirtUri("qemu+ssh://lab@127.0.0.1:2222/system?keyfile=/tmp/k/id&no_verify=1")).toEqual({
      user: "lab",
      host: "127.0.0.1",
      port: 2222,
      keyFile: "/tmp/k/id",
      noVerify: true,
    });
    expect(sshTargetOfLibvirtUri("qemu+ssh://lab@server/system")?.noVerify).toBe(false);
    expect(sshTargetOfLibvirtUri("qemu:///system")).toBeUndefined();
    expect(sshTargetOfLibvirtUri("qemu+unix:///system")).toBeUndefined();
    expect(sshTargetOfLibvirtUri("qemu+tls://server/system")).toBeUndefined();
  });

  it("gives the URI the lab host's own virsh reaches its daemon with", () => {
    expect(libvirtUriOnLabHost("qemu+ssh://lab@127.0.0.1:2222/system?keyfile=/k&no_verify=1")).toBe("qemu:///system");
    expect(libvirtUriOnLabHost("qemu+ssh://lab@server/session")).toBe("qemu:///session");
    expect(libvirtUriOnLabHost("qemu:///system")).toBe("qemu:///system");
  });

  it("names the lab host as USER@HOST[:PORT]", () => {
    expect(describeSshTarget({ user: "lab", host: "127.0.0.1", port: 2222, noVerify: false })).toBe("lab@127.0.0.1:2222");
    expect(describeSshTarget({ host: "server", noVerify: false })).toBe("server");
  });

  it("gives ssh options that never prompt, and the target's port, key and host-key rule", () => {
    expect(sshClientOptions({ host: "server", noVerify: false })).toEqual(["-o", "BatchMode=yes", "-o", "ConnectTimeout=10"]);
    expect(sshClientOptions({ host: "h", port: 2222, keyFile: "/k", noVerify: true })).toEqual([
      "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
      "-p", "2222",
      "-i", "/k", "-o", "IdentitiesOnly=yes",
      "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
    ]);
  });
});
