import { Command } from '@commander-js/extra-typings';
import { findPipeline } from '../lookup/match.js';
import { renderShow, showJson } from '../render/show.js';
import { pipelineDeadlines } from '../sla/upcoming.js';
import { examples, type MakeContext } from './index.js';

export function showCommand(context: MakeContext): Command {
  return new Command('show')
    .description('everything about one pipeline: owners, escalation, common issues with steps, SLAs, on-call')
    .argument('<pipeline>', 'id, name or alias (case-insensitive), or a unique prefix')
    .addHelpText('after', examples('runbook show engagement', 'runbook show exec          (by alias)', 'runbook show eng --json'))
    .option('--at <time>', 'deadlines as of this time (timestamp with offset, or a date); default now')
    .action(async (query, options, command) => {
      const ctx = context(command);
      const { pipelines, roster } = ctx.catalog();
      const pipeline = findPipeline(pipelines, query).value;
      const calendar = await ctx.calendar();
      const deadlines = pipelineDeadlines(pipeline, ctx.at(options.at, calendar.timeZone), calendar);
      if (ctx.json) ctx.printJson(showJson(pipeline, deadlines));
      else ctx.print(renderShow(pipeline, roster?.value, deadlines, calendar.timeZone, ctx.style, ctx.width));
    }) as unknown as Command;
}
