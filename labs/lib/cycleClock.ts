import { performance } from "node:perf_hooks";

/** One step of a lab cycle and the wall time it took. */
export interface CycleStep {
  step: string;
  seconds: number;
}

/** Times the steps of a cycle in the order they ran. */
export class CycleClock {
  private readonly started = performance.now();
  readonly steps: CycleStep[] = [];

  async time<T>(step: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.steps.push({ step, seconds: (performance.now() - started) / 1000 });
    }
  }

  totalSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}

function minutesAndSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s` : `${seconds.toFixed(1)} s`;
}

/** "Cycle time 6 min 02 s: bootstrap 1.2 s, images 0.8 s, up docker 14.0 s, …" */
export function describeCycle(steps: readonly CycleStep[], totalSeconds: number): string {
  return `Cycle time ${minutesAndSeconds(totalSeconds)}: ${steps.map((step) => `${step.step} ${minutesAndSeconds(step.seconds)}`).join(", ")}.`;
}
