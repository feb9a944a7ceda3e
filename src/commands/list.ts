import { Command } from '@commander-js/extra-typings';
import { renderList, listJson } from '../render/list.js';
import { examples, type MakeContext } from './index.js';

export function listCommand(context: MakeContext): Command {
  return new Command('list')
    .description('one row per pipeline: id, name, owners, on-call mode')
    .addHelpText('after', examples('runbook list', 'runbook list --json'))
    .action((_options, command) => {
      const ctx = context(command);
      const pipelines = ctx.catalog().pipelines.map((entry) => entry.value);
      if (ctx.json) ctx.printJson(listJson(pipelines));
      else ctx.print(renderList(pipelines, ctx.style, ctx.width));
    }) as unknown as Command;
}
