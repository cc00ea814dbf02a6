/**
 * The command lines of the lab's scripts, in one place: a table of every option (its type, default, allowed range
 * and help) and a table of what each script takes (which of those options, which positional words). parseArguments
 * reads a command line against them with node:util's parseArgs and turns every mistake into one LabError paragraph
 * that says what was wrong and how to call the script.
 */
import { parseArgs } from "node:util";
import { densityCopyLimit } from "../../model/engineNames";
import { platformNames } from "../../model/labConfig";
import { LabError } from "../../model/labError";

interface BooleanOption {
  type: "boolean";
  help: string;
  /** Given this option, the script takes exactly this many positional words, as in `example`. */
  positionals?: number;
  example?: string;
  /** Options that cannot be given with this one. */
  excludes?: readonly string[];
}

interface IntegerOption {
  type: "integer";
  valueName: string;
  /** Absent: the script chooses (its help says how), and the value is undefined when the option is not given. */
  default?: number;
  min: number;
  max: number;
  help: string;
}

interface StringOption {
  type: "string";
  short?: string;
  valueName: string;
  help: string;
}

type OptionSpec = BooleanOption | IntegerOption | StringOption;

/** Every option of every script, once: a script that takes `--samples` takes it by this rule. */
export const optionTable = {
  keep: { type: "boolean", help: "leave both stacks running at the end" },
  samples: { type: "integer", valueName: "N", default: 5, min: 1, max: 50, help: "samples per instance (boots, or runs of each benchmark)" },
  cycles: { type: "integer", valueName: "N", default: 2, min: 1, max: 500, help: "up → one boot sample → down of both stacks, N times" },
  max: { type: "integer", valueName: "N", min: 1, max: densityCopyLimit, help: "most copies to start (default 20 for docker, 6 for libvirt)" },
  "budget-mib": { type: "integer", valueName: "M", default: 2048, min: 64, max: 65536, help: "stop before the copies' host memory (PSS) would pass M MiB" },
  compare: { type: "boolean", help: "the change of every figure from the first run to the second", positionals: 2, example: "npm run report -- --compare RUN_A RUN_B" },
  class: { type: "boolean", help: "every participant's latest runs (results/participants/NAME, and the lab's own) side by side in results/class.md, .html and .csv", positionals: 0, example: "npm run report -- --class", excludes: ["compare", "as"] },
  stack: { type: "string", short: "s", valueName: "STACK", help: "Pulumi's own option; for `config` on a lab stack, the stack is opened first" },
  export: { type: "string", valueName: "FILE", help: "write what this machine built into the new archive FILE (tar with zstd or gzip), for other machines to import" },
  import: { type: "string", valueName: "FILE", help: "install from an archive FILE that `--export` wrote, after checking its architecture and every checksum" },
  as: { type: "string", valueName: "NAME", help: "work on participant NAME's own stacks (NAME-docker, NAME-libvirt: their own names, ports and subnets) and results (results/participants/NAME)" },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof optionTable;

interface PositionalSpec {
  /** Its name in a usage line, e.g. STACK. */
  name: string;
  /** What it is, in error messages: "There is no lab stack called …". */
  what: string;
  /** The words it may be; any word when absent. */
  allowed?: readonly string[];
  min: number;
  max: number;
  help?: string;
}

interface ScriptSpec {
  options: readonly OptionName[];
  positionals?: PositionalSpec;
  /** The rest of the command line is passed on untouched (to the Pulumi CLI): other options and words are not errors. */
  passThrough?: boolean;
  /** A typical call, shown in error messages. */
  example: string;
}

const stackPositional = { name: "STACK", what: "lab stack", allowed: platformNames, min: 1, max: 1 } as const;

/** What each script (`npm run NAME`) takes. */
export const scriptTable = {
  bootstrap: { options: ["export", "import"], example: "npm run bootstrap -- --import toolchain.tar.zst" },
  doctor: { options: [], example: "npm run doctor" },
  images: { options: ["export", "import"], example: "npm run images -- --import images.tar.zst" },
  sdk: { options: [], example: "npm run sdk" },
  up: { options: ["as"], positionals: stackPositional, example: "npm run up -- docker --as alice" },
  down: { options: ["as"], positionals: stackPositional, example: "npm run down -- docker --as alice" },
  lab: { options: ["keep", "samples", "as"], example: "npm run lab -- --keep --samples 5 --as alice" },
  measure: {
    options: ["samples", "as"],
    positionals: { name: "TARGET", what: "measurement target", allowed: [...platformNames, "all"], min: 1, max: 1 },
    example: "npm run measure -- all --samples 5",
  },
  bench: {
    options: ["samples", "as"],
    positionals: { name: "TARGET", what: "benchmark target", allowed: [...platformNames, "all"], min: 1, max: 1 },
    example: "npm run bench -- all --samples 3",
  },
  report: {
    options: ["compare", "class", "as"],
    positionals: { name: "RUN", what: "run", min: 0, max: 2, help: "a run is its results file or its run id; a report shows at most one per stack" },
    example: "npm run report -- RUN_A RUN_B",
  },
  soak: { options: ["cycles"], example: "npm run soak -- --cycles 20" },
  density: { options: ["max", "budget-mib"], positionals: stackPositional, example: "npm run density -- docker --max 20 --budget-mib 2048" },
  pulumi: { options: ["stack"], passThrough: true, example: "npm run pulumi -- stack ls" },
} as const satisfies Record<string, ScriptSpec>;

export type ScriptName = keyof typeof scriptTable;

type OptionValue<N extends OptionName> = (typeof optionTable)[N] extends { type: "boolean" }
  ? boolean
  : (typeof optionTable)[N] extends { type: "integer"; default: number }
    ? number
    : (typeof optionTable)[N] extends { type: "integer" }
      ? number | undefined
      : string | undefined;

type PositionalWord<S extends ScriptName> = (typeof scriptTable)[S] extends { positionals: { allowed: readonly (infer Word)[] } } ? Word : string;

export interface ParsedArguments<S extends ScriptName> {
  values: { [N in (typeof scriptTable)[S]["options"][number]]: OptionValue<N> };
  positionals: PositionalWord<S>[];
}

function optionWords(name: OptionName): string {
  const option: OptionSpec = optionTable[name];
  return option.type === "boolean" ? `--${name}` : `--${name} ${option.valueName}`;
}

function describeOption(name: OptionName): string {
  const option: OptionSpec = optionTable[name];
  const range = option.type === "integer" ? `, from ${option.min} to ${option.max}${option.default === undefined ? "" : ` (default ${option.default})`}` : "";
  return `\`${optionWords(name)}\`: ${option.help}${range}`;
}

/** `npm run measure -- TARGET [--samples N]`. */
export function usage(script: ScriptName): string {
  const spec: ScriptSpec = scriptTable[script];
  const words: string[] = [];
  if (spec.positionals) {
    const { name, min, max } = spec.positionals;
    const optional = Array.from({ length: max - min }, () => name).reduceRight((inner, word) => `[${word}${inner ? ` ${inner}` : ""}]`, "");
    words.push(...Array.from({ length: min }, () => name), ...(optional ? [optional] : []));
  }
  words.push(...spec.options.map((name) => `[${optionWords(name)}]`));
  if (spec.passThrough) words.push("[PULUMI ARGUMENTS…]");
  return `npm run ${script}${words.length > 0 ? ` -- ${words.join(" ")}` : ""}`;
}

/** The remedy of every argument error: how the script is called, an example, and what each word means. */
function howToCall(script: ScriptName): string {
  const spec: ScriptSpec = scriptTable[script];
  const positional = spec.positionals;
  const details = [
    ...(positional?.allowed ? [`${positional.name} is one of: ${positional.allowed.join(", ")}`] : []),
    ...(positional?.help ? [`${positional.name}: ${positional.help}`] : []),
    ...spec.options.map(describeOption),
  ];
  return `call it as \`${usage(script)}\`, for example \`${spec.example}\`${details.map((detail) => `; ${detail}`).join("")}.`;
}

/**
 * Reads a script's command line (process.argv after the script, unless given): its options by the option table
 * (defaults filled in, integers checked against their range) and its positional words by the script's table entry.
 * Throws a LabError for an unknown option, a bad value, or a missing, unknown or extra word.
 */
export function parseArguments<S extends ScriptName>(script: S, argv: readonly string[] = process.argv.slice(2)): ParsedArguments<S> {
  const spec: ScriptSpec = scriptTable[script];
  const fail: (problem: string) => never = (problem) => {
    throw new LabError(problem, howToCall(script));
  };
  const parsed = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      spec.options.map((name) => {
        const option: OptionSpec = optionTable[name];
        return [name, option.type === "boolean" ? { type: "boolean" as const } : { type: "string" as const, ...(option.type === "string" && option.short ? { short: option.short } : {}) }];
      }),
    ),
    // Not strict: an unknown option is reported below in the lab's words, or passed through for the Pulumi CLI.
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  if (!spec.passThrough) {
    for (const token of parsed.tokens) {
      if (token.kind !== "option") continue;
      if (!(spec.options as readonly string[]).includes(token.name)) fail(`Unknown option "${token.rawName}".`);
      const option: OptionSpec = optionTable[token.name as OptionName];
      if (option.type === "boolean" && token.value !== undefined) fail(`${token.rawName} takes no value, got "${token.value}".`);
      if (option.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))) fail(`${token.rawName} needs a value: ${token.rawName} ${option.valueName}.`);
    }
  }

  const values: Record<string, boolean | number | string | undefined> = {};
  for (const name of spec.options) {
    const option: OptionSpec = optionTable[name];
    const given = parsed.values[name];
    if (option.type === "boolean") {
      values[name] = given === true;
    } else if (option.type === "string") {
      values[name] = typeof given === "string" ? given : undefined;
    } else if (given === undefined) {
      values[name] = option.default;
    } else {
      const number = typeof given === "string" && given.trim() !== "" ? Number(given) : Number.NaN;
      if (!Number.isInteger(number) || number < option.min || number > option.max) {
        fail(`--${name} must be an integer from ${option.min} to ${option.max}, not "${typeof given === "string" ? given : ""}".`);
      }
      values[name] = number;
    }
  }

  const positionals = parsed.positionals;
  if (!spec.passThrough) {
    const positional = spec.positionals;
    const givenBooleans = spec.options.flatMap((name) => {
      const option: OptionSpec = optionTable[name];
      return option.type === "boolean" && values[name] === true ? [{ name, option }] : [];
    });
    for (const { name, option } of givenBooleans) {
      const excluded = option.excludes?.find((other) => values[other] !== undefined && values[other] !== false);
      if (excluded !== undefined) throw new LabError(`--${name} and --${excluded} cannot be given together.`, `call it as \`${option.example}\` without --${excluded}, or leave out --${name}.`);
    }
    for (const { name, option } of givenBooleans) {
      if (option.positionals !== undefined && positionals.length !== option.positionals) {
        const what = `${positional?.what ?? "argument"}s`;
        const problem = option.positionals === 0 ? `--${name} takes no ${what}, got ${positionals.length}: ${positionals.join(" ")}.` : `--${name} needs exactly ${option.positionals} ${what}, got ${positionals.length}.`;
        throw new LabError(problem, `call it as \`${option.example}\`.`);
      }
    }
    if (positional === undefined) {
      if (positionals.length > 0) fail(`Unexpected argument "${positionals[0]}".`);
    } else {
      if (positionals.length < positional.min) fail(positionals.length === 0 ? `No ${positional.what} was given.` : `${positional.min} ${positional.what}s needed, got ${positionals.length}.`);
      if (positionals.length > positional.max) {
        const most = positional.max === 1 ? `one ${positional.what}` : `at most ${positional.max} ${positional.what}s`;
        fail(`\`npm run ${script}\` takes ${most}, got ${positionals.length}: ${positionals.join(" ")}.`);
      }
      const allowed = positional.allowed;
      const unknown = allowed === undefined ? undefined : positionals.find((word) => !allowed.includes(word));
      if (unknown !== undefined) fail(`There is no ${positional.what} called "${unknown}".`);
    }
  }
  return { values, positionals } as unknown as ParsedArguments<S>;
}
