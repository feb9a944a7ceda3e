import { Command } from '@commander-js/extra-typings';
import { examples, type MakeContext } from './index.js';
import { rotationInput } from './rotation-input.js';
import { UsageError } from '../util/errors.js';
import { findPipeline } from '../lookup/match.js';
import { rotationPipelines } from '../rotation/schedule.js';
import { handoverOf } from '../rotation/weeks.js';
import { rotationAt } from '../rotation/who.js';
import { renderWho } from '../render/who.js';

export function whoCommand(context: MakeContext): Command {
  return new Command('who')
    .description('who is on call now: primary, senior backup, and until when')
    .argument('[pipeline]', 'just this pipeline')
    .option('--at <time>', 'at this time instead (timestamp with offset, or a date)')
    .addHelpText('after', examples('runbook who', 'runbook who engagement', 'runbook who --at 2026-12-24 --json'))
    .action(async (query, options, command) => {
      const ctx = context(command);
      const input = await rotationInput(ctx);
      const handover = handoverOf(input.roster);
      const at = ctx.at(options.at, handover.timeZone);
      const pipeline = query === undefined ? undefined : findPipeline((await ctx.catalog()).pipelines, query).value;
      if (pipeline && !rotationPipelines([pipeline]).length) throw new UsageError(`${pipeline.id} has no on-call rotation (oncall.mode: ${pipeline.oncall.mode})`);
      const { schedule, onCall: everyone } = rotationAt(input, at);
      const onCall = everyone.filter((entry) => !pipeline || entry.pipeline === pipeline.id);
      if (ctx.json) ctx.printJson(onCall);
      else ctx.print(renderWho(onCall, pipeline ? [pipeline] : rotationPipelines(input.pipelines), schedule, at, ctx.style, ctx.width));
    }) as unknown as Command;
}
