import {
  capabilityNames,
  containerConfinement,
  decodeCapabilities,
  dockerSeccompProfile,
  qemuAccelerator,
  qemuSandbox,
  seccompText,
  userNameOf,
  vmConfinement,
} from "../../../labs/lib/measure/confinement";
import { parseContainerInspect } from "../../../labs/lib/measure/dockerParsers";
import { parseCmdline, parseProcStatus } from "../../../labs/lib/measure/procParsers";
import { fixture } from "./fixture";

describe("capability masks", () => {
  it("names Docker's default set from the mask the kernel prints", () => {
    expect(decodeCapabilities("00000000a80425fb")).toEqual(
      ["CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "NET_BIND_SERVICE", "NET_RAW", "SYS_CHROOT", "MKNOD", "AUDIT_WRITE", "SETFCAP"].map((name) => `CAP_${name}`),
    );
  });

  it("names every capability of a full root mask, none of an empty one, and keeps bits it has no name for", () => {
    expect(decodeCapabilities("000001ffffffffff")).toEqual(capabilityNames);
    expect(capabilityNames).toHaveLength(41);
    expect(decodeCapabilities("0000000000000000")).toEqual([]);
    expect(decodeCapabilities("0000060000000400")).toEqual(["CAP_NET_BIND_SERVICE", "CAP_41", "CAP_42"]);
  });

  it("refuses what is not a mask", () => {
    expect(() => decodeCapabilities("")).toThrow("not a capability mask");
    expect(() => decodeCapabilities("0x3")).toThrow("not a capability mask");
    expect(() => decodeCapabilities("1ffffffffffffffff")).toThrow("not a capability mask");
  });
});

describe("users, seccomp and QEMU's command line", () => {
  const passwd = "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nredis:x:100:101::/var/lib/redis:/usr/sbin/nologin\n";

  it("names a user id from a passwd file", () => {
    expect(userNameOf(100, passwd)).toBe("redis");
    expect(userNameOf(0, passwd)).toBe("root");
    expect(userNameOf(101, passwd)).toBeUndefined();
    expect(userNameOf(0, "")).toBeUndefined();
  });

  it("describes seccomp by mode and profile", () => {
    expect(seccompText(2, dockerSeccompProfile([]))).toBe("filter: Docker's default profile");
    expect(seccompText(2, dockerSeccompProfile(["no-new-privileges:true", "seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}"]))).toBe("filter: custom profile");
    expect(seccompText(0, dockerSeccompProfile(["seccomp=unconfined"]))).toBe("none");
    expect(dockerSeccompProfile(["seccomp=unconfined"])).toBe("unconfined");
    expect(seccompText(1, undefined)).toBe("strict");
    expect(seccompText(2, undefined)).toBe("filter");
  });

  it("reads the accelerator and the sandbox from the command line libvirt gave QEMU", () => {
    const argv = parseCmdline(fixture("proc-cmdline-qemu.bin"));
    expect(qemuAccelerator(argv)).toBe("tcg");
    expect(qemuSandbox(argv)).toBe("on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
  });

  it("knows the other ways QEMU is told its accelerator", () => {
    expect(qemuAccelerator(["qemu-system-x86_64", "-accel", "kvm"])).toBe("kvm");
    expect(qemuAccelerator(["qemu-system-x86_64", "-accel", "tcg,tb-size=64"])).toBe("tcg");
    expect(qemuAccelerator(["qemu-system-x86_64", "-machine", "pc-i440fx-7.2,accel=kvm,usb=off"])).toBe("kvm");
    expect(qemuAccelerator(["qemu-system-x86_64", "-enable-kvm", "-m", "512"])).toBe("kvm");
    expect(qemuAccelerator(["qemu-system-x86_64", "-m", "512"])).toBeUndefined();
    expect(qemuSandbox(["qemu-system-x86_64"])).toBeUndefined();
  });
});

describe("/proc/PID/status", () => {
  it("reads the identity and privileges of a hardened container's main process", () => {
    expect(parseProcStatus(fixture("proc-pid-status-web-hardened.txt"))).toEqual({
      name: "nginx",
      uids: { real: 0, effective: 0, saved: 0, filesystem: 0 },
      capEff: "00000000000000c1",
      noNewPrivs: true,
      seccompMode: 2,
    });
    expect(parseProcStatus(fixture("proc-pid-status-db-hardened.txt"))).toMatchObject({ name: "redis-server", uids: { effective: 100 }, capEff: "0000000000000000" });
  });

  it("refuses text without the fields it needs", () => {
    expect(() => parseProcStatus("Name:\tx\n")).toThrow('no "Uid:" line');
    expect(() => parseProcStatus(fixture("proc-pid-status-db-hardened.txt").replace(/^Uid:.*$/m, "Uid:\t100"))).toThrow("not four ids");
  });
});

describe("an instance's confinement", () => {
  const hardenedWeb = parseContainerInspect(fixture("docker-container-inspect-web-hardened.json"))[0];
  const rootPasswd = "root:x:0:0:root:/root:/bin/bash\n";

  it("of a container the lab hardened: only the app's capabilities, no new privileges, read-only root, a pids limit", () => {
    expect(containerConfinement(hardenedWeb, parseProcStatus(fixture("proc-pid-status-web-hardened.txt")), rootPasswd)).toEqual({
      process: "nginx",
      user: "root (uid 0)",
      uid: 0,
      capabilities: ["CAP_CHOWN", "CAP_SETGID", "CAP_SETUID"],
      noNewPrivileges: true,
      seccomp: "filter: Docker's default profile",
      readOnlyRootFs: true,
      pidsLimit: 32,
      kernel: "host",
      accelerator: "native",
      method: expect.stringContaining("/proc/PID/status of the container's main process"),
    });
    const db = containerConfinement(hardenedWeb, parseProcStatus(fixture("proc-pid-status-db-hardened.txt")), fixture("container-etc-passwd-db.txt"));
    expect([db.process, db.user, db.capabilities]).toEqual(["redis-server", "redis (uid 100)", []]);
  });

  it("of the same image with Docker's defaults: root with the default capabilities, free to gain more", () => {
    const defaults = parseContainerInspect(fixture("docker-container-inspect-web.json"))[0];
    const confinement = containerConfinement(defaults, parseProcStatus(fixture("proc-pid-status-web-docker-defaults.txt")), rootPasswd);
    expect(confinement.capabilities).toHaveLength(14);
    expect(confinement).toMatchObject({ noNewPrivileges: false, readOnlyRootFs: false, pidsLimit: null });
  });

  it("of a VM: QEMU as an unprivileged host user in its sandbox, the guest's own kernel under the accelerator", () => {
    const argv = parseCmdline(fixture("proc-cmdline-qemu.bin"));
    const confinement = vmConfinement(argv, parseProcStatus(fixture("proc-pid-status-libvirt-qemu.txt")), "libvirt-qemu:x:64055:108:Libvirt Qemu,,,:/var/lib/libvirt:/usr/sbin/nologin\n");
    expect(confinement).toEqual({
      process: "qemu-system-x86",
      user: "libvirt-qemu (uid 64055)",
      uid: 64055,
      capabilities: [],
      noNewPrivileges: true,
      seccomp: "filter: QEMU -sandbox on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
      kernel: "own",
      accelerator: "tcg",
      method: expect.stringContaining("the domain's QEMU process"),
    });
    expect(() => vmConfinement(["qemu-system-x86_64", "-m", "64"], parseProcStatus(fixture("proc-pid-status-libvirt-qemu.txt")), "")).toThrow("no accelerator");
  });
});
