/** Registers every command on the program; each command lives in its own file. */
import type { Command } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { docsCommand } from './docs.js';
import { importCommand } from './import.js';
import { lintCommand } from './lint.js';
import { listCommand } from './list.js';
import { ownersCommand } from './owners.js';
import { rotateCommand } from './rotate.js';
import { schemaCommand } from './schema.js';
import { searchCommand } from './search.js';
import { showCommand } from './show.js';
import { slaCommand } from './sla.js';
import { whoCommand } from './who.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any, any>;
export type MakeContext = (command: AnyCommand) => Context;

export function registerCommands(program: AnyCommand, context: MakeContext): void {
  for (const make of [listCommand, showCommand, ownersCommand, searchCommand, lintCommand, schemaCommand, slaCommand, rotateCommand, whoCommand, docsCommand, importCommand]) {
    // addCommand does not inherit: copy the output routing and exit override so errors reach the one handler.
    const command = make(context).copyInheritedSettings(program);
    for (const sub of command.commands) sub.copyInheritedSettings(command);
    program.addCommand(command);
  }
}

/** The example block every command's help ends with. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}
