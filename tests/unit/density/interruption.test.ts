import { ProcessOutput } from "zx";
import { catchInterruptions } from "../../../labs/lib/interruption";
import { LabError } from "../../../model/labError";

const interruptedMessage = "`npm run density -- docker` was interrupted (SIGINT); what it had started was removed.";

describe("catching Ctrl-C", () => {
  it("turns the first SIGINT into a LabError to race against, once, and lets go when disposed", async () => {
    const lines: string[] = [];
    const listenersBefore = process.listenerCount("SIGINT");
    const interruption = catchInterruptions("npm run density -- docker", (line) => lines.push(line));
    expect(() => interruption.throwIfSignalled()).not.toThrow();
    process.emit("SIGINT", "SIGINT");
    await expect(Promise.race([new Promise(() => undefined), interruption.signalled])).rejects.toThrow(LabError);
    expect(() => interruption.throwIfSignalled()).toThrow(interruptedMessage);
    process.emit("SIGTERM", "SIGTERM");
    expect(lines).toEqual(["SIGINT: stopping, and removing what `npm run density -- docker` started"]);
    expect(interruption.explain(new Error("docker run failed"))).toBeInstanceOf(LabError);
    interruption.dispose();
    expect(process.listenerCount("SIGINT")).toBe(listenersBefore);
  });

  it("takes a command that Ctrl-C ended before this process heard of it for the interruption, and nothing else", () => {
    const interruption = catchInterruptions("npm run density -- docker", () => undefined);
    const plain = new Error("disk full");
    expect(interruption.explain(plain)).toBe(plain);
    const ended = new Error("`virsh create` was killed by SIGINT", { cause: new ProcessOutput(null, "SIGINT", "", "", "", "", 1) });
    expect((interruption.explain(ended) as Error).message).toContain(interruptedMessage);
    interruption.dispose();
  });
});
