import { balloonStats, guestUsedBytes, parseVirshDomstats } from "../../../labs/lib/measure/virshParsers";
import { parseSmapsRollup } from "../../../labs/lib/measure/procParsers";
import { agreesWithin } from "../../../labs/lib/measure/stats";
import { fixture } from "./fixture";

const kib = 1024;

describe("virsh domstats --balloon", () => {
  it("reads a running domain whose guest has no balloon driver: host figures only", () => {
    const [stats] = parseVirshDomstats(fixture("virsh-domstats-balloon.txt"));
    expect(stats.domain).toBe("measure-fixture-vm");
    const balloon = balloonStats(stats);
    expect(balloon).toEqual({
      currentBytes: 131072 * kib,
      maximumBytes: 131072 * kib,
      rssBytes: 42720 * kib,
      availableBytes: undefined,
      unusedBytes: undefined,
      usableBytes: undefined,
      diskCachesBytes: undefined,
      lastUpdateEpochSeconds: 0,
    });
    expect(guestUsedBytes(balloon)).toBeUndefined();
  });

  it("gives a balloon RSS that agrees with QEMU's smaps_rollup Rss read a moment later", () => {
    const balloon = balloonStats(parseVirshDomstats(fixture("virsh-domstats-balloon.txt"))[0]);
    const qemu = parseSmapsRollup(fixture("proc-smaps_rollup-qemu.txt"));
    expect(agreesWithin(balloon.rssBytes ?? 0, qemu.rssBytes, 0.01)).toBe(true);
  });

  it("reads the guest's figures when its driver reports them (hand-written from libvirt's documentation)", () => {
    const balloon = balloonStats(parseVirshDomstats(fixture("virsh-domstats-balloon-guest-driver.hand-written-from-libvirt-docs.txt"))[0]);
    expect([balloon.availableBytes, balloon.unusedBytes, balloon.usableBytes, balloon.diskCachesBytes]).toEqual([485656 * kib, 301232 * kib, 367704 * kib, 96508 * kib]);
    expect(guestUsedBytes(balloon)).toBe(117952 * kib);
  });

  it("reads several domains, and a shut-off one without RSS", () => {
    const all = parseVirshDomstats(fixture("virsh-domstats-balloon.txt") + fixture("virsh-domstats-balloon-shut-off.txt"));
    expect(all.map((stats) => stats.domain)).toEqual(["measure-fixture-vm", "measure-fixture-vm-off"]);
    expect(balloonStats(all[1]).rssBytes).toBeUndefined();
    expect(() => balloonStats(parseVirshDomstats("Domain: 'x'\n  state.state=1\n")[0])).toThrow("run with --balloon");
    expect(() => parseVirshDomstats("  balloon.current=1\n")).toThrow('before any "Domain:" line');
  });
});
