import { Command } from '@commander-js/extra-typings';
import { searchIssues } from '../lookup/search.js';
import { renderSearch } from '../render/search.js';
import { examples, type MakeContext } from './command.js';

export function searchCommand(context: MakeContext): Command {
  return new Command('search')
    .description('common issues across all pipelines, best match first (title, symptoms, cause)')
    .argument('<words...>', 'words to look for')
    .addHelpText(
      'after',
      examples('runbook search oom', 'runbook search kafka duplicate', 'runbook search stale --json'),
    )
    .action(async (words, _options, command) => {
      const ctx = context(command);
      const pipelines = (await ctx.catalog()).pipelines.map((entry) => entry.value);
      const hits = searchIssues(pipelines, words);
      if (ctx.json) ctx.printJson(hits);
      else ctx.print(renderSearch(hits, pipelines, words, ctx.style, ctx.width));
    }) as unknown as Command;
}
