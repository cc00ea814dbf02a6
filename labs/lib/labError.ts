import { CommandError } from "@pulumi/pulumi/automation";
import { LabError } from "../../model/labError";
import { appendRunLog, runLogPath } from "./runLog";

/** Engine lines that only say that something failed, not what. */
const uninformativeEngineErrors = [/^update failed$/, /^preview failed$/, /^destroy failed$/, /^refresh failed$/, /^an unhandled error occurred/i, /^one or more errors occurred/i];

/**
 * The engine's own message in one line: the first `error:` entry of Pulumi's output that says more than "update
 * failed", with its continuation lines (the Terraform providers wrap long messages) folded into it.
 */
export function engineMessage(output: string): string | undefined {
  const lines = output.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const start = /^(\s*)(?:error|Error): (.+)$/.exec(lines[index]);
    if (!start) continue;
    const indent = start[1].length;
    const parts = [start[2].trim()];
    for (let next = index + 1; next < lines.length; next += 1) {
      const line = lines[next];
      const lineIndent = line.length - line.trimStart().length;
      if (line.trim() === "" || lineIndent < indent || /^\s*(error|warning|Error):/.test(line)) break;
      parts.push(line.trim());
    }
    const message = parts
      .join(" ")
      .replace(/\s+/g, " ")
      // The bridged Terraform providers wrap their message in the SDK's source location and the provider's name.
      .replace(/^\S+\.go:\d+: sdk\.helper_schema: /, "")
      .replace(/: provider=\S+$/, "");
    if (!uninformativeEngineErrors.some((pattern) => pattern.test(message))) return message;
  }
  return undefined;
}

/** The text of a failed Pulumi command (its stdout and stderr), or undefined for any other error. */
export function commandOutput(error: unknown): string | undefined {
  if (!(error instanceof CommandError)) return undefined;
  const result = (error as unknown as { commandResult?: { stdout: string; stderr: string } }).commandResult;
  return result ? `${result.stdout}\n${result.stderr}` : error.message;
}

/** Wraps a failed Pulumi command into a LabError: what failed, the engine's message in one line, the fix. */
export function pulumiFailure(what: string, error: unknown, remedy: string): unknown {
  const output = commandOutput(error);
  if (output === undefined) return error;
  appendRunLog(`${what} failed; the engine's output:\n${output}`);
  return new LabError(`${what} failed: ${engineMessage(output) ?? "the engine gave no error line"}.`, remedy);
}

/** What `exitWithError` prints: the LabError's paragraph, or the first line of anything else. */
export function errorParagraph(error: unknown): string {
  if (error instanceof LabError) return error.message;
  const output = commandOutput(error);
  if (output !== undefined) return `A Pulumi command failed: ${engineMessage(output) ?? "the engine gave no error line"}.`;
  const message = error instanceof Error ? error.message : String(error);
  return `${message.split("\n")[0]}\nFix: this is not an error the lab expected; the log below has the details.`;
}

/** Prints one paragraph and where the full output is, keeps the whole error in the run log, and exits with status 1. */
export function exitWithError(error: unknown): never {
  appendRunLog(`\n${error instanceof Error ? `${error.stack ?? error.message}\n${commandOutput(error) ?? ""}` : String(error)}`);
  const log = runLogPath();
  console.error(`\nError: ${errorParagraph(error)}${log ? `\nFull output: ${log}` : ""}`);
  process.exit(1);
}
