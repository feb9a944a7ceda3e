/** What every command file shares: the types of a command and of its context maker, and the help's examples. */
import type { Command } from '@commander-js/extra-typings';
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any, any>;
export type MakeContext = (command: AnyCommand) => Context;

/** The example block every command's help ends with. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}
