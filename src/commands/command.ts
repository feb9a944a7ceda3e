/** What every command file shares: the types of a command and of its context maker, and the help's examples. */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../util/errors.js';
import type { Context } from './context.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any, any>;
export type MakeContext = (command: AnyCommand) => Context;

/** The example block every command's help ends with. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}

/**
 * An option the command cannot do without. Checked in the action rather than by the parser, which would say
 * "not specified" before it says that a misspelt option is unknown (`--week 12`: did you mean --weeks?).
 */
export function required<T>(value: T | undefined, option: string, example: string): T {
  if (value === undefined) throw new UsageError(`${option} is required: for example, ${example}`);
  return value;
}

/** A `--weeks <n>` parser: a whole number from 1 to `most`, else a usage error naming the range. */
export function weeksUpTo(most: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > most)
      throw new UsageError(`--weeks takes a whole number from 1 to ${most}, not ${JSON.stringify(value)}`);
    return Number(value);
  };
}

/** What `--at` means to a command that writes the runbooks folder. */
export const WRITING_AT = 'as of this time instead of now: which weeks have ended and which are checked';
