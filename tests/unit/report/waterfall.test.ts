import type { BootMeasurement, BootPhases } from "../../../labs/lib/measure/resultsSchema";
import { bootWaterfall, floorPhases, phaseLabel } from "../../../labs/lib/report/waterfall";

function boot(samplesMs: number[], phases?: BootPhases[]): BootMeasurement {
  return { samplesMs, method: "synthetic", ...(phases === undefined ? {} : { phases }) };
}

/** What a waterfall's phases say, in a line each: "kernel + initramfs 3500 (n = 3)". */
function phaseLines(measurement: BootMeasurement, kind: "vm" | "container" = "vm"): string[] {
  return bootWaterfall(kind, measurement)?.phases.map((phase) => `${phase.label} ${phase.medianMs} (n = ${phase.samples})`) ?? [];
}

describe("a boot's waterfall", () => {
  const typicalVm: BootPhases = { engineStartCallMs: 800, firstConsoleLineMs: 1500, initrdStartedMs: 4500, rootInitStartedMs: 9000, appExecMs: 20_000 };

  it("cuts a VM's boot at every marker: VMM up, kernel, initramfs, init, app", () => {
    const measurement = boot([23_000, 24_000, 25_000], [typicalVm, { ...typicalVm, appExecMs: 21_000 }, { ...typicalVm, rootInitStartedMs: 10_000, appExecMs: 22_000 }]);
    expect(phaseLines(measurement)).toEqual(["VMM up 1500 (n = 3)", "kernel 3000 (n = 3)", "initramfs 4500 (n = 3)", "init 12000 (n = 3)", "app 3000 (n = 3)"]);
    const waterfall = bootWaterfall("vm", measurement);
    expect(waterfall?.readyMedianMs).toBe(24_000);
    expect(waterfall?.sampleCount).toBe(3);
    expect(waterfall?.engineCallMedianMs).toBe(800);
    expect(waterfall?.appFloor).toEqual({ steps: ["app"], label: "app", medianMs: 3000, samples: 3 });
    expect(waterfall?.missingMarkers).toEqual([]);
  });

  it("cuts a container's boot where the runtime exec'd the app", () => {
    const measurement = boot([1000, 1100, 1200], [{ engineStartCallMs: 280, appExecMs: 250 }, { engineStartCallMs: 300, appExecMs: 260 }, { engineStartCallMs: 320, appExecMs: 240 }]);
    expect(phaseLines(measurement, "container")).toEqual(["runtime 250 (n = 3)", "app 840 (n = 3)"]);
    expect(bootWaterfall("container", measurement)?.engineCallMedianMs).toBe(300);
  });

  it("merges the steps around a marker no sample recorded into one honestly named phase", () => {
    const quietKernel: BootPhases = { firstConsoleLineMs: 1500, rootInitStartedMs: 5000, appExecMs: 5100 };
    const measurement = boot([7000, 7500, 8000], [quietKernel, quietKernel, quietKernel]);
    expect(phaseLines(measurement)).toEqual(["VMM up 1500 (n = 3)", "kernel + initramfs 3500 (n = 3)", "init 100 (n = 3)", "app 2400 (n = 3)"]);
    expect(bootWaterfall("vm", measurement)?.missingMarkers).toEqual(["initrdStartedMs"]);
  });

  it("without an app-exec marker ends in an init + app phase and has no app floor", () => {
    const measurement = boot([10_000], [{ firstConsoleLineMs: 1000, initrdStartedMs: 2000, rootInitStartedMs: 4000 }]);
    expect(phaseLines(measurement)).toEqual(["VMM up 1000 (n = 1)", "kernel 1000 (n = 1)", "initramfs 2000 (n = 1)", "init + app 6000 (n = 1)"]);
    expect(bootWaterfall("vm", measurement)?.appFloor).toBeUndefined();
    expect(bootWaterfall("vm", measurement)?.engineCallMedianMs).toBeUndefined();
  });

  it("takes each phase's median over the samples that recorded both its ends", () => {
    const measurement = boot([23_000, 22_000, 24_000], [typicalVm, { ...typicalVm, initrdStartedMs: undefined }, { firstConsoleLineMs: 2000, appExecMs: 21_000 }]);
    expect(phaseLines(measurement)).toEqual(["VMM up 1500 (n = 3)", "kernel 3000 (n = 1)", "initramfs 4500 (n = 1)", "init 11000 (n = 2)", "app 3000 (n = 3)"]);
  });

  it("merges a marker that never came together with the one before it", () => {
    const measurement = boot([10_000, 10_000], [{ firstConsoleLineMs: 1000 }, { initrdStartedMs: 3000, appExecMs: 9000 }]);
    expect(phaseLines(measurement)).toEqual(["VMM up 1000 (n = 1)", "kernel + initramfs + init + app 9000 (n = 1)"]);
    expect(bootWaterfall("vm", measurement)?.missingMarkers).toEqual(["initrdStartedMs", "rootInitStartedMs", "appExecMs"]);
  });

  it("is absent for results made before phases were recorded, or whose phases hold no marker", () => {
    expect(bootWaterfall("vm", boot([20_000, 25_000]))).toBeUndefined();
    expect(bootWaterfall("container", boot([1000], [{ engineStartCallMs: 300 }]))).toBeUndefined();
  });

  it("names merged steps with a plus", () => {
    expect(phaseLabel(["kernel", "initramfs"])).toBe("kernel + initramfs");
    expect(phaseLabel(["vmm"])).toBe("VMM up");
  });
});

describe("a floor's phases", () => {
  it("split the VM floor by the guest's own clock into VMM up and the kernel up to its one-line init", () => {
    expect(floorPhases({ samplesMs: [4000, 4200, 4400], method: "m", guestUptimeMs: [2500, 2600, 2700] })).toEqual([
      { steps: ["vmm"], label: "VMM up", medianMs: 1600, samples: 3 },
      { steps: ["kernel"], label: "kernel to init", medianMs: 2600, samples: 3 },
    ]);
  });

  it("keep the VM floor whole when its samples lack the guest's clock", () => {
    expect(floorPhases({ samplesMs: [4000, 4200], method: "m", guestUptimeMs: [] })).toEqual([{ steps: ["vmm", "kernel"], label: "VMM up + kernel", medianMs: 4100, samples: 2 }]);
  });

  it("make a container engine floor one phase", () => {
    expect(floorPhases({ samplesMs: [740, 750, 760], method: "m" })).toEqual([{ steps: ["runtime"], label: "no-op container: start → done", medianMs: 750, samples: 3 }]);
  });
});
