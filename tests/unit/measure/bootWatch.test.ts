import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readyLatenessMs } from "../../../labs/lib/measure/bootTiming";
import { watchLogForLine } from "../../../labs/lib/measure/containerLogWatch";
import { parseHttpAnswer } from "../../../labs/lib/measure/engineFloor";
import { apps, catalogFilesDir } from "../../../model/catalog/apps";

const entry = (text: string, time: string) => `${JSON.stringify({ log: `${text}\n`, stream: "stdout", time })}\n`;

describe("watching a container's log for its app's ready line", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "log-watch-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("resolves with the engine's stamp of the first new entry holding the line, and ignores what was logged before", async () => {
    const log = path.join(dir, "c-json.log");
    fs.writeFileSync(log, entry("Ready to accept connections", "2026-12-03T09:00:00.000000000Z"));
    const watch = watchLogForLine(log, "Ready to accept connections");
    let seen: number | undefined;
    void watch.seen.then((found) => (seen = found.announcedAtWallMs));
    fs.appendFileSync(log, entry("Server initialized", "2026-12-03T09:00:01.100000000Z"));
    // Half an entry first, as the engine may write it: the rest arrives with the next write.
    const ready = entry("* Ready to accept connections tcp", "2026-12-03T09:00:01.250500000Z");
    fs.appendFileSync(log, ready.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toBeUndefined();
    fs.appendFileSync(log, ready.slice(20));
    const found = await watch.seen;
    expect(found.announcedAtWallMs).toBeCloseTo(Date.parse("2026-12-03T09:00:01.250Z") + 0.5, 6);
    watch.close();
    watch.close();
  });

  it("never resolves for a line that does not come, and can be closed", async () => {
    const log = path.join(dir, "c-json.log");
    fs.writeFileSync(log, "");
    const watch = watchLogForLine(log, "api listening on");
    fs.appendFileSync(log, entry("something else", "2026-12-03T09:00:01.000000000Z"));
    const outcome = await Promise.race([watch.seen.then(() => "seen"), new Promise((resolve) => setTimeout(() => resolve("waiting"), 100))]);
    expect(outcome).toBe("waiting");
    watch.close();
  });

  it("is named by the catalog for apps that print such a line, and the api's own server prints it", () => {
    expect(apps.db.readyLogLine).toBe("Ready to accept connections");
    expect(apps.web.readyLogLine).toBeUndefined();
    const server = fs.readFileSync(path.join(catalogFilesDir, apps.api.files[0].source), "utf8");
    expect(server).toMatch(new RegExp(`listen\\(port, \\(\\) => console\\.log\\(\`${apps.api.readyLogLine}`));
  });
});

describe("how late a boot sample can have seen readiness", () => {
  it("is the pause before the passing attempt where nothing else is known", () => {
    expect(readyLatenessMs({ passingAttemptAtMs: 70, resolutionMs: 5 })).toBe(5);
  });

  it("is shortened by the app's process starting, and by its ready line, when they come after the attempt before", () => {
    expect(readyLatenessMs({ passingAttemptAtMs: 70, resolutionMs: 70 }, 66)).toBe(4);
    expect(readyLatenessMs({ passingAttemptAtMs: 190.4, resolutionMs: 90.4 }, 60, 190.1)).toBeCloseTo(0.3, 6);
    expect(readyLatenessMs({ passingAttemptAtMs: 70, resolutionMs: 5 }, 40, 30)).toBe(5);
  });

  it("is nought when the app said it listens only after the passing attempt began", () => {
    expect(readyLatenessMs({ passingAttemptAtMs: 200, resolutionMs: 100 }, 60, 200.4)).toBe(0);
  });
});

describe("the Engine API's answers", () => {
  it("reads the status and body of a whole HTTP/1.0 answer", () => {
    expect(parseHttpAnswer("HTTP/1.0 204 No Content\r\nApi-Version: 1.43\r\n\r\n")).toEqual({ status: 204, body: "" });
    expect(parseHttpAnswer('HTTP/1.0 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"message":"No such container: x"}\n')).toEqual({ status: 404, body: '{"message":"No such container: x"}\n' });
    expect(parseHttpAnswer("HTTP/1.0 200 OK\r\n")).toBeUndefined();
    expect(parseHttpAnswer("")).toBeUndefined();
  });
});
