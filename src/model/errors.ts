/**
 * Errors the core raises: what went wrong in the terms of runbooks and rotations. Only the CLI entry
 * (src/cli.ts) turns them into exit codes: input the rotation cannot use is exit 2, a week that cannot be
 * staffed is exit 1.
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
