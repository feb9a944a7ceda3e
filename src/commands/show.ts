import { Command } from '@commander-js/extra-typings';
import { findPipeline } from '../lookup/match.js';
import { renderShow, showJson } from '../render/show.js';
import { examples, type MakeContext } from './index.js';

export function showCommand(context: MakeContext): Command {
  return new Command('show')
    .description('everything about one pipeline: owners, escalation, common issues with steps, SLAs, on-call')
    .argument('<pipeline>', 'id, name or alias (case-insensitive), or a unique prefix')
    .addHelpText('after', examples('runbook show engagement', 'runbook show exec          (by alias)', 'runbook show eng --json'))
    .action((query, _options, command) => {
      const ctx = context(command);
      const { pipelines, roster } = ctx.catalog();
      const pipeline = findPipeline(pipelines, query).value;
      if (ctx.json) ctx.printJson(showJson(pipeline));
      else ctx.print(renderShow(pipeline, roster?.value, ctx.style, ctx.width));
    }) as unknown as Command;
}
