import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Accelerator } from "../../model/accelerator";
import { classifyProbeOutput, parseKernelDependency, ProbeOutcome } from "../../labs/lib/accelerator";

const fixtureDir = path.join(__dirname, "..", "fixtures", "accelerator");
const fixture = (name: string) => readFileSync(path.join(fixtureDir, name), "utf8");

/** A recorded probe run: its stdout (the serial console) and stderr files, with the exit code execProbe reported (see the fixtures README). */
function recordedRun(name: string, exitCode: number) {
  return { exitCode, stdout: fixture(`${name}.stdout.txt`), stderr: fixture(`${name}.stderr.txt`) };
}

describe("classifyProbeOutput on probe runs recorded on the nested paravirtual KVM build host", () => {
  const cases: { name: string; exitCode: number; accelerator: Accelerator; timeoutMs: number; outcome: ProbeOutcome; detail: RegExp }[] = [
    {
      name: "kvm-default-cpu",
      exitCode: 124,
      accelerator: "kvm",
      timeoutMs: 15_000,
      outcome: "kernel-hang",
      detail: /^hung after "Probing EDD \(edd=off to disable\)\.\.\. ok" until killed at 15 s: .*nested paravirtual KVM/,
    },
    {
      name: "tcg",
      exitCode: 0,
      accelerator: "tcg",
      timeoutMs: 60_000,
      outcome: "booted",
      detail: /^guest kernel 6\.1\.0-56-amd64 reached userspace and powered off$/,
    },
    {
      name: "kvm-cpu-host",
      exitCode: 1,
      accelerator: "kvm",
      timeoutMs: 15_000,
      outcome: "qemu-error",
      detail: /^qemu failed \(exit 1\) before the guest booted: qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69$/,
    },
    {
      name: "kvm-as-nobody",
      exitCode: 1,
      accelerator: "kvm",
      timeoutMs: 15_000,
      outcome: "qemu-error",
      detail: /: Could not access KVM kernel module: Permission denied$/,
    },
    {
      name: "tcg-killed-at-300ms",
      exitCode: 124,
      accelerator: "tcg",
      timeoutMs: 300,
      outcome: "kernel-hang",
      detail: /^hung after "Probing EDD \(edd=off to disable\)\.\.\. o" until killed at 300 ms$/,
    },
    {
      name: "tcg-killed-at-50ms",
      exitCode: 124,
      accelerator: "tcg",
      timeoutMs: 50,
      outcome: "timeout",
      detail: /^no console output until killed at 50 ms$/,
    },
    {
      name: "tcg-missing-init",
      exitCode: 0,
      accelerator: "tcg",
      timeoutMs: 60_000,
      outcome: "exited-without-marker",
      detail: /^qemu exited \(code 0\) without the marker after "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block\(0,0\)"$/,
    },
  ];

  it.each(cases)("$name is $outcome", ({ name, exitCode, accelerator, timeoutMs, outcome, detail }) => {
    const classification = classifyProbeOutput(recordedRun(name, exitCode), { accelerator, timeoutMs });
    expect(classification.outcome).toBe(outcome);
    expect(classification.detail).toMatch(detail);
  });

  it("reads the guest's kernel release from the marker line", () => {
    const classification = classifyProbeOutput(recordedRun("tcg", 0), { accelerator: "tcg", timeoutMs: 60_000 });
    expect(classification.kernelRelease).toBe("6.1.0-56-amd64");
  });

  it("blames nested KVM for a hang after Probing EDD only under kvm", () => {
    const underTcg = classifyProbeOutput(recordedRun("kvm-default-cpu", 124), { accelerator: "tcg", timeoutMs: 15_000 });
    expect(underTcg.outcome).toBe("kernel-hang");
    expect(underTcg.detail).not.toMatch(/KVM/);
  });

  it("ignores qemu's CPUID warnings when the guest boots under the default CPU model", () => {
    const run = { exitCode: 0, stdout: fixture("tcg.stdout.txt"), stderr: fixture("kvm-default-cpu.stderr.txt") };
    expect(classifyProbeOutput(run, { accelerator: "kvm", timeoutMs: 15_000 }).outcome).toBe("booted");
  });

  it("says the guest booted but qemu hung when the marker appeared before the timeout kill", () => {
    const classification = classifyProbeOutput(recordedRun("tcg", 124), { accelerator: "tcg", timeoutMs: 60_000 });
    expect(classification.outcome).toBe("booted");
    expect(classification.detail).toMatch(/did not exit until killed at 60 s$/);
  });

  it("reports a missing qemu binary as not installed", () => {
    const classification = classifyProbeOutput({ exitCode: 127, stdout: "", stderr: "spawn qemu-system-x86_64 ENOENT" }, { accelerator: "tcg", timeoutMs: 60_000 });
    expect(classification.outcome).toBe("qemu-error");
    expect(classification.detail).toMatch(/not installed/);
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
