import { Command, Option } from '@commander-js/extra-typings';
import { join, resolve } from 'node:path';
import { isCalendarDate } from '../util/dates.js';
import { CheckFailed, UsageError } from '../util/errors.js';
import { personNamed } from '../lookup/person.js';
import { writeAtomically } from '../util/write.js';
import { examples, required, type MakeContext, weeksUpTo } from './command.js';
import { noteLeftOut, rotationInput, rotationInputForWriting } from './rotation-input.js';
import type { Context } from './context.js';
import { noteDrift } from './drift.js';
import { rotationPipelines } from '../rotation/schedule.js';
import { handoverOf } from '../rotation/weeks.js';
import { diffWindow, firstWeekShown, publishWindow, rotationWindow } from '../rotation/window.js';
import { LOCK_FILE } from '../read/file-kinds.js';
import { displayPath } from '../read/find.js';
import { calendarStamp } from './stamp.js';

const FORMATS = ['ics', 'table', 'json', 'csv'] as const;

export function rotateCommand(context: MakeContext): Command {
  return (
    new Command('rotate')
      .description(
        'a fair on-call rotation: balanced load and holiday weeks, a senior beside every junior, as iCal by default',
      )
      // Checked in the action, so that a misspelt option is named first ("did you mean --weeks?").
      .option('-w, --weeks <n>', 'how many weeks to show (required)', weeksUpTo(520))
      .option(
        '--start <date>',
        'first week shown (YYYY-MM-DD), snapped back to its handover; default: the current week',
      )
      .option('-p, --pipeline <id...>', 'only these pipelines (id, name or alias)')
      .option('--person <id>', "one person's calendar")
      .addOption(new Option('-f, --format <format>', 'output format (default: ics; json with --json)').choices(FORMATS))
      .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
      .option('--report', 'print the fairness report to stderr')
      .option('--publish', `record the weeks shown (and repairs of weeks already published) in ${LOCK_FILE}`)
      .option('--diff', `what the next --publish changes in the weeks published in ${LOCK_FILE}, and why`)
      .option(
        '--at <time>',
        'as of this time instead of now: the week shown by default, and which published weeks have ended',
      )
      .addHelpText(
        'after',
        examples(
          'runbook rotate --weeks 12 > oncall.ics',
          'runbook rotate --weeks 26 --format table --report',
          'runbook rotate --weeks 12 --person ana -o ana.ics',
          'runbook rotate --weeks 8 --start 2027-01-04 --pipeline engagement --format json',
          'runbook rotate --weeks 26 --publish',
          'runbook rotate --diff',
        ),
      )
      .action(async (options, command) => {
        const ctx = context(command);
        if (options.publish) return ctx.writing('rotate --publish', () => rotate(ctx, options));
        return rotate(ctx, options);
      })
  );
}

interface RotateOptions {
  weeks?: number;
  start?: string;
  pipeline?: string[];
  person?: string;
  format?: (typeof FORMATS)[number];
  output?: string;
  report?: boolean;
  publish?: boolean;
  diff?: boolean;
  at?: string;
}

async function rotate(ctx: Context, options: RotateOptions): Promise<void> {
  const now = await ctx.asOf(options.at);
  if (options.diff) {
    if (options.publish) throw new UsageError('--diff shows what --publish would record: use one of them');
    const input = await rotationInput(ctx, now);
    const changes = diffWindow(input);
    const lockFile = displayPath(join(ctx.runbooksDir(), LOCK_FILE), ctx.io.cwd);
    if (ctx.json) ctx.printJson({ lock: input.lock ? lockFile : null, changes });
    else if (!input.lock)
      ctx.print(`Nothing published yet: ${lockFile} is written by runbook rotate --weeks N --publish.`);
    else {
      const { renderDiff } = await import('../render/lock.js');
      ctx.print(renderDiff(changes, lockFile, ctx.style, ctx.tableWidth));
    }
    return;
  }
  const weekCount = required(options.weeks, '--weeks <n>', 'runbook rotate --weeks 12');
  let input = options.publish ? await rotationInputForWriting(ctx, now) : await rotationInput(ctx, now);
  const { roster } = input;
  const handover = handoverOf(roster);

  const chosen =
    options.pipeline &&
    (await Promise.all(options.pipeline.map((query) => ctx.pipeline(query)))).map((entry) => entry.value.id);
  if (chosen) {
    const notRotating = chosen.filter(
      (id) => !rotationPipelines(input.pipelines).some((pipeline) => pipeline.id === id),
    );
    if (notRotating.length)
      throw new UsageError(`${notRotating.join(', ')}: no on-call rotation (oncall.mode is not rotation)`);
  }
  const person = options.person === undefined ? undefined : personNamed(roster.people, options.person);

  if (options.start !== undefined && !isCalendarDate(options.start)) {
    throw new UsageError(`--start ${JSON.stringify(options.start)} is not a date: write YYYY-MM-DD`);
  }
  const first = firstWeekShown(input, options.start, now);
  if (first < 0) {
    throw new UsageError(
      `--start ${options.start} is before the rotation starts (rotation.start ${roster.rotation!.start} in the roster; the first handover is ${handover.epoch})`,
    );
  }
  if (options.publish) {
    if (chosen || person)
      throw new UsageError('--publish records every pipeline and person: leave out --pipeline and --person');
    const published = publishWindow(input, first, weekCount);
    if (published.gap) throw new CheckFailed(published.gap.message);
    const { lockYaml } = await import('../render/lock.js');
    const path = join(ctx.runbooksDir(), LOCK_FILE);
    writeAtomically(path, lockYaml(published.lock));
    const { shifts, meetings } = published.compared;
    const events = [
      ...shifts.map((entry) => ({ ...entry, live: entry.current.length > 0 })),
      ...meetings.map((entry) => ({ ...entry, live: entry.current !== undefined })),
    ];
    const count = (test: (entry: (typeof events)[number]) => boolean) => events.filter(test).length;
    const summary = {
      lock: displayPath(path, ctx.io.cwd),
      from: published.weeks[first]!.days[0]!,
      weeks: weekCount,
      shifts: published.lock.shifts.filter((shift) => !shift.cancelled).length,
      meetings: published.lock.meetings.filter((meeting) => !meeting.cancelled).length,
      added: count((entry) => !entry.entry && entry.live),
      changed: count((entry) => entry.changed && entry.live),
      cancelled: count((entry) => entry.changed && !entry.live),
      changes: published.changes,
    };
    if (ctx.json) ctx.printJson(summary);
    else
      ctx.print(
        `Published ${summary.weeks} weeks from ${summary.from} in ${summary.lock}: ${summary.shifts} shifts and ${summary.meetings} handover meetings locked (${summary.added} new, ${summary.changed} changed, ${summary.cancelled} cancelled). Commit it with the runbooks.`,
      );
    noteDrift(ctx, input);
    if (!options.output) return;
    // The calendar written beside it carries the revisions just recorded.
    input = { ...input, lock: published.lock.shifts, lockedMeetings: published.lock.meetings };
  }
  const window = rotationWindow(input, first, weekCount, chosen, person?.id);
  // The report is worked out only when it is shown (its hours cost a little on big rosters).
  const { view, personal, shared, weeks, gap, published } = window;
  // A week that cannot be staffed stops the calendar (nothing written): weeks before the first shown do not matter.
  if (gap) throw new CheckFailed(gap.message);
  await noteLeftOut(ctx, view.rejected, first);

  let output: string;
  switch (options.format ?? (ctx.json ? 'json' : 'ics')) {
    case 'json': {
      const { rotationJson } = await import('../render/rotation.js');
      output = `${JSON.stringify(rotationJson(personal, weeks, window.report), null, 2)}\n`;
      break;
    }
    case 'csv': {
      const { rotationCsv } = await import('../render/rotation.js');
      output = rotationCsv(personal.shifts, roster);
      break;
    }
    case 'table': {
      const { rotationTable } = await import('../render/rotation.js');
      output = `${rotationTable(shared, weeks, input.pipelines, ctx.style, ctx.tableWidth)}\n`;
      break;
    }
    default: {
      const { renderCalendar } = await import('../render/ical.js');
      const stamp = calendarStamp(ctx);
      // The whole view: a person's calendar names who backs them up or whom they back.
      output = renderCalendar({
        ...view,
        pipelines: input.pipelines,
        roster,
        stamp,
        person,
        published: published(),
      });
    }
  }
  if (options.output) writeAtomically(resolve(ctx.io.cwd, options.output), output);
  else ctx.io.out(output);
  if (options.report) {
    const { renderReport } = await import('../render/rotation.js');
    ctx.io.err(`${renderReport(window.report, ctx.style, ctx.tableWidth)}\n`);
  }
}
