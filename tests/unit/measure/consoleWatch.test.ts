import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { watchConsole } from "../../../labs/lib/measure/consoleWatch";

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("following a VM's serial console", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "console-watch-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("notes the first write and each milestone of the new boot as it is written, from where the file ended", async () => {
    const log = path.join(dir, "db.log");
    fs.writeFileSync(log, "lab-init: exec app of the last boot\n");
    const seen: string[] = [];
    const watch = watchConsole(log, { appExec: /lab-init: exec/, initrdStarted: /Run \/init/ }, (milestone) => seen.push(milestone));
    await settle();
    expect(watch.times.firstWrite).toBeUndefined();
    fs.appendFileSync(log, "[    0.9] Run /init as init process\n");
    await settle();
    expect(seen).toEqual(["initrdStarted"]);
    fs.appendFileSync(log, "lab-init: exec /usr/bin/redis-server\n");
    await settle();
    expect(seen).toEqual(["initrdStarted", "appExec"]);
    expect(watch.times.milestones.appExec).toBeGreaterThan(watch.times.milestones.initrdStarted ?? Infinity);
    expect(watch.stop().text).toBe("[    0.9] Run /init as init process\nlab-init: exec /usr/bin/redis-server\n");
  });

  it("reads a console made anew from its start, ignores other files in its folder, and stops for good", async () => {
    const log = path.join(dir, "floor.log");
    fs.writeFileSync(path.join(dir, "web.log"), "");
    const watch = watchConsole(log, { initReached: /floor init/ });
    fs.appendFileSync(path.join(dir, "web.log"), "floor init of another console\n");
    await settle();
    expect(watch.times.text).toBe("");
    fs.writeFileSync(log, "floor init\n");
    await settle();
    expect(watch.times.milestones.initReached).toBeDefined();
    watch.stop();
    fs.appendFileSync(log, "after the stop\n");
    await settle();
    expect(watch.stop().text).toBe("floor init\n");
  });
});
