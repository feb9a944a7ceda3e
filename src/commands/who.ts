import { Command } from '@commander-js/extra-typings';
import { examples, type MakeContext } from './command.js';
import { noteLeftOut, noteUncoverable, onCallWithLookahead, rotationFiles } from './rotation-input.js';
import { UsageError } from '../util/errors.js';
import { rotationPipelines } from '../rotation/schedule.js';
import { handoverOf, weekIndexAt } from '../rotation/weeks.js';
import { ownerContacts, renderNoRotation, renderWho } from '../render/who.js';
import { workingHours } from '../time/calendar.js';

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
      const at = await ctx.asOf(options.at);
      const { input, unknown } = await rotationFiles(ctx);
      const handover = handoverOf(input.roster, input.calendar.offsets);
      if (pipeline && unknown.has(pipeline.id))
        throw new UsageError(`on-call unknown for ${pipeline.id}: ${unknown.get(pipeline.id)}`);
      const { schedule, onCall: everyone, ahead } = onCallWithLookahead(ctx, input, at);
      const onCall = everyone.filter((entry) => !pipeline || entry.pipeline === pipeline.id);
      // A pipeline whose week cannot be staffed says so on stdout, with why; the others are answered as usual.
      const week = weekIndexAt(handover, at);
      const gaps = schedule.gaps.filter((gap) => gap.week === week && (!pipeline || gap.pipeline === pipeline.id));
      await noteUncoverable(ctx, ahead, gaps);
      await noteLeftOut(ctx, schedule.rejected, week);
      const shown = pipeline
        ? [pipeline]
        : rotationPipelines((await ctx.catalog()).pipelines.map((entry) => entry.value));
      const missing = shown.filter((entry) => unknown.has(entry.id));
      if (missing.length) ctx.onCallTold = true;
      for (const entry of missing) ctx.note(`on-call unknown for ${entry.id}: ${unknown.get(entry.id)}`);
      if (ctx.json)
        ctx.printJson([
          ...onCall,
          ...gaps.map((gap) => ({ pipeline: gap.pipeline, primary: null, until: null, reason: gap.message })),
          ...missing.map((entry) => ({
            pipeline: entry.id,
            primary: null,
            until: null,
            unknown: unknown.get(entry.id)!,
          })),
        ]);
      else ctx.print(renderWho(onCall, shown, schedule, at, ctx.style, ctx.width, unknown));
    }) as unknown as Command;
}
