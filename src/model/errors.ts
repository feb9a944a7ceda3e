/**
 * Errors the core raises: what went wrong in the terms of runbooks and rotations. Only the CLI entry
 * (src/cli.ts) turns them into exit codes: input the rotation cannot use is exit 2. A week that cannot be
 * staffed is raised inside the scheduler and recorded as a gap of that pipeline-week.
 */

/** The roster and the pipelines do not fit together for a rotation (no rotation settings, an unknown team). */
export class RotationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RotationInputError';
  }
}

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
