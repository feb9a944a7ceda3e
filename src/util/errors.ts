/** Typed errors. Only the CLI entry turns them into exit codes and stderr lines. */
import { formatProblem, type Problem } from '../model/problem.js';

export class RunbookError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flag, unknown pipeline, no runbooks folder: exit 2. */
export class UsageError extends RunbookError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** An unreadable or invalid input file: exit 2, one line per problem. */
export class InputError extends RunbookError {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'), 2);
  }
}

/** A check ran and found problems (lint errors, SLA breach, uncoverable rotation): exit 1. */
export class CheckFailed extends RunbookError {
  constructor(message: string) {
    super(message, 1);
  }
}
