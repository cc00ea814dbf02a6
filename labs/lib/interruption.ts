import { ProcessOutput } from "zx";
import { LabError } from "../../model/labError";

/**
 * SIGINT (Ctrl-C) and SIGTERM turned into an error, so that a command that starts things can stop waiting at once
 * and still remove them before it exits.
 */
export interface Interruption {
  /** Rejects with the interruption's LabError at the first signal: race long waits against it. */
  signalled: Promise<never>;
  /** Throws that LabError once a signal came: called after each step not raced against `signalled`. */
  throwIfSignalled(): void;
  /**
   * The interruption's LabError in place of `error` once a signal came, or when `error` is a command a signal ended:
   * Ctrl-C reaches the command in flight too, which may fail before this process hears of the signal. Else `error`.
   */
  explain(error: unknown): unknown;
  /** Removes the handlers: a signal ends the process again. */
  dispose(): void;
}

/** The signal that ended the command behind `error` (a ProcessOutput, or an error caused by one). */
function endingSignal(error: unknown): NodeJS.Signals | undefined {
  const output = error instanceof ProcessOutput ? error : error instanceof Error && error.cause instanceof ProcessOutput ? error.cause : undefined;
  const signal = output?.signal;
  return signal === "SIGINT" || signal === "SIGTERM" ? signal : undefined;
}

export function catchInterruptions(command: string, log: (line: string) => void): Interruption {
  let caught: LabError | undefined;
  let rejectWith: (error: LabError) => void = () => undefined;
  const signalled = new Promise<never>((_, reject) => (rejectWith = reject));
  // Nobody may be racing against it when the signal comes: that is not an unhandled rejection.
  signalled.catch(() => undefined);
  const interrupt = (signal: NodeJS.Signals): LabError => {
    if (caught) return caught;
    caught = new LabError(`\`${command}\` was interrupted (${signal}); what it had started was removed.`, `run \`${command}\` again for its figures.`);
    log(`${signal}: stopping, and removing what \`${command}\` started`);
    rejectWith(caught);
    return caught;
  };
  // A terminal's Ctrl-C also reaches this process through tsx, which passes it on: later signals change nothing.
  const onSignal = (signal: NodeJS.Signals) => void interrupt(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signalled,
    throwIfSignalled: () => {
      if (caught) throw caught;
    },
    explain: (error) => {
      const signal = endingSignal(error);
      return caught ?? (signal === undefined ? error : interrupt(signal));
    },
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
