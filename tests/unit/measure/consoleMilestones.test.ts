import * as fs from "node:fs";
import * as path from "node:path";
import { consoleMilestonePatterns, milestonesIn } from "../../../labs/lib/measure/consoleMilestones";

const typicalConsole = fs.readFileSync(path.join(__dirname, "..", "..", "fixtures", "measure", "vm", "console-api-tcg.log"), "utf8");

describe("the boot milestones a VM's serial console shows", () => {
  it("finds the initramfs and systemd starting in a typical boot, and not the app before its unit started", () => {
    expect(milestonesIn(typicalConsole, consoleMilestonePatterns("api"))).toEqual(["initrdStarted", "rootInitStarted"]);
  });

  it("sees the app start in systemd's coloured status line and in its kernel-log line", () => {
    const patterns = consoleMilestonePatterns("api");
    expect(milestonesIn("[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mlab-api.service\x1b[0m - vm-container-lab api app", patterns)).toEqual(["appExec"]);
    expect(milestonesIn("[   24.1] systemd[1]: Started lab-api.service - vm-container-lab api app", patterns)).toContain("appExec");
    expect(milestonesIn("Started lab-db.service", patterns)).toEqual([]);
  });

  it("sees lab-init's lines in a tuned boot, for its own app only", () => {
    const tuned = "lab-init: started\nlab-init: exec web\n";
    expect(milestonesIn(tuned, consoleMilestonePatterns("web"))).toEqual(["rootInitStarted", "appExec"]);
    expect(milestonesIn(tuned, consoleMilestonePatterns("db"))).toEqual(["rootInitStarted"]);
  });
});
