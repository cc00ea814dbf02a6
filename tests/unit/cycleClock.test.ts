import { CycleClock, describeCycle } from "../../labs/lib/cycleClock";

describe("the lab cycle's clock", () => {
  it("says the whole cycle's time and each step's, in the order they ran", () => {
    expect(describeCycle([{ step: "images", seconds: 0.84 }, { step: "up libvirt", seconds: 95.2 }, { step: "measure libvirt", seconds: 187.6 }], 361.2)).toBe(
      "Cycle time 6 min 01 s: images 0.8 s, up libvirt 1 min 35 s, measure libvirt 3 min 08 s.",
    );
  });

  it("records a step that fails too", async () => {
    const clock = new CycleClock();
    await expect(clock.time("up docker", () => Promise.reject(new Error("no daemon")))).rejects.toThrow("no daemon");
    expect(clock.steps.map((step) => step.step)).toEqual(["up docker"]);
  });
});
