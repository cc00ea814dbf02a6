/**
 * An error a workshop user can act on: what is wrong and what to do about it.
 * Scripts print only its message (no stack trace) and exit non-zero.
 */
export class LabError extends Error {
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${problem}\nFix: ${remedy}`);
    this.name = "LabError";
  }
}

/** Prints a LabError as one paragraph, anything else with its stack, and exits with status 1. */
export function exitWithError(error: unknown): never {
  if (error instanceof LabError) {
    console.error(`\nError: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
