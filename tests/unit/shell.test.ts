import { $, ProcessOutput } from "zx";
import { checked, describeFailure, firstLine } from "../../labs/lib/shell";

/** What a promise rejected with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("the promise resolved");
}

describe("running programs with zx's $ the lab's way", () => {
  it("passes each item of an interpolated array as one argument, spaces and quotes included", async () => {
    const words = ["two words", "it's", "$HOME", ""];
    const printed = await checked($({ quiet: true })`printf ${"%s|"} ${words}`);
    expect(printed.stdout).toBe("two words|it's|$HOME||");
  });

  it("names the failed command, its exit code and the last lines it printed on stderr", async () => {
    const error = await rejection(checked($({ quiet: true })`sh -c ${"echo out; for i in $(seq 1 20); do echo err$i >&2; done; exit 3"}`));
    expect(error).not.toBeInstanceOf(ProcessOutput);
    const [first, ...printed] = error.message.split("\n");
    expect(first).toMatch(/^`sh -c .*` exited with 3:$/);
    expect(printed).toEqual(Array.from({ length: 15 }, (_, index) => `err${index + 6}`));
    expect((error.cause as ProcessOutput).exitCode).toBe(3);
  });

  it("falls back to stdout when a failed command printed nothing on stderr", async () => {
    const error = await rejection(checked($({ quiet: true })`sh -c ${"echo only-stdout; exit 1"}`));
    expect(error.message).toMatch(/exited with 1:\nonly-stdout$/);
  });

  it("kills a command at its timeout with SIGKILL: no exit code, the signal instead", async () => {
    const started = performance.now();
    const output = await $({ nothrow: true, quiet: true, timeout: 200, timeoutSignal: "SIGKILL" })`sleep 30`;
    expect(performance.now() - started).toBeLessThan(10_000);
    expect([output.exitCode, output.signal, output.ok]).toEqual([null, "SIGKILL", false]);
    expect(describeFailure("sleep 30", output)).toBe("`sleep 30` was killed by SIGKILL");
    const error = await rejection(checked($({ quiet: true, timeout: 200, timeoutSignal: "SIGKILL" })`sleep 30`));
    expect(error.message).toBe("`sleep 30` was killed by SIGKILL");
  });

  it("reads the first line of a version probe, and nothing from a failed or missing program", async () => {
    expect(firstLine(await $({ nothrow: true, quiet: true })`printf ${"v1.2.3\nbuilt today\n"}`)).toBe("v1.2.3");
    expect(firstLine(await $({ nothrow: true, quiet: true })`sh -c ${"echo v1; exit 1"}`)).toBeUndefined();
    const missing = await $({ nothrow: true, quiet: true })`no-such-program-of-the-lab --version`;
    expect(missing.exitCode).toBe(127);
    expect(firstLine(missing)).toBeUndefined();
  });

  it("gives a command its input and closes it", async () => {
    expect((await checked($({ quiet: true, input: "a\nb\n" })`wc -l`)).stdout.trim()).toBe("2");
  });
});
