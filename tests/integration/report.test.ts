import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { $, tmpdir } from "zx";
import { writeResults } from "../../labs/lib/measure/results";
import { claims } from "../../labs/lib/report/claims";
import { renderHtml } from "../../labs/lib/report/html";
import { reportInputFor } from "../../labs/lib/report/runs";
import { waterfallBlocks } from "../../labs/lib/report/waterfallSection";
import { generateReport } from "../../labs/lib/report/writeReport";
import { syntheticDocker, syntheticLibvirt } from "../fixtures/report/syntheticResults";

/** Debian's Chromium: the lab's host requirements install it (package `chromium`). */
const chromium = "/usr/bin/chromium";

/** Flags that keep headless Chromium off the network and away from any profile but a fresh one. */
function chromiumArgs(profileDir: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profileDir}`,
  ];
}

/** The charts "Where the boot time goes" draws for the synthetic runs: docker, and libvirt under each boot profile. */
const waterfallCharts = [
  ["chart-waterfall-docker-typical", "Where the boot time goes: docker containers, typical profile, native"],
  ["chart-waterfall-libvirt-typical", "Where the boot time goes: libvirt VMs, typical profile, TCG emulation"],
  ["chart-waterfall-libvirt-tuned", "Where the boot time goes: libvirt VMs, tuned profile, TCG emulation"],
];

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngDimensions(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG file");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("the HTML report in a browser", () => {
  jest.setTimeout(180_000);
  let workDir: string;
  let htmlFile: string;
  let sectionFile: string;

  beforeAll(() => {
    if (!fs.existsSync(chromium)) {
      throw new Error(`${chromium} is missing, and this test renders the report in it: install Debian's chromium package, one of the lab's host packages (\`npm run bootstrap\`, or \`apt-get install -y chromium\`).`);
    }
    workDir = tmpdir();
    const resultsDir = path.join(workDir, "results");
    writeResults(resultsDir, syntheticDocker());
    writeResults(resultsDir, syntheticLibvirt("2026-11-26T09:30:00.000Z", "tuned"));
    writeResults(resultsDir, syntheticLibvirt());
    htmlFile = generateReport({ resultsDir, outputDir: path.join(workDir, "out") }).htmlFile;
    sectionFile = path.join(workDir, "out", "waterfall.html");
    fs.writeFileSync(sectionFile, renderHtml("Where the boot time goes", waterfallBlocks(reportInputFor(resultsDir, []))));
  });

  /** Renders `file` in a window of the given size and returns the screenshot. */
  async function screenshot(file: string, width: number, height: number): Promise<Buffer> {
    const png = path.join(workDir, `${path.basename(file, ".html")}-${width}x${height}.png`);
    const args = [...chromiumArgs(fs.mkdtempSync(path.join(workDir, "profile-"))), `--screenshot=${png}`, `--window-size=${width},${height}`, pathToFileURL(file).href];
    await $({ quiet: true, timeout: "2m", timeoutSignal: "SIGKILL" })`${chromium} ${args}`;
    return fs.readFileSync(png);
  }

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("renders to a full-size, non-blank screenshot", async () => {
    const png = await screenshot(htmlFile, 1400, 3000);
    expect(pngDimensions(png)).toEqual({ width: 1400, height: 3000 });
    expect(png.length).toBeGreaterThan(100_000);
  });

  it("renders where the boot time goes, its table and a waterfall chart per run, to a non-blank screenshot", async () => {
    const html = fs.readFileSync(htmlFile, "utf8");
    expect(html).toContain('<h2 id="where-the-boot-time-goes">Where the boot time goes</h2>');
    expect(html).toContain('<table id="boot-waterfall">');
    for (const [id] of waterfallCharts) expect(html).toContain(`<figure id="${id}-figure">\n<svg id="${id}"`);
    const png = await screenshot(sectionFile, 1400, 2400);
    expect(pngDimensions(png)).toEqual({ width: 1400, height: 2400 });
    expect(png.length).toBeGreaterThan(100_000);
  });

  it("has the three charts, the waterfall charts and a ledger row per claim in its DOM, and no scripts", async () => {
    const args = [...chromiumArgs(fs.mkdtempSync(path.join(workDir, "profile-"))), "--dump-dom", pathToFileURL(htmlFile).href];
    const dom = (await $({ quiet: true, timeout: "2m", timeoutSignal: "SIGKILL" })`${chromium} ${args}`).stdout;
    for (const [id, title] of [
      ["chart-boot", "Boot time per app and platform"],
      ["chart-memory", "Host memory per instance, by kind"],
      ["chart-disk", "Disk per stack: copy-on-write vs full copies"],
      ...waterfallCharts,
    ]) {
      expect(dom).toMatch(new RegExp(`<svg id="${id}"[^>]*>\\s*<title id="${id}-title">${title}</title>`));
    }
    expect(dom.match(/<svg /g)).toHaveLength(6);
    expect(dom.match(/<circle /g)).toHaveLength(19);
    expect(dom).toContain('<table id="claims-ledger">');
    for (const claim of claims) expect(dom).toMatch(new RegExp(`<tr id="claim-${claim.id}"><td>${claim.id}</td>`));
    expect(dom.match(/<tr id="claim-C\d\d">/g)).toHaveLength(14);
    expect(dom).not.toContain("<script");
  });
});
