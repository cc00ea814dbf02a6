/**
 * The overhead workloads (claims C09, C10): sysbench 1.0 runs of fixed settings, the same Debian package on the host
 * and inside every instance (model/catalog/apps.ts benchmarkPackages). Each run is bounded in time and reports a rate,
 * so a slower platform does fewer operations in the same time instead of running longer.
 */

export type Workload = "cpu" | "memory" | "disk-random-4k" | "disk-sequential-read" | "disk-sequential-write";

export interface WorkloadSpec {
  workload: Workload;
  /** What the rate counts. */
  unit: string;
  /** What the workload does, for the report's methods. */
  method: string;
  /** Whether it needs a writable folder on the instance's own disk. */
  onDisk: boolean;
}

/** Every run lasts this long; long enough for thousands of events even under emulation. */
export const runSeconds = 2;

/** The test files of the disk workloads: small enough for any instance's disk, direct I/O so the page cache is not measured. */
const fileioOptions = ["--file-num=4", "--file-total-size=64M", "--file-extra-flags=direct"];

export const workloads: readonly WorkloadSpec[] = [
  { workload: "cpu", unit: "events/s", method: `sysbench cpu, 1 thread, primes up to 10000, ${runSeconds} s`, onDisk: false },
  { workload: "memory", unit: "MiB/s", method: `sysbench memory, 1 thread, 1 MiB blocks written, ${runSeconds} s`, onDisk: false },
  { workload: "disk-random-4k", unit: "IOPS", method: `sysbench fileio rndrw, 4 KiB blocks, O_DIRECT, 4 files of 16 MiB, ${runSeconds} s: reads/s + writes/s`, onDisk: true },
  { workload: "disk-sequential-read", unit: "MiB/s", method: `sysbench fileio seqrd, 1 MiB blocks, O_DIRECT, ${runSeconds} s`, onDisk: true },
  { workload: "disk-sequential-write", unit: "MiB/s", method: `sysbench fileio seqwr, 1 MiB blocks, O_DIRECT, ${runSeconds} s`, onDisk: true },
];

/** The shell command of one run of `workload`; a disk workload makes its files in `diskDir` and removes them after. */
export function workloadCommand(workload: Workload, diskDir: string): string {
  const time = `--time=${runSeconds}`;
  const fileio = (mode: string, blockSize: string) => {
    const options = fileioOptions.join(" ");
    // prepare writes the files; cleanup runs whatever the run's outcome, and the run's status is the command's.
    return `cd '${diskDir}' && sysbench fileio ${options} prepare > /dev/null && { sysbench fileio ${options} --file-test-mode=${mode} --file-block-size=${blockSize} ${time} run; status=$?; sysbench fileio ${options} cleanup > /dev/null; exit $status; }`;
  };
  switch (workload) {
    case "cpu":
      return `sysbench cpu --threads=1 --cpu-max-prime=10000 ${time} run`;
    case "memory":
      return `sysbench memory --threads=1 --memory-block-size=1M --memory-total-size=1000G ${time} run`;
    case "disk-random-4k":
      return fileio("rndrw", "4K");
    case "disk-sequential-read":
      return fileio("seqrd", "1M");
    case "disk-sequential-write":
      return fileio("seqwr", "1M");
  }
}

function numberAfter(output: string, label: RegExp): number | undefined {
  const match = new RegExp(`${label.source}\\s*([0-9.]+)`).exec(output);
  return match ? Number(match[1]) : undefined;
}

/** The rate a run of `workload` reported, in the workload's unit; throws when sysbench's output lacks it. */
export function parseWorkloadRate(workload: Workload, output: string): number {
  const rate = (() => {
    switch (workload) {
      case "cpu":
        return numberAfter(output, /events per second:/);
      case "memory":
        return numberAfter(output, /MiB transferred \(/);
      case "disk-random-4k": {
        const reads = numberAfter(output, /reads\/s:/);
        const writes = numberAfter(output, /writes\/s:/);
        return reads === undefined || writes === undefined ? undefined : reads + writes;
      }
      case "disk-sequential-read":
        return numberAfter(output, /read, MiB\/s:/);
      case "disk-sequential-write":
        return numberAfter(output, /written, MiB\/s:/);
    }
  })();
  if (rate === undefined || !Number.isFinite(rate)) throw new Error(`sysbench's ${workload} output has no rate: ${output.trim().split("\n").slice(-3).join(" / ")}`);
  return rate;
}
