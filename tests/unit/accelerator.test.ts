import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Accelerator } from "../../model/accelerator";
import { classifyProbeOutput, parseKernelDependency, type ProbeOutcome, type ProbeRun } from "../../labs/lib/accelerator";

const fixtureDir = path.join(__dirname, "..", "fixtures", "accelerator");
const fixture = (name: string) => readFileSync(path.join(fixtureDir, name), "utf8");

/** How a recorded run ended, as zx reports it: an exit code, or killed at the probe's timeout (see the fixtures README). */
const killedAtTimeout = { exitCode: null, signal: "SIGKILL" } as const;
const exited = (exitCode: number) => ({ exitCode, signal: null });
type Ending = typeof killedAtTimeout | ReturnType<typeof exited>;

/** A recorded probe run: its stdout (the serial console) and stderr files, with how it ended. */
function recordedRun(name: string, ending: Ending): ProbeRun {
  return { ...ending, stdout: fixture(`${name}.stdout.txt`), stderr: fixture(`${name}.stderr.txt`) };
}

describe("classifyProbeOutput on probe runs recorded on the nested paravirtual KVM build host", () => {
  const cases: { name: string; ending: Ending; accelerator: Accelerator; timeoutMs: number; outcome: ProbeOutcome; detail: RegExp }[] = [
    {
      name: "kvm-default-cpu",
      ending: killedAtTimeout,
      accelerator: "kvm",
      timeoutMs: 15_000,
      outcome: "kernel-hang",
      detail: /^hung after "Probing EDD \(edd=off to disable\)\.\.\. ok" until killed at 15 s: .*nested paravirtual KVM/,
    },
    {
      name: "tcg",
      ending: exited(0),
      accelerator: "tcg",
      timeoutMs: 60_000,
      outcome: "booted",
      detail: /^guest kernel 6\.1\.0-56-amd64 reached userspace and powered off$/,
    },
    {
      name: "kvm-cpu-host",
      ending: exited(1),
      accelerator: "kvm",
      timeoutMs: 15_000,
      outcome: "qemu-error",
      detail: /^qemu failed \(exit 1\) before the guest booted: qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69$/,
    },
    {
      name: "kvm-as-nobody",
      ending: exited(1),
      accelerator: "kvm",
      timeoutMs: 15_000,
      outcome: "qemu-error",
      detail: /: Could not access KVM kernel module: Permission denied$/,
    },
    {
      name: "tcg-killed-at-300ms",
      ending: killedAtTimeout,
      accelerator: "tcg",
      timeoutMs: 300,
      outcome: "kernel-hang",
      detail: /^hung after "Probing EDD \(edd=off to disable\)\.\.\. o" until killed at 300 ms$/,
    },
    {
      name: "tcg-killed-at-50ms",
      ending: killedAtTimeout,
      accelerator: "tcg",
      timeoutMs: 50,
      outcome: "timeout",
      detail: /^no console output until killed at 50 ms$/,
    },
    {
      name: "tcg-missing-init",
      ending: exited(0),
      accelerator: "tcg",
      timeoutMs: 60_000,
      outcome: "exited-without-marker",
      detail: /^qemu exited \(code 0\) without the marker after "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block\(0,0\)"$/,
    },
  ];

  it.each(cases)("$name is $outcome", ({ name, ending, accelerator, timeoutMs, outcome, detail }) => {
    const classification = classifyProbeOutput(recordedRun(name, ending), { accelerator, timeoutMs });
    expect(classification.outcome).toBe(outcome);
    expect(classification.detail).toMatch(detail);
  });

  it("reads the guest's kernel release from the marker line", () => {
    const classification = classifyProbeOutput(recordedRun("tcg", exited(0)), { accelerator: "tcg", timeoutMs: 60_000 });
    expect(classification.kernelRelease).toBe("6.1.0-56-amd64");
  });

  it("blames nested KVM for a hang after Probing EDD only under kvm", () => {
    const underTcg = classifyProbeOutput(recordedRun("kvm-default-cpu", killedAtTimeout), { accelerator: "tcg", timeoutMs: 15_000 });
    expect(underTcg.outcome).toBe("kernel-hang");
    expect(underTcg.detail).not.toMatch(/KVM/);
  });

  it("ignores qemu's CPUID warnings when the guest boots under the default CPU model", () => {
    const run = { ...exited(0), stdout: fixture("tcg.stdout.txt"), stderr: fixture("kvm-default-cpu.stderr.txt") };
    expect(classifyProbeOutput(run, { accelerator: "kvm", timeoutMs: 15_000 }).outcome).toBe("booted");
  });

  it("says the guest booted but qemu hung when the marker appeared before the timeout kill", () => {
    const classification = classifyProbeOutput(recordedRun("tcg", killedAtTimeout), { accelerator: "tcg", timeoutMs: 60_000 });
    expect(classification.outcome).toBe("booted");
    expect(classification.detail).toMatch(/did not exit until killed at 60 s$/);
  });

  it("reports a missing qemu binary as not installed", () => {
    const missing = { ...exited(127), stdout: "", stderr: "/usr/bin/bash: line 1: qemu-system-x86_64: command not found\n" };
    const classification = classifyProbeOutput(missing, { accelerator: "tcg", timeoutMs: 60_000 });
    expect(classification.outcome).toBe("qemu-error");
    expect(classification.detail).toMatch(/not installed/);
  });

  it("tells a qemu that died of another signal from one killed at the timeout", () => {
    const crashed = classifyProbeOutput({ ...recordedRun("tcg-killed-at-300ms", killedAtTimeout), signal: "SIGSEGV" }, { accelerator: "tcg", timeoutMs: 300 });
    expect(crashed.outcome).toBe("exited-without-marker");
    expect(crashed.detail).toMatch(/^qemu was killed by SIGSEGV without the marker after "Probing EDD/);
  });
});

describe("parseKernelDependency", () => {
  it("finds the kernel package in recorded `apt-cache depends linux-image-amd64` output", () => {
    expect(parseKernelDependency(fixture("apt-cache-depends-linux-image-amd64.txt"))).toEqual({
      packageName: "linux-image-6.1.0-56-amd64",
      kernelVersion: "6.1.0-56-amd64",
    });
  });

  it("finds nothing when apt knows no such package", () => {
    expect(parseKernelDependency("")).toBeUndefined();
  });
});
