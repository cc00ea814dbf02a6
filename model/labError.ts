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
