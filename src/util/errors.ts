/**
 * The errors every part of runbook raises, in its own terms: what was asked cannot be done (a usage or input
 * error), or a check ran and found problems. None carries an exit code: only the CLI entry (src/cli.ts) turns
 * them into exit codes and stderr lines.
 */
export class RunbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** What was asked cannot be done: a bad flag, an unknown pipeline, no runbooks folder, a write that failed. */
export class UsageError extends RunbookError {}

/** A check ran and found problems (lint errors, an SLA breach, a week no one can take). */
export class CheckFailed extends RunbookError {}
