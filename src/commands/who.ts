import { Command } from '@commander-js/extra-typings';
import { examples, type MakeContext } from './command.js';
import { noteLeftOut, noteUncoverable, onCallWithLookahead, rotationInput } from './rotation-input.js';
import { CheckFailed } from '../util/errors.js';
import { rotationPipelines } from '../rotation/schedule.js';
import { handoverOf, weekIndexAt } from '../rotation/weeks.js';
import { ownerContacts, renderNoRotation, renderWho } from '../render/who.js';
import { workingHours } from '../sla/calendar.js';

export function whoCommand(context: MakeContext): Command {
  return new Command('who')
    .description('who is on call now: primary, senior backup, and until when')
    .argument('[pipeline]', 'just this pipeline')
    .option('--at <time>', 'at this time instead (timestamp with offset, local time in the roster zone, or a date)')
    .addHelpText('after', examples('runbook who', 'runbook who engagement', 'runbook who --at 2026-12-24 --json'))
    .action(async (query, options, command) => {
      const ctx = context(command);
      const pipeline = query === undefined ? undefined : (await ctx.pipeline(query)).value;
      // A pipeline handled in working hours (or with no on-call): whom to contact, and when.
      if (pipeline && !rotationPipelines([pipeline]).length) {
        const roster = (await ctx.catalog()).roster?.value;
        const calendar = await ctx.calendar();
        const at = ctx.at(options.at, calendar);
        const hours = workingHours(calendar, at);
        if (ctx.json)
          ctx.printJson([
            {
              pipeline: pipeline.id,
              mode: pipeline.oncall.mode,
              primary: null,
              until: null,
              contacts: ownerContacts(pipeline, roster),
              ...(pipeline.oncall.mode === 'business-hours'
                ? { workingHoursNow: hours.now, workingHoursFrom: hours.next.toISOString() }
                : {}),
            },
          ]);
        else ctx.print(renderNoRotation(pipeline, roster, calendar, at, hours, ctx.width));
        return;
      }
      const input = await rotationInput(ctx);
      const handover = handoverOf(input.roster, input.calendar.offsets);
      const at = ctx.at(options.at, handover);
      const { schedule, onCall: everyone, ahead } = onCallWithLookahead(ctx, input, at);
      const onCall = everyone.filter((entry) => !pipeline || entry.pipeline === pipeline.id);
      // A pipeline whose week cannot be staffed is named on stderr; the others are answered as usual.
      const week = weekIndexAt(handover, at);
      const gaps = schedule.gaps.filter((gap) => gap.week === week && (!pipeline || gap.pipeline === pipeline.id));
      for (const gap of gaps) ctx.io.err(`runbook: ${gap.message}\n`);
      await noteUncoverable(ctx, ahead, gaps);
      await noteLeftOut(ctx, schedule.rejected, weekIndexAt(schedule.handover, at));
      if (pipeline && gaps.length > 0) {
        if (ctx.json) ctx.printJson(onCall);
        throw new CheckFailed('');
      }
      if (ctx.json) ctx.printJson(onCall);
      else
        ctx.print(
          renderWho(
            onCall,
            pipeline ? [pipeline] : rotationPipelines(input.pipelines),
            schedule,
            at,
            ctx.style,
            ctx.width,
          ),
        );
    }) as unknown as Command;
}
