import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { labHostFor, localLabHost, sshLabHost } from "../../../labs/lib/labHost";
import { remoteCommandLine, shellWord } from "../../../model/sshTarget";

describe("the remote command line", () => {
  it("leaves plain words alone and single-quotes the rest, quotes included", () => {
    expect(shellWord("/proc/1234/smaps_rollup")).toBe("/proc/1234/smaps_rollup");
    expect(shellWord("{{.Id}}")).toBe("'{{.Id}}'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord("")).toBe("''");
    expect(remoteCommandLine(["du", "-s", "-B1", "/var/lib/a b"])).toBe("du -s -B1 '/var/lib/a b'");
  });
});

describe("the local lab host", () => {
  it("runs argv as given, reads files and counts what it ran", async () => {
    const host = localLabHost();
    expect((await host.run(["printf", "%s|", "two words", "$HOME"])).stdout).toBe("two words|$HOME|");
    expect((await host.run(["false"], { nothrow: true })).ok).toBe(false);
    expect(await host.readFile("/proc/self/stat")).toMatch(/^\d+ /);
    expect(await host.fileExists("/proc/self/status")).toBe(true);
    expect(host.commandsRun).toBe(4);
    expect(host.description).toBe("this machine");
  });

  it("is what local engine URLs give", () => {
    expect(labHostFor({ dockerHost: "unix:///var/run/docker.sock" }).ssh).toBeUndefined();
    expect(labHostFor({ libvirtUri: "qemu:///system" }).ssh).toBeUndefined();
    expect(labHostFor({ libvirtUri: "qemu+ssh://lab@server:2222/system" }).description).toBe("lab@server:2222");
  });
});

describe("the ssh lab host", () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-fake-ssh-"));
  const calls = path.join(bin, "calls");
  const savedPath = process.env.PATH;

  beforeAll(() => {
    // A stand-in for ssh: records its arguments, then runs the remote command line with sh, as sshd's login shell would
    // (a control command, -O, only succeeds).
    fs.writeFileSync(path.join(bin, "ssh"), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${calls}\ncase "$*" in *" -O "*) exit 0;; esac\nfor last; do :; done\nexec sh -c "$last"\n`, { mode: 0o755 });
    process.env.PATH = `${bin}:${savedPath}`;
  });

  afterAll(() => {
    process.env.PATH = savedPath;
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it("runs every command through one ssh to the target, each word arriving unchanged", async () => {
    const host = sshLabHost({ user: "lab", host: "127.0.0.1", port: 2222, noVerify: false });
    expect((await host.run(["printf", "%s|", "two words", "it's", "$HOME", "{{.Id}}"])).stdout).toBe("two words|it's|$HOME|{{.Id}}|");
    expect(await host.readFile("/proc/self/stat")).toMatch(/^\d+ /);
    expect(await host.fileExists("/no/such/file")).toBe(false);
    expect(host.commandsRun).toBe(3);
    const lines = fs.readFileSync(calls, "utf8").trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toContain("-o BatchMode=yes");
      expect(line).toContain("-p 2222");
      expect(line).toContain("ControlPath=/tmp/vmcl-ssh-%C");
      expect(line).toMatch(/ lab@127\.0\.0\.1 -- /);
    }
  });

  it("reaches an instance's endpoint through a forward of its shared connection, asked once per endpoint", async () => {
    fs.rmSync(calls, { force: true });
    const host = sshLabHost({ user: "lab", host: "127.0.0.1", port: 2222, noVerify: false });
    const endpoint = { host: "10.77.0.13", port: 80, via: "vmcl-libvirt-br" };
    const local = await host.reach(endpoint);
    expect(local).toEqual({ host: "127.0.0.1", port: expect.any(Number), via: "lo" });
    expect(await host.reach(endpoint)).toEqual(local);
    const forwards = fs.readFileSync(calls, "utf8").split("\n").filter((line) => line.includes("-O forward"));
    expect(forwards).toEqual([expect.stringContaining(`-L 127.0.0.1:${local.port}:10.77.0.13:80 lab@127.0.0.1`)]);
    expect(await localLabHost().reach(endpoint)).toBe(endpoint);
  });

  it("rejects a failed command with what failed", async () => {
    const host = sshLabHost({ host: "server", noVerify: false });
    await expect(host.readFile("/no/such/file")).rejects.toThrow(/cat -- \/no\/such\/file/);
  });
});
