import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { describeFailure, runProgram } from "./exec";
import { checkInput, diffProperties, InputFailure, isNonEmptyString, isStringMap, PropertyDiff, updatedOutputs, withoutProvider } from "./properties";

/**
 * A shell command on the machine that runs Pulumi, as a Pulumi dynamic resource: the lab's stand-in for
 * `command.local.Command` of @pulumi/command. The provider object is serialized into the stack state, so it
 * and its helpers are plain module-level functions over Node built-ins (see exec.ts).
 */

/** The shell both commands run with, as `/bin/sh -c COMMAND`. */
export const shell = "/bin/sh";

/** Arguments of a local command. */
export interface LocalCommandArgs {
  /** Shell command run when the resource is created; a non-zero exit fails the update. */
  create: pulumi.Input<string>;
  /** Shell command run when the resource is deleted; it finds create's output in PULUMI_COMMAND_STDOUT and PULUMI_COMMAND_STDERR. */
  delete?: pulumi.Input<string>;
  /** Environment variables added to the Pulumi process's own for both commands. */
  environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Working directory of both commands; the directory Pulumi runs in when absent. */
  dir?: pulumi.Input<string>;
  /** Any values: when one changes, the resource is replaced (the old delete command runs, then create anew). */
  triggers?: pulumi.Input<unknown[]>;
}

/** A command's inputs after check: every default filled in. */
export interface LocalCommandInputs {
  create: string;
  delete?: string;
  environment: Record<string, string>;
  dir?: string;
  triggers: unknown[];
}

/** What the state records for a command. */
export interface LocalCommandOutputs extends LocalCommandInputs {
  stdout: string;
  stderr: string;
}

/** Fills in a command's defaults and lists the inputs it cannot run with. */
export function checkLocalCommandInputs(news: Partial<LocalCommandInputs>): { inputs: LocalCommandInputs; failures: InputFailure[] } {
  const inputs = { ...news, environment: news.environment ?? {}, triggers: news.triggers ?? [] } as LocalCommandInputs;
  const failures: InputFailure[] = [];
  checkInput(failures, "create", inputs.create, isNonEmptyString, "must be a shell command");
  checkInput(failures, "delete", inputs.delete, (command) => command === undefined || typeof command === "string", "must be a shell command");
  checkInput(failures, "environment", inputs.environment, isStringMap, "must map variable names to strings");
  checkInput(failures, "dir", inputs.dir, (dir) => dir === undefined || isNonEmptyString(dir), "must be a directory path");
  return { inputs, failures };
}

/**
 * A changed create command, environment, directory or trigger replaces the resource, old delete first: create and
 * delete commands usually make and remove the same thing, which create-before-delete would remove again at the end.
 * A changed delete command is only recorded.
 */
export function diffLocalCommand(olds: LocalCommandOutputs, news: LocalCommandInputs): PropertyDiff {
  return diffProperties({ ...olds }, { ...news }, {
    replaceOnChange: ["create", "environment", "dir", "triggers"],
    updateInPlace: ["delete"],
    stableOutputs: ["stdout", "stderr"],
    deleteBeforeReplace: true,
  });
}

/** The environment of a command: the base environment, the resource's variables, then `extra`. */
export function commandEnvironment(base: NodeJS.ProcessEnv, environment: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...base, ...environment, ...extra };
}

/** Output as @pulumi/command reports it: without the one newline that ends most command output. */
export function trimFinalNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

async function runShell(command: string, inputs: LocalCommandInputs, extraEnvironment: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const args = ["-c", command];
  const result = await runProgram(shell, args, { cwd: inputs.dir, env: commandEnvironment(process.env, inputs.environment, extraEnvironment) });
  if (result.exitCode !== 0) {
    throw new Error(describeFailure(shell, args, result));
  }
  return { stdout: trimFinalNewline(result.stdout), stderr: trimFinalNewline(result.stderr) };
}

/** The provider Pulumi serializes into the state for each resource of this kind. */
export const localCommandProvider: pulumi.dynamic.ResourceProvider<LocalCommandInputs, LocalCommandOutputs> = {
  async check(_olds, news) {
    return checkLocalCommandInputs(news);
  },
  async diff(_id, olds, news) {
    return diffLocalCommand(olds, news);
  },
  async create(inputs) {
    const output = await runShell(inputs.create, inputs, {});
    return { id: randomUUID(), outs: { ...withoutProvider(inputs), ...output } };
  },
  async update(_id, olds, news) {
    return { outs: updatedOutputs<LocalCommandOutputs>(olds, news, ["stdout", "stderr"]) };
  },
  async delete(_id, props) {
    if (props.delete !== undefined) {
      await runShell(props.delete, props, { PULUMI_COMMAND_STDOUT: props.stdout, PULUMI_COMMAND_STDERR: props.stderr });
    }
  },
};

/** A shell command run once on create (and its optional counterpart on delete) on this machine. */
export class LocalCommand extends pulumi.dynamic.Resource {
  /** Standard output of the create command, without its final newline. */
  declare public readonly stdout: pulumi.Output<string>;
  /** Standard error of the create command, without its final newline. */
  declare public readonly stderr: pulumi.Output<string>;

  constructor(name: string, args: LocalCommandArgs, opts?: pulumi.CustomResourceOptions) {
    super(localCommandProvider, name, { ...args, stdout: undefined, stderr: undefined }, opts, "command", "LocalCommand");
  }
}
