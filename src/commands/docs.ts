import { Command } from '@commander-js/extra-typings';
import { dirname, join, resolve } from 'node:path';
import { pipelineDeadlines } from '../sla/upcoming.js';
import { makeFolder, refuseLinkedFolders, writeAtomically } from '../util/write.js';
import { examples, required, type MakeContext } from './command.js';
import { noteLeftOut, rotationFiles } from './rotation-input.js';
import { onCallTrouble } from '../lookup/trouble.js';
import { RotationInputError } from '../model/errors.js';
import { rotationAt } from '../rotation/who.js';
import { handoverOf, weekIndexAt, weekIndexOfDay } from '../rotation/weeks.js';
import type { Schedule } from '../rotation/schedule.js';
import type { Person } from '../model/roster.js';
import { UsageError } from '../util/errors.js';

/** Weeks of the rotation listed in the handbook at least (it lists every published week too). */
const UPCOMING_WEEKS = 4;
/** How far ahead a first-week guide looks for someone's shadow and first shifts. */
const GUIDE_WEEKS = 26;

export function docsCommand(context: MakeContext): Command {
  return new Command('docs')
    .description(
      'write a Markdown handbook for onboarding: an index, a page per pipeline, on-call practice, and a first-week guide per joiner',
    )
    .option('-o, --output <dir>', 'folder to write the pages into, created if missing (required without --person)')
    .option('--person <id>', "that person's first-week guide: printed, or written to <dir>/people/<id>.md with -o")
    .option('--at <time>', 'date the dated parts (deadlines, who is on call) as of this time; default now')
    .addHelpText(
      'after',
      examples(
        'runbook docs -o handbook',
        'runbook docs -o docs/runbooks --at 2027-01-04',
        'runbook docs --person hugo --at 2026-12-14',
      ),
    )
    .action(async (options, command) => {
      const output =
        options.person === undefined
          ? required(options.output, '-o, --output <dir>', 'runbook docs -o handbook')
          : options.output;
      const ctx = context(command);
      const { pipelines, roster } = await ctx.catalog();
      const models = pipelines.map((entry) => entry.value);
      const calendar = await ctx.calendar();
      const at = ctx.at(options.at, calendar);
      const deadlines = new Map(models.map((pipeline) => [pipeline.id, pipelineDeadlines(pipeline, at, calendar)]));
      const person =
        options.person === undefined ? undefined : roster?.value.people.find((entry) => entry.id === options.person);
      if (options.person !== undefined && !person)
        throw new UsageError(
          `--person ${options.person}: no such person in the roster${roster ? ` (${roster.value.people.map((entry) => entry.id).join(', ')})` : ' (there is no roster.yaml)'}`,
        );
      let rotation;
      let guides: { schedule: Schedule; fromWeek: number } | undefined;
      const trouble = onCallTrouble(await ctx.catalog());
      if (!trouble.all && roster?.value.rotation && models.some((pipeline) => pipeline.oncall.mode === 'rotation')) {
        const { input } = await rotationFiles(ctx);
        try {
          const handover = handoverOf(input.roster, input.calendar.offsets);
          const current = weekIndexAt(handover, at);
          // Every published week from now on, and at least the next few.
          const published = Math.max(-1, ...(input.lock ?? []).map((shift) => weekIndexOfDay(handover, shift.week)));
          const shown = Math.max(UPCOMING_WEEKS, published - Math.max(current, 0) + 1);
          const { schedule, week, onCall } = rotationAt(input, at, Math.max(shown, GUIDE_WEEKS) - 1);
          await noteLeftOut(ctx, schedule.rejected, week);
          const from = Math.max(week, 0);
          rotation = { schedule, onCall, upcoming: schedule.weeks.slice(from, from + shown) };
          guides = { schedule, fromWeek: from };
        } catch (error) {
          // Beyond the weeks runbook plans: the handbook without its rotation pages' dated parts.
          if (!(error instanceof RotationInputError)) throw error;
          ctx.note(`on-call left out of the handbook: ${error.message}`);
        }
      }
      const { renderGuide, isNewcomer } = await import('../render/guide.js');
      const guide = (who: Person) =>
        renderGuide({
          person: who,
          roster: roster!.value,
          pipelines: models,
          ...(guides ? { schedule: guides.schedule } : {}),
          fromWeek: guides?.fromWeek ?? 0,
          zone: calendar,
          at,
        });
      if (person && output === undefined) {
        ctx.print(guide(person).trimEnd());
        return;
      }
      const dir = resolve(ctx.io.cwd, output!);
      if (person) {
        const name = `people/${person.id}.md`;
        refuseLinkedFolders(dir, join(dir, name));
        makeFolder(dirname(join(dir, name)));
        writeAtomically(join(dir, name), guide(person));
        if (ctx.json) ctx.printJson({ dir: output, files: [name] });
        else ctx.print(`wrote ${person.id}'s first-week guide to ${join(output!, name)}`);
        return;
      }
      // A guide for each joiner with a shift ahead (a shadow week included) and none on call before.
      const joiners = guides
        ? (roster?.value.people ?? []).filter((entry) =>
            isNewcomer(guides.schedule, roster!.value, entry, guides.fromWeek),
          )
        : [];
      const { renderHandbook } = await import('../render/markdown.js');
      const files = renderHandbook({
        pipelines: models,
        roster: roster?.value,
        deadlines,
        zone: calendar,
        at,
        rotation,
        guides: joiners.map((entry) => entry.id),
      });
      for (const entry of joiners) files.set(`people/${entry.id}.md`, guide(entry));
      // Checked before any page is written: nothing partial.
      for (const name of files.keys()) refuseLinkedFolders(dir, join(dir, name));
      for (const [name, text] of files) {
        makeFolder(dirname(join(dir, name)));
        writeAtomically(join(dir, name), text);
      }
      if (ctx.json) ctx.printJson({ dir: output, files: [...files.keys()] });
      else ctx.print(`wrote ${files.size} pages to ${output}: ${[...files.keys()].join(', ')}`);
    });
}
