import { Command } from '@commander-js/extra-typings';
import { ownership, teamOwnership } from '../lookup/owners.js';
import { examples, type MakeContext } from './command.js';

export function ownersCommand(context: MakeContext): Command {
  return new Command('owners')
    .description('teams and the pipelines they own (primary and secondary)')
    .argument('[team]', 'just this team (case-insensitive, or a unique prefix)')
    .addHelpText('after', examples('runbook owners', 'runbook owners "data engineering"', 'runbook owners --json'))
    .action(async (team, _options, command) => {
      const ctx = context(command);
      const { renderOwners } = await import('../render/owners.js');
      const { pipelines, roster } = await ctx.catalog();
      const all = ownership(
        pipelines.map((entry) => entry.value),
        roster?.value,
      );
      const shown = team === undefined ? all : [teamOwnership(all, team)];
      if (ctx.json) ctx.printJson(shown);
      else ctx.print(renderOwners(shown, ctx.style, ctx.tableWidth));
    }) as unknown as Command;
}
