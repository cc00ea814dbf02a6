import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { DockerConfig, LibvirtConfig } from "../../../model/labConfig";
import { LabError } from "../../../model/labError";
import { openDeployedLabHost, openLabHost, sshFailureOf } from "../../../labs/lib/remote/labHostAccess";

describe("why ssh failed", () => {
  const failed = (stderr: string) => sshFailureOf({ exitCode: 255, stderr });

  it("tells an unreachable host, an unknown host key and a refused key apart", () => {
    expect(failed("ssh: connect to host 127.0.0.1 port 2298: Connection refused")).toBe("unreachable");
    expect(failed("ssh: Could not resolve hostname labhost: Name or service not known")).toBe("unreachable");
    expect(failed("Host key verification failed.")).toBe("host-key");
    expect(failed("vmcl-remote@127.0.0.1: Permission denied (publickey).")).toBe("key-refused");
    expect(failed("kex_exchange_identification: banner line contains invalid characters")).toBe("other");
  });

  it("says nothing when the remote command ran, whatever it returned", () => {
    expect(sshFailureOf({ exitCode: 1, stderr: "Permission denied (publickey)" })).toBeUndefined();
    expect(sshFailureOf({ exitCode: 0, stderr: "" })).toBeUndefined();
  });
});

describe("opening a stack's lab host", () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-fake-ssh-"));
  const savedPath = process.env.PATH;
  const docker = (dockerHost: string) => ({ platform: "docker", dockerHost }) as DockerConfig;
  const libvirt = (libvirtUri: string) => ({ platform: "libvirt", libvirtUri }) as LibvirtConfig;

  /** A stand-in for ssh: `script` decides, from the remote command line in $last, what it prints and returns. */
  function fakeSsh(script: string): void {
    fs.writeFileSync(path.join(bin, "ssh"), `#!/bin/sh\nfor last; do :; done\ncase "$*" in *" -O exit "*) exit 0;; esac\n${script}\n`, { mode: 0o755 });
  }

  async function refusal(settings: DockerConfig | LibvirtConfig): Promise<LabError> {
    try {
      await openLabHost(settings, "sshtest-docker");
    } catch (error) {
      if (error instanceof LabError) return error;
      throw error;
    }
    throw new Error("the lab host was opened");
  }

  beforeAll(() => (process.env.PATH = `${bin}:${savedPath}`));
  afterAll(() => {
    process.env.PATH = savedPath;
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it("is this machine for local engines, without asking anything", async () => {
    fakeSsh("exit 99");
    expect((await openLabHost(docker("unix:///var/run/docker.sock"), "docker")).ssh).toBeUndefined();
    expect((await openLabHost(libvirt("qemu:///system"), "libvirt")).ssh).toBeUndefined();
  });

  it("refuses an unreachable host, naming the config key and the fix", async () => {
    fakeSsh(`echo "ssh: connect to host 127.0.0.1 port 2298: Connection refused" >&2; exit 255`);
    const error = await refusal(docker("ssh://lab@127.0.0.1:2298"));
    expect(error.problem).toMatch(/lab@127\.0\.0\.1:2298 \(vm-container-lab:dockerHost of stack sshtest-docker\) cannot be reached over ssh: .*Connection refused\. Nothing was created or changed\./);
    expect(error.remedy).toMatch(/config set -s sshtest-docker vm-container-lab:dockerHost URL/);
  });

  it("refuses a refused key with ssh-copy-id, and an unknown host key with a first login", async () => {
    fakeSsh(`echo "lab@127.0.0.1: Permission denied (publickey)." >&2; exit 255`);
    expect((await refusal(docker("ssh://lab@127.0.0.1:2298"))).remedy).toMatch(/ssh-copy-id -p 2298 lab@127\.0\.0\.1/);
    fakeSsh(`echo "Host key verification failed." >&2; exit 255`);
    expect((await refusal(libvirt("qemu+ssh://lab@127.0.0.1:2298/system"))).remedy).toMatch(/ssh -p 2298 lab@127\.0\.0\.1 true/);
  });

  it("refuses a lab host without the docker CLI, and a user outside the docker group", async () => {
    fakeSsh(`case "$last" in "id -u") echo 1001;; docker*) echo "sh: 1: docker: not found" >&2; exit 127;; esac`);
    expect((await refusal(docker("ssh://lab@127.0.0.1:2298"))).message).toMatch(/has no `docker` command[\s\S]*apt-get install docker\.io/);
    fakeSsh(`case "$last" in "id -u") echo 1001;; docker*) echo "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock" >&2; exit 1;; esac`);
    expect((await refusal(docker("ssh://lab@127.0.0.1:2298"))).message).toMatch(/User lab .* cannot use the Docker engine: permission denied[\s\S]*usermod -aG docker lab/);
  });

  it("refuses a user libvirtd does not let in, with the group and the no-polkit settings", async () => {
    fakeSsh(`case "$last" in "id -u") echo 1001;; virsh*) echo "error: internal error: Unable to get system bus connection: Could not connect: No such file or directory" >&2; exit 1;; esac`);
    const error = await refusal(libvirt("qemu+ssh://lab@127.0.0.1:2298/system"));
    expect(error.remedy).toMatch(/usermod -aG libvirt lab[\s\S]*auth_unix_rw = "none"/);
  });

  it("opens an answering lab host that runs root's commands through sudo where the user has it", async () => {
    const calls = path.join(bin, "calls");
    fakeSsh(`echo "$last" >> ${calls}; case "$last" in "id -u") echo 1001;; *) exit 0;; esac`);
    const host = await openLabHost(docker("ssh://lab@127.0.0.1:2298"), "sshtest-docker");
    expect(host.description).toBe("lab@127.0.0.1:2298");
    expect(host.runsAsRoot).toBe(true);
    await host.readFile("/proc/1/smaps_rollup");
    expect(fs.readFileSync(calls, "utf8").trim().split("\n").slice(-1)[0]).toBe("sudo -n -- cat -- /proc/1/smaps_rollup");
  });

  it("refuses to measure where the user is neither root nor allowed sudo, naming the sudoers line", async () => {
    fakeSsh(`case "$last" in "id -u") echo 1001;; sudo*) echo "sudo: a password is required" >&2; exit 1;; *) exit 0;; esac`);
    expect((await openLabHost(docker("ssh://lab@127.0.0.1:2298"), "sshtest-docker")).runsAsRoot).toBe(false);
    await expect(openDeployedLabHost({ dockerHost: "ssh://lab@127.0.0.1:2298" }, "sshtest-docker")).rejects.toThrow(/neither root nor allowed passwordless sudo[\s\S]*lab ALL=\(root\) NOPASSWD: \/usr\/bin\/cat/);
    fakeSsh(`case "$last" in "id -u") echo 0;; *) exit 0;; esac`);
    expect((await openDeployedLabHost({ libvirtUri: "qemu+ssh://root@127.0.0.1:2298/system" }, "sshtest-libvirt")).runsAsRoot).toBe(true);
  });
});
