/** Registers every command on the program; each command lives in its own file. */
export type { AnyCommand, MakeContext } from './command.js';
import type { Command } from '@commander-js/extra-typings';
import type { AnyCommand, MakeContext } from './command.js';
import { awayCommand } from './away.js';
import { docsCommand } from './docs.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { lintCommand } from './lint.js';
import { listCommand } from './list.js';
import { ownersCommand } from './owners.js';
import { overrideCommand, swapCommand } from './override.js';
import { reportCommand } from './report.js';
import { rotateCommand } from './rotate.js';
import { schemaCommand } from './schema.js';
import { searchCommand } from './search.js';
import { showCommand } from './show.js';
import { siteCommand } from './site.js';
import { slaCommand } from './sla.js';
import { whoCommand } from './who.js';

/** Every command, by the name it is typed with, in the order help lists them. */
const COMMANDS: [string, (context: MakeContext) => Command][] = [
  ['list', listCommand],
  ['show', showCommand],
  ['owners', ownersCommand],
  ['search', searchCommand],
  ['lint', lintCommand],
  ['schema', schemaCommand],
  ['sla', slaCommand],
  ['rotate', rotateCommand],
  ['report', reportCommand],
  ['override', overrideCommand],
  ['swap', swapCommand],
  ['away', awayCommand],
  ['who', whoCommand],
  ['docs', docsCommand],
  ['site', siteCommand],
  ['export', exportCommand],
  ['import', importCommand],
  ['init', initCommand],
];

/**
 * Registers the commands on the program. When the command typed is known, only it is built: building
 * all of them (their options, help and choices) is most of what start-up costs beyond Node.js itself.
 */
export function registerCommands(program: AnyCommand, context: MakeContext, typed?: string): void {
  const chosen = COMMANDS.filter(([name]) => name === typed);
  for (const [, make] of chosen.length ? chosen : COMMANDS) {
    // addCommand does not inherit: copy the output routing and exit override so errors reach the one handler.
    const command = make(context).copyInheritedSettings(program as Command);
    for (const sub of command.commands) sub.copyInheritedSettings(command);
    program.addCommand(command);
  }
}

/** The command word of an argument list: the first argument that is neither an option nor an option's value. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-d' || arg === '--dir') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}
