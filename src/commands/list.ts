import { Command } from '@commander-js/extra-typings';
import { nextDeadline } from '../sla/upcoming.js';
import { localDateOf } from '../time/local.js';
import { reviewOf } from '../lookup/review.js';
import { examples, type MakeContext } from './command.js';

export function listCommand(context: MakeContext): Command {
  return new Command('list')
    .description('one row per pipeline: id, name, owners, on-call mode')
    .addHelpText('after', examples('runbook list', 'runbook list --json'))
    .option(
      '--at <time>',
      'next deadlines as of this time (timestamp with offset, local time in the roster zone, or a date); default now',
    )
    .action(async (options, command) => {
      const ctx = context(command);
      const { listJson, renderList } = await import('../render/list.js');
      const catalog = await ctx.catalog();
      const pipelines = catalog.pipelines.map((entry) => entry.value);
      const calendar = await ctx.calendar();
      const at = ctx.at(options.at, calendar);
      const memo = new Map<string, Date>();
      const next = new Map(pipelines.map((pipeline) => [pipeline.id, nextDeadline(pipeline, at, calendar, memo)]));
      const today = localDateOf(at, calendar);
      const reviews = new Map(
        pipelines.map((pipeline) => [pipeline.id, reviewOf(pipeline, catalog.roster?.value, today)]),
      );
      if (ctx.json) ctx.printJson(listJson(pipelines, next, reviews));
      else ctx.print(renderList(pipelines, next, reviews, calendar, ctx.style, ctx.tableWidth));
    });
}
