/**
 * Errors in the terms of runbooks and rotations. Only the CLI entry (src/cli.ts) turns them into exit codes:
 * an input file with problems and input the rotation cannot use are exit 2. A week that cannot be staffed is
 * raised inside the scheduler and recorded as a gap of that pipeline-week.
 */
import { RunbookError } from '../util/errors.js';
import { formatProblem, type Problem } from './problem.js';

/** An unreadable or invalid input file: one line per problem. */
export class InputError extends RunbookError {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** The roster and the pipelines do not fit together for a rotation (no rotation settings, an unknown team). */
export class RotationInputError extends RunbookError {}

/** No one can take a pipeline's shift in a week under the hard rules. */
export class UncoverableWeek extends Error {
  constructor(
    message: string,
    readonly pipeline: string,
  ) {
    super(message);
    this.name = 'UncoverableWeek';
  }
}
