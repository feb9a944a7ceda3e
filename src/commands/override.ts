import { Command, Option } from '@commander-js/extra-typings';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examples, required, WRITING_AT, type MakeContext } from './command.js';
import { rotationFiles, rotationInputForWriting } from './rotation-input.js';
import { noteDrift } from './drift.js';
import type { Context } from './context.js';
import { OVERRIDES_FILE } from '../read/file-kinds.js';
import { displayPath } from '../read/find.js';
import { personNamed } from '../lookup/person.js';
import type { Override } from '../model/overrides.js';
import { endedOverrides, refusal, scheduleWithOverrides, shiftOf } from '../rotation/cover.js';
import { overrideInstant } from '../rotation/overlay.js';
import { isOnCall, partsOf, rotationPipelines, type RotationInput, type Shift } from '../rotation/schedule.js';
import { handoverOf, weekOfDay } from '../rotation/weeks.js';
import { isCalendarDate, TIMESTAMP_PATTERN } from '../util/dates.js';
import { parseAt } from '../time/at.js';
import { UsageError } from '../util/errors.js';
import { writeAtomically } from '../util/write.js';
import { sanitizeLine } from '../util/sanitize.js';

const iso = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z');

/**
 * An override time as the file keeps it: a date, or a timestamp with offset; a local time (read as `--at`
 * reads one) becomes the timestamp it names.
 */
function overrideTime(text: string, option: string, input: RotationInput): string {
  const instant = parseAt(text, new Date(0), input.calendar, option);
  return isCalendarDate(text) || TIMESTAMP_PATTERN.test(text) ? text : iso(instant);
}

/** The overrides file: its path and its name as messages give it. */
function overridesPath(ctx: Context): { path: string; file: string } {
  const path = join(ctx.runbooksDir(), OVERRIDES_FILE);
  return { path, file: displayPath(path, ctx.io.cwd) };
}

/** The file's text, or undefined when there is none yet (read under the folder's lock). */
function readOverrides(path: string, file: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${file}: ${code === 'EISDIR' ? 'it is a folder' : (code ?? String(error))}`);
  }
}

/** Writes the added overrides once the hard rules allow them; the file is untouched otherwise. */
async function addOverrides(ctx: Context, input: RotationInput, added: Override[]): Promise<void> {
  const { path, file } = overridesPath(ctx);
  const text = readOverrides(path, file);
  const problem = refusal(input, added);
  if (problem) throw new UsageError(`nothing written: ${problem}`);
  // The YAML document library loads only for a command that edits the file.
  const { withAdded } = await import('../load/overrides-file.js');
  writeAtomically(path, withAdded(text, file, added));
  const first = Math.max(0, ...(input.overrides ?? []).map((entry) => entry.index + 1)) + 1;
  if (ctx.json) ctx.printJson({ file, added: added.map((entry, i) => ({ n: first + i, ...entry })) });
  else
    for (const [i, entry] of added.entries())
      ctx.print(
        `${file}: override ${first + i} added: ${entry.person} covers ${entry.pipeline} ${entry.role} from ${entry.from} to ${entry.to} (${sanitizeLine(entry.reason)})`,
      );
  const numbered = added.map((entry, i) => ({ ...entry, index: first - 1 + i }));
  noteDrift(ctx, { ...input, overrides: [...(input.overrides ?? []), ...numbered] }, input);
}

/** Each override with what it is now: in force, ended, left out (and why), or covering nothing. */
function overrideRows(input: RotationInput, now: Date) {
  const overrides = input.overrides ?? [];
  const schedule = scheduleWithOverrides(input, overrides);
  return overrides.map((entry) => {
    const broken = schedule.rejected.find((rejection) => rejection.override === entry.index);
    const ended = overrideInstant(entry.to, input.calendar).getTime() <= now.getTime();
    const status = broken
      ? `left out: ${broken.message}`
      : !schedule.covering.has(entry.index)
        ? 'covers no shift'
        : ended
          ? 'ended'
          : 'in force';
    const { index, ...fields } = entry;
    return { n: index + 1, ...fields, status, ended };
  });
}

export function overrideCommand(context: MakeContext): Command {
  const command = new Command('override').description(
    `who covers a part of a pipeline role, laid over the plan (${OVERRIDES_FILE})`,
  );
  command
    .command('add')
    .description('record that a person covers a time range of a pipeline role, checked against the hard rules')
    .option('-p, --pipeline <id>', 'the pipeline (id, name or alias) (required)')
    .addOption(
      new Option('--role <role>', 'which role is covered').choices(['primary', 'backup'] as const).default('primary'),
    )
    .option('--from <time>', 'start: a date (local midnight), a local time 2027-03-02T09:00, or a timestamp (required)')
    .option('--to <time>', 'end, exclusive, written the same ways (required)')
    .option('--person <id>', 'who covers (required)')
    .option('--reason <text>', 'why: the calendar and the report show it (required)')
    .option('--at <time>', WRITING_AT)
    .addHelpText(
      'after',
      examples(
        'runbook override add --pipeline engagement --from 2027-03-02 --to 2027-03-05 --person ben --reason "ana at a conference"',
        'runbook override add -p profit --role backup --from 2027-01-12T09:00 --to 2027-01-13T09:00 --person isla --reason "jonas at the dentist"',
      ),
    )
    .action(async (options, sub) => {
      const example =
        'runbook override add --pipeline engagement --from 2027-03-02 --to 2027-03-05 --person ben --reason "ana at a conference"';
      const query = required(options.pipeline, '--pipeline <id>', example);
      const from = required(options.from, '--from <time>', example);
      const to = required(options.to, '--to <time>', example);
      const who = required(options.person, '--person <id>', example);
      const reason = required(options.reason, '--reason <text>', example);
      if (reason.trim() === '') throw new UsageError('--reason must say why: the calendar and the report show it');
      const ctx = context(sub);
      await ctx.writing('override add', async () => {
        const now = await ctx.asOf(options.at);
        const pipeline = (await ctx.pipeline(query)).value;
        if (!rotationPipelines([pipeline]).length)
          throw new UsageError(
            `${pipeline.id} has no on-call rotation (oncall.mode is ${pipeline.oncall.mode}): there is no shift to cover`,
          );
        const input = await rotationInputForWriting(ctx, now);
        const entry: Override = {
          pipeline: pipeline.id,
          role: options.role,
          from: overrideTime(from, '--from', input),
          to: overrideTime(to, '--to', input),
          person: personNamed(input.roster.people, who).id,
          reason: reason.trim(),
        };
        const span = (text: string) => overrideInstant(text, input.calendar);
        if (span(entry.to) <= span(entry.from)) throw new UsageError(`--to ${to} is not after --from ${from}`);
        await addOverrides(ctx, input, [entry]);
      });
    });
  command
    .command('list')
    .description('the overrides, numbered, each with whether it is in force, ended, or left out and why')
    .option('--at <time>', 'which have ended as of this time instead of now')
    .addHelpText('after', examples('runbook override list', 'runbook override list --json'))
    .action(async (options, sub) => {
      const ctx = context(sub);
      const { file } = overridesPath(ctx);
      const calendar = await ctx.calendar();
      const now = ctx.at(options.at, calendar);
      const { input } = await rotationFiles(ctx);
      const leftOut = ((await ctx.catalog()).overrides?.leftOut ?? []).map((entry) => ({
        n: Number(entry.what.replace(/\D+/g, '')),
        status: `left out (line ${entry.line}): ${entry.problem.message}`,
      }));
      const rows: (Partial<Override> & { n: number; status: string; ended?: boolean })[] = [
        ...overrideRows(input, now),
        ...leftOut,
      ].sort((x, y) => x.n - y.n);
      if (ctx.json) return ctx.printJson(rows);
      if (rows.length === 0) return ctx.print(`No overrides in ${file}: add one with runbook override add.`);
      const { renderTable } = await import('../render/table.js');
      const { formatStamp } = await import('../render/time.js');
      // A timestamp on the roster's clocks, as the rest of the output reads; a date as written.
      const local = (text: string | undefined) =>
        text === undefined ? '' : text.length === 10 ? text : formatStamp(text, input.calendar);
      ctx.print(
        renderTable(
          ['#', 'PIPELINE', 'ROLE', 'FROM', 'TO', 'PERSON', 'REASON', 'STATUS'],
          rows.map((row) => [
            String(row.n),
            row.pipeline ?? '',
            row.role ?? '',
            local(row.from),
            local(row.to),
            row.person ?? '',
            sanitizeLine(row.reason ?? ''),
            sanitizeLine(row.status),
          ]),
          ctx.style,
          ctx.tableWidth,
        ),
      );
      const ended = rows.filter((row) => row.ended).length;
      if (ended)
        ctx.note(
          `${ended} ended override${ended === 1 ? '' : 's'}: \`runbook override prune\` removes what the lock has recorded`,
        );
    });
  command
    .command('remove')
    .description('remove an override by its number in `override list` (one left out for its errors too)')
    .argument('<n>', 'the override’s number')
    .addHelpText('after', examples('runbook override remove 3'))
    .action(async (n, _options, sub) => {
      if (!/^\d+$/.test(n) || Number(n) < 1)
        throw new UsageError(`override numbers start at 1 (\`runbook override list\`), not ${JSON.stringify(n)}`);
      const ctx = context(sub);
      await ctx.writing('override remove', async () => {
        const { path, file } = overridesPath(ctx);
        const text = readOverrides(path, file);
        if (text === undefined) throw new UsageError(`no ${file}: there is nothing to remove`);
        const { withRemoved } = await import('../load/overrides-file.js');
        writeAtomically(path, withRemoved(text, file, [Number(n) - 1]));
        if (ctx.json) ctx.printJson({ file, removed: Number(n) });
        else ctx.print(`${file}: override ${n} removed.`);
      });
    });
  command
    .command('prune')
    .description('remove the overrides that have ended and that the lock has recorded (it keeps them)')
    .option('--at <time>', 'what has ended as of this time instead of now')
    .addHelpText('after', examples('runbook override prune', 'runbook override prune --json'))
    .action(async (options, sub) => {
      const ctx = context(sub);
      await ctx.writing('override prune', async () => {
        const now = await ctx.asOf(options.at);
        // Pruning removes ended overrides only: a broken one still to come does not stop it.
        const input = await rotationInputForWriting(ctx, now, { overridesApplied: false });
        const { path, file } = overridesPath(ctx);
        const text = readOverrides(path, file);
        const { prunable, unrecorded } = endedOverrides(input, now);
        if (prunable.length) {
          const { withRemoved } = await import('../load/overrides-file.js');
          writeAtomically(path, withRemoved(text!, file, prunable));
        }
        const removed = prunable.map((index) => index + 1);
        const kept = unrecorded.map((index) => index + 1);
        if (ctx.json) ctx.printJson({ file, removed, kept });
        else
          ctx.print(
            removed.length
              ? `${file}: ${removed.length} ended override${removed.length === 1 ? '' : 's'} removed (${removed.join(', ')}); the lock keeps what ${removed.length === 1 ? 'it' : 'they'} covered.`
              : `${file}: no ended override to remove.`,
          );
        if (kept.length)
          ctx.note(
            `override${kept.length === 1 ? '' : 's'} ${kept.join(', ')} ended but the lock has not recorded ${kept.length === 1 ? 'it' : 'them'}: kept; publish the weeks first (runbook rotate --weeks N --publish --start <a week before>), then prune`,
          );
      });
    });
  return command;
}

export function swapCommand(context: MakeContext): Command {
  return new Command('swap')
    .description('two people swap weeks: the first takes the second’s week, the second takes the first’s')
    .argument('<person>', 'who gives away the first --week')
    .argument('<other>', 'who takes it, and gives away their own week')
    .option(
      '--week <date...>',
      'a date in the first person’s week; a second: the other’s week (default: their next shift after it)',
    )
    .option('-p, --pipeline <id>', 'the pipeline, when the first person holds shifts of several that week')
    .option('--at <time>', WRITING_AT)
    .addHelpText(
      'after',
      examples('runbook swap ana ben --week 2027-03-01', 'runbook swap ana ben --week 2027-03-01 --week 2027-04-12'),
    )
    .action(async (first, second, options, command) => {
      const weeks = required(options.week, '--week <date>', 'runbook swap ana ben --week 2027-03-01');
      if (weeks.length > 2)
        throw new UsageError('--week takes one week (the first person’s) or two (theirs, then the other’s)');
      for (const day of weeks)
        if (!isCalendarDate(day)) throw new UsageError(`--week ${JSON.stringify(day)} is not a date: write YYYY-MM-DD`);
      const ctx = context(command);
      await ctx.writing('swap', async () => {
        const input = await rotationInputForWriting(ctx, await ctx.asOf(options.at));
        const a = personNamed(input.roster.people, first);
        const b = personNamed(input.roster.people, second);
        if (a.id === b.id) throw new UsageError(`${a.id} cannot swap with themselves`);
        const pipeline = options.pipeline === undefined ? undefined : (await ctx.pipeline(options.pipeline)).value.id;
        const handover = handoverOf(input.roster, input.calendar.offsets);
        const weekOf = (day: string) => weekOfDay(handover, day);
        const w1 = weekOf(weeks[0]!);
        const w2 = weeks[1] === undefined ? undefined : weekOf(weeks[1]);
        if (w1 < 0 || (w2 !== undefined && w2 < 0))
          throw new UsageError(`--week is before the rotation starts (${handover.epoch})`);
        const schedule = scheduleWithOverrides(input, input.overrides ?? [], Math.max(w1, w2 ?? 0) + 53);
        const mine = shiftOf(schedule, a.id, w1, pipeline);
        if (!mine)
          throw new UsageError(
            `${a.id} holds no shift${pipeline ? ` of ${pipeline}` : ''} in the week of ${schedule.weeks[w1]!.days[0]}`,
          );
        let theirs = w2 === undefined ? undefined : shiftOf(schedule, b.id, w2, pipeline ?? mine.pipeline);
        if (w2 === undefined)
          for (let week = w1 + 1; !theirs && week < schedule.weeks.length; week++)
            theirs = shiftOf(schedule, b.id, week, mine.pipeline);
        if (!theirs)
          throw new UsageError(
            w2 === undefined
              ? `${b.id} holds no later shift of ${mine.pipeline} within a year: name their week with a second --week`
              : `${b.id} holds no shift of ${pipeline ?? mine.pipeline} in the week of ${schedule.weeks[w2]!.days[0]}`,
          );
        const day = (week: number) => schedule.weeks[week]!.days[0]!;
        const reason = `swap of ${a.id} and ${b.id}, weeks of ${day(mine.week)} and ${day(theirs.week)}`;
        // Every part each holds of that shift (an earlier override may have split it): one override a part.
        const cover = (shift: Shift, holder: string, by: string): Override[] =>
          partsOf(schedule.shifts, shift.pipeline, shift.week, shift.role)
            .filter(isOnCall)
            .filter((part) => part.person === holder)
            .map((part) => ({
              pipeline: part.pipeline,
              role: part.role,
              from: iso(part.start),
              to: iso(part.end),
              person: by,
              reason,
            }));
        await addOverrides(ctx, input, [...cover(mine, a.id, b.id), ...cover(theirs, b.id, a.id)]);
      });
    }) as unknown as Command;
}
