import { sleep } from "zx";
import { withHeartbeat } from "../../labs/lib/progress";

describe("withHeartbeat", () => {
  it("logs the label with the seconds so far while the work runs, and stops when it ends", async () => {
    const lines: string[] = [];
    const result = await withHeartbeat("still building", (line) => lines.push(line), async () => {
      await sleep(300);
      return "built";
    }, 40);
    expect(result).toBe("built");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((line) => line === "still building (0 s)")).toBe(true);
    const count = lines.length;
    await sleep(150);
    expect(lines).toHaveLength(count);
  });

  it("passes a failure on and stops logging", async () => {
    const lines: string[] = [];
    await expect(withHeartbeat("still waiting", (line) => lines.push(line), async () => {
      await sleep(80);
      throw new Error("engine gone");
    }, 30)).rejects.toThrow("engine gone");
    const count = lines.length;
    expect(count).toBeGreaterThan(0);
    await sleep(100);
    expect(lines).toHaveLength(count);
  });
});
