import { parseResidentMemory, renderSoakTable, soakLeftoverKinds, soakVerdict, type SoakCycle, type SoakLeftoverKind } from "../../../labs/lib/soak";

const noLeftovers = Object.fromEntries(soakLeftoverKinds.map((kind) => [kind, 0])) as Record<SoakLeftoverKind, number>;

const mebibytes = (count: number) => count * 1024 ** 2;

/** A cycle whose dockerd has `dockerdAnonMiB` of anonymous memory and libvirtd a file-backed part that jumps about. */
function cycle(number: number, dockerdAnonMiB: number, leftovers: Partial<Record<SoakLeftoverKind, number>> = {}): SoakCycle {
  return {
    cycle: number,
    upMs: { docker: 8_000, libvirt: 40_000 },
    bootMs: { docker: 1_050, libvirt: 20_000 },
    downMs: { docker: 4_000, libvirt: 6_000 },
    leftovers: { ...noLeftovers, ...leftovers },
    daemons: {
      dockerd: { rssBytes: mebibytes(dockerdAnonMiB + 50), anonBytes: mebibytes(dockerdAnonMiB) },
      libvirtd: { rssBytes: mebibytes(number % 2 === 0 ? 28 : 36), anonBytes: mebibytes(number % 2 === 0 ? 12.6 : 20.1) },
    },
  };
}

describe("the soak's verdict", () => {
  it("passes clean cycles whose daemons' anonymous memory stays within 20 % of cycle 2 (cycle 1 warms caches), whatever their file-backed pages do", () => {
    const verdict = soakVerdict([cycle(1, 40), cycle(2, 60), cycle(3, 64), cycle(4, 70)]);
    expect(verdict.passed).toBe(true);
    expect(verdict.daemonGrowth.dockerd).toBeCloseTo(70 / 60 - 1);
    expect(verdict.daemonGrowth.libvirtd).toBe(0);
  });

  it("compares the peaks of equal windows, so a heap that goes between two levels is no growth", () => {
    const verdict = soakVerdict(Array.from({ length: 20 }, (_, index) => cycle(index + 1, 60)));
    expect(verdict.window).toBe(6);
    expect(verdict.daemonGrowth.libvirtd).toBe(0);
    expect(verdict.passed).toBe(true);
  });

  it("fails on a daemon growing more than 20 % from cycle 2 to the last", () => {
    const verdict = soakVerdict([cycle(1, 60), cycle(2, 60), cycle(3, 70), cycle(4, 80)]);
    expect(verdict.grewTooMuch).toEqual(["dockerd"]);
    expect(verdict.passed).toBe(false);
  });

  it("fails on any leftover and names the cycle", () => {
    const verdict = soakVerdict([cycle(1, 60), cycle(2, 60, { domain: 1 })]);
    expect(verdict.cyclesWithLeftovers).toEqual([2]);
    expect(verdict.passed).toBe(false);
    expect(renderSoakTable([cycle(2, 60, { domain: 1, "pulumi lock": 2 })])).toContain("1 domain, 2 pulumi lock");
  });

  it("reads VmRSS and RssAnon", () => {
    expect(parseResidentMemory("Name:\tlibvirtd\nVmRSS:\t   36452 kB\nRssAnon:\t   20184 kB\nRssFile:\t   16268 kB\n")).toEqual({ rssBytes: 36452 * 1024, anonBytes: 20184 * 1024 });
    expect(parseResidentMemory("Name:\tkthreadd\n")).toBeUndefined();
  });
});
