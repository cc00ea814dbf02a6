/** How the report writes numbers, changes and the names of platforms and accelerators. */
import type { ExecutionMode, InstanceKind } from "../../../model/deployment";
import { formatBytes } from "../doctorChecks";

export { formatBytes };

/** The minus sign the report writes before negative changes (U+2212, the width of "+"). */
export const minusSign = "−";

/** A duration for people: "850 ms", "1.07 s", "23.5 s", "125 s" (three significant digits from 1 s on). */
export function formatDuration(ms: number): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (Number(seconds.toFixed(2)) < 10) return `${seconds.toFixed(2)} s`;
  if (Number(seconds.toFixed(1)) < 100) return `${seconds.toFixed(1)} s`;
  return `${Math.round(seconds)} s`;
}

function signed(value: number, magnitude: (absolute: number) => string): string {
  const text = magnitude(Math.abs(value));
  if (value > 0) return `+${text}`;
  if (value < 0) return `${minusSign}${text}`;
  return text;
}

/** A change of duration with its sign: "+1.20 s", "−350 ms", "0 ms". */
export function formatDurationChange(deltaMs: number): string {
  return signed(deltaMs, formatDuration);
}

/** A change of bytes with its sign: "+1.5 MiB", "−200.0 KiB", "0 B". */
export function formatBytesChange(deltaBytes: number): string {
  return signed(deltaBytes, formatBytes);
}

/** A relative change as percent with one decimal: 0.123 → "+12.3 %"; undefined (no base to compare with) → "n/a". */
export function formatPercentChange(fraction: number | undefined): string {
  if (fraction === undefined) return "n/a";
  return signed(Number((fraction * 100).toFixed(1)), (percent) => `${percent.toFixed(1)} %`);
}

/** What ran the instances' CPU, in words: native, KVM, TCG emulation. */
export function acceleratorLabel(accelerator: ExecutionMode): string {
  const labels: Record<ExecutionMode, string> = { native: "native", kvm: "KVM", tcg: "TCG emulation" };
  return labels[accelerator];
}

/** An instance kind as the report names it: "container" or "VM". */
export function kindLabel(kind: InstanceKind): string {
  return kind === "vm" ? "VM" : "container";
}
