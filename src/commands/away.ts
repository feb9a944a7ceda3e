import { Command } from '@commander-js/extra-typings';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examples, required, WRITING_AT, type MakeContext } from './command.js';
import { rotationInputForWriting } from './rotation-input.js';
import type { Context } from './context.js';
import { ROSTER_FILE } from '../read/file-kinds.js';
import { displayPath } from '../read/find.js';
import { personNamed } from '../lookup/person.js';
import type { Away, Roster } from '../model/roster.js';
import { weeksToCover } from '../rotation/cover.js';
import type { DiffEntry } from '../rotation/published.js';
import { buildSchedule, type RotationInput } from '../rotation/schedule.js';
import { handoverOf, LOOKAHEAD_WEEKS, weekIndexAt } from '../rotation/weeks.js';
import { diffWindow } from '../rotation/window.js';
import { isCalendarDate } from '../util/dates.js';
import { UsageError } from '../util/errors.js';
import { sanitizeLine } from '../util/sanitize.js';
import { writeAtomically } from '../util/write.js';

function rosterPath(ctx: Context): { path: string; file: string } {
  const path = join(ctx.runbooksDir(), ROSTER_FILE);
  return { path, file: displayPath(path, ctx.io.cwd) };
}

function date(value: string, option: string): string {
  if (!isCalendarDate(value))
    throw new UsageError(`${option} ${JSON.stringify(value)} is not a date: write YYYY-MM-DD`);
  const year = Number(value.slice(0, 4));
  if (year < 1970 || year > 2199)
    throw new UsageError(`${option} ${value} has the year ${year}: runbook works with 1970 to 2199`);
  return value;
}

/** The roster with one person's away ranges replaced. */
function withRanges(roster: Roster, id: string, away: Away[]): Roster {
  return {
    ...roster,
    people: roster.people.map((person) => {
      if (person.id !== id) return person;
      const rest = { ...person };
      delete rest.away;
      return away.length ? { ...rest, away } : rest;
    }),
  };
}

/**
 * Why the roster edit cannot be written: a week from now on (through the published weeks and the next 12) that
 * no one can take, or an override it makes break a hard rule. Undefined when none.
 */
function refusal(ctx: Context, input: RotationInput): string | undefined {
  const handover = handoverOf(input.roster, input.calendar.offsets);
  const current = Math.max(0, weekIndexAt(handover, input.now ?? ctx.now));
  const weeks = Math.max(
    current + LOOKAHEAD_WEEKS + 1,
    weeksToCover(handover, input.calendar, input.lock, input.overrides),
  );
  const schedule = buildSchedule(input, weeks);
  const gap = schedule.gaps.find((entry) => entry.week >= current);
  if (gap) return gap.message;
  const broken = schedule.rejected.find((entry) => entry.week >= current);
  if (broken) return `override ${broken.override + 1} would break a hard rule: ${broken.message}`;
  return undefined;
}

/** What the edit changes in the published weeks, as `rotate --diff` would list it, printed after the write. */
async function reply(ctx: Context, line: string, before: RotationInput, after: RotationInput, json: object) {
  const was = new Set(diffWindow(before).map((change) => JSON.stringify(change)));
  const changes: DiffEntry[] = diffWindow(after).filter((change) => !was.has(JSON.stringify(change)));
  if (ctx.json) return ctx.printJson({ ...json, changes });
  ctx.print(line);
  if (changes.length === 0) return;
  const { renderDiff } = await import('../render/lock.js');
  const lock = displayPath(join(ctx.runbooksDir(), 'rotation.lock.yaml'), ctx.io.cwd);
  ctx.print(renderDiff(changes, lock, ctx.style, ctx.tableWidth));
}

export function awayCommand(context: MakeContext): Command {
  const command = new Command('away').description(
    `time off: a person's away ranges in ${ROSTER_FILE}, checked and written as overrides are`,
  );
  command
    .command('add')
    .description('record that a person is away (never scheduled on those days); shows the published shifts it moves')
    .argument('<person>', 'who is away (their id)')
    .option('--from <date>', 'the first day away, YYYY-MM-DD (required)')
    .option('--to <date>', 'the last day away, inclusive (required)')
    .option('--reason <text>', 'why (leave, a conference): shown where the range is named')
    .option('--at <time>', WRITING_AT)
    .addHelpText(
      'after',
      examples(
        'runbook away add isla --from 2027-02-08 --to 2027-02-21 --reason "ski trip"',
        'runbook away add ben --from 2027-04-01 --to 2027-04-01 --json',
      ),
    )
    .action(async (who, options, sub) => {
      const example = 'runbook away add isla --from 2027-02-08 --to 2027-02-21 --reason "ski trip"';
      const from = date(required(options.from, '--from <date>', example), '--from');
      const to = date(required(options.to, '--to <date>', example), '--to');
      if (to < from)
        throw new UsageError(`--to ${to} is before --from ${from}: the range is from the first day to the last`);
      const reason = options.reason?.trim();
      const ctx = context(sub);
      await ctx.writing('away add', async () => {
        const input = await rotationInputForWriting(ctx, await ctx.asOf(options.at));
        const person = personNamed(input.roster.people, who);
        const range: Away = { from, to, ...(reason ? { reason } : {}) };
        const after = { ...input, roster: withRanges(input.roster, person.id, [...(person.away ?? []), range]) };
        const problem = refusal(ctx, after);
        if (problem) throw new UsageError(`nothing written: with ${person.id} away ${from} to ${to}, ${problem}`);
        const { path, file } = rosterPath(ctx);
        const { withAway } = await import('../load/roster-file.js');
        writeAtomically(path, withAway(readFileSync(path, 'utf8'), file, person.id, range));
        const n = (person.away?.length ?? 0) + 1;
        await reply(
          ctx,
          `${file}: ${person.id} away ${from} to ${to}${reason ? ` (${sanitizeLine(reason)})` : ''} added as their range ${n}.`,
          input,
          after,
          { file, person: person.id, added: { n, ...range } },
        );
      });
    });
  command
    .command('list')
    .description('the away ranges, numbered per person')
    .argument('[person]', 'just this person')
    .addHelpText('after', examples('runbook away list', 'runbook away list isla --json'))
    .action(async (who, _options, sub) => {
      const ctx = context(sub);
      const roster = (await ctx.catalog()).roster;
      if (!roster) throw new UsageError('no roster: away ranges are kept in roster.yaml');
      const people = who === undefined ? roster.value.people : [personNamed(roster.value.people, who)];
      const rows = people.flatMap((person) =>
        (person.away ?? []).map((range, i) => ({ person: person.id, n: i + 1, ...range })),
      );
      if (ctx.json) return ctx.printJson(rows);
      if (rows.length === 0) return ctx.print(`No away ranges in ${roster.file}: add one with runbook away add.`);
      const { renderTable } = await import('../render/table.js');
      ctx.print(
        renderTable(
          ['PERSON', '#', 'FROM', 'TO', 'REASON'],
          rows.map((row) => [row.person, String(row.n), row.from, row.to, sanitizeLine(row.reason ?? '')]),
          ctx.style,
          ctx.tableWidth,
        ),
      );
    });
  command
    .command('remove')
    .description('remove one of a person’s away ranges, by its number in `away list`')
    .argument('<person>', 'whose range')
    .argument('<n>', 'its number')
    .option('--at <time>', WRITING_AT)
    .addHelpText('after', examples('runbook away remove isla 1'))
    .action(async (who, n, options, sub) => {
      if (!/^\d+$/.test(n) || Number(n) < 1)
        throw new UsageError(`away range numbers start at 1 (\`runbook away list\`), not ${JSON.stringify(n)}`);
      const ctx = context(sub);
      await ctx.writing('away remove', async () => {
        const input = await rotationInputForWriting(ctx, await ctx.asOf(options.at));
        const person = personNamed(input.roster.people, who);
        const ranges = person.away ?? [];
        const index = Number(n) - 1;
        const { path, file } = rosterPath(ctx);
        if (index >= ranges.length)
          throw new UsageError(
            `${person.id} has ${ranges.length} away range${ranges.length === 1 ? '' : 's'} in ${file} (\`runbook away list ${person.id}\` numbers them)`,
          );
        const after = {
          ...input,
          roster: withRanges(
            input.roster,
            person.id,
            ranges.filter((_, i) => i !== index),
          ),
        };
        const problem = refusal(ctx, after);
        if (problem) throw new UsageError(`nothing written: without that range, ${problem}`);
        const { withoutAway } = await import('../load/roster-file.js');
        writeAtomically(path, withoutAway(readFileSync(path, 'utf8'), file, person.id, index));
        const range = ranges[index]!;
        await reply(
          ctx,
          `${file}: ${person.id}'s away range ${n} (${range.from} to ${range.to}) removed.`,
          input,
          after,
          {
            file,
            person: person.id,
            removed: { n: Number(n), ...range },
          },
        );
      });
    });
  return command;
}
