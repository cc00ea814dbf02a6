/**
 * The lab runs programs with zx's `$`, each call saying how in its options:
 * - `quiet: true` always: no command's output reaches the user's terminal (the lab prints its own progress lines
 *   and keeps a failed command's output for its error message); zx's `$.verbose` stays false, so no command is echoed;
 * - `nothrow: true` for probes, whose callers read `.exitCode`, `.stdout` and `.stderr`; a command whose failure is
 *   an error is awaited through `checked` below;
 * - `timeout` with `timeoutSignal: "SIGKILL"` where a command may hang: zx then kills it (and its children), and its
 *   ProcessOutput has exitCode null and signal "SIGKILL".
 * zx runs each command line through bash with its arguments quoted one by one (`${array}` gives one word per item).
 */
import { ProcessOutput, type ProcessPromise } from "zx";

/** How many of a failed command's last output lines its error message keeps. */
const failureLines = 15;

/** What failed, for an error message: the command line, its exit code (or the signal that ended it), and the last lines it printed. */
export function describeFailure(command: string, output: ProcessOutput): string {
  const how = output.exitCode === null ? `was killed by ${output.signal ?? "a signal"}` : `exited with ${output.exitCode}`;
  const printed = (output.stderr.trim() || output.stdout.trim()).split("\n").slice(-failureLines).join("\n");
  return `\`${command}\` ${how}${printed ? `:\n${printed}` : ""}`;
}

/**
 * Awaits a command whose failure is an error. zx rejects with the ProcessOutput itself, whose message is all of the
 * command's stderr and names neither the command nor where it ran; this rejects with describeFailure's message instead.
 */
export async function checked(command: ProcessPromise): Promise<ProcessOutput> {
  try {
    return await command;
  } catch (error) {
    throw error instanceof ProcessOutput ? new Error(describeFailure(command.cmd, error), { cause: error }) : error;
  }
}

/** The first line a command printed when it succeeded; undefined when it failed, was missing or timed out (version probes). */
export function firstLine(output: ProcessOutput): string | undefined {
  return output.ok ? output.stdout.trim().split("\n")[0] : undefined;
}
