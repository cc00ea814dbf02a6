import * as fs from "node:fs";
import { LabError } from "../../../model/labError";
import { withBuildLock } from "../../../labs/lib/images/buildLock";
import { buildLockFile } from "../../../labs/lib/images/paths";
import { lockOwnerOfThisProcess, releaseLock, tryTakeLock } from "../../../labs/lib/processLock";

/** Another live build holds the lock: this process under another run id, as a second `npm run` would. */
function holdLock() {
  const other = lockOwnerOfThisProcess("image build", "another-run");
  expect(tryTakeLock(buildLockFile, other).outcome).toBe("taken");
  return other;
}

describe("the image build lock", () => {
  afterEach(() => {
    if (fs.existsSync(buildLockFile) && JSON.parse(fs.readFileSync(buildLockFile, "utf8")).runId === "another-run") fs.rmSync(buildLockFile);
  });

  it("waits for another build to finish instead of refusing, saying so once, then runs", async () => {
    const other = holdLock();
    setTimeout(() => releaseLock(buildLockFile, other), 300);
    const lines: string[] = [];
    const result = await withBuildLock((line) => lines.push(line), async () => "built", 10_000, 20);
    expect(result).toBe("built");
    expect(lines).toEqual([expect.stringMatching(/^images: waiting for another image build to finish \(pid \d+, `image build`/)]);
    expect(fs.existsSync(buildLockFile)).toBe(false);
  });

  it("gives up on a build that holds the lock past the limit, naming it and how to end it", async () => {
    holdLock();
    const work = jest.fn(async () => "built");
    await expect(withBuildLock(() => undefined, work, 100, 20)).rejects.toThrow(LabError);
    await expect(withBuildLock(() => undefined, work, 100, 20)).rejects.toThrow(/Another image build has been running for over .* min \(pid \d+/);
    expect(work).not.toHaveBeenCalled();
  });
});
