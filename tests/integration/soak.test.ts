import { destroyStack } from "../../labs/lib/stackLifecycle";
import { runLabCommand } from "./labCommand";

const quiet = () => undefined;

describe("the soak", () => {
  jest.setTimeout(1_800_000);

  afterAll(async () => {
    await destroyStack("docker", quiet, quiet);
    await destroyStack("libvirt", quiet, quiet);
  });

  it("runs up → boot sample → down of both stacks twice with nothing left after any cycle", async () => {
    const soak = await runLabCommand(["soak", "--", "--cycles", "2"]);
    expect(soak.output).toContain("leftovers: none after any cycle");
    expect(soak.output).toMatch(/^2 +\d/m);
    expect(soak.output).toContain("soak passed");
    expect(soak.exitCode).toBe(0);
  });
});
