import { Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../util/errors.js';
import { isCalendarDate } from '../util/dates.js';
import { personNamed } from '../lookup/person.js';
import { examples, type MakeContext } from './command.js';
import { rotationInput } from './rotation-input.js';
import { buildSchedule } from '../rotation/schedule.js';
import { burdenCounter } from '../rotation/burden.js';
import { burdenRows, sumRows } from '../rotation/history.js';
import { ruleOf, withPay } from '../rotation/pay.js';
import { handoverOf, weekIndexAt } from '../rotation/weeks.js';
import { publishedShifts } from '../rotation/published.js';
import { addDays, instantAt, localDateOf, type LocalDate } from '../time/local.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export function reportCommand(context: MakeContext): Command {
  return new Command('report')
    .description(
      'hours on call per person over any period, past included: working hours, nights, weekends, holidays, company days',
    )
    .option('--from <date>', 'first day (YYYY-MM-DD, roster time zone); default: the first of the current month')
    .option('--to <date>', 'last day, included; default: the last of the month --from is in')
    .option('--person <id>', 'one person')
    .option('--team <name>', "one team's shifts")
    .option('-p, --pipeline <id>', "one pipeline's shifts (id, name or alias)")
    .addOption(new Option('-f, --format <format>', 'output format (default: table; json with --json)').choices(FORMATS))
    .option('--at <time>', 'as of this time instead of now: the default month, and which published weeks have ended')
    .addHelpText(
      'after',
      examples(
        'runbook report --from 2027-01-01 --to 2027-03-31',
        'runbook report --from 2027-01-01 --to 2027-03-31 --format csv > q1.csv',
        'runbook report --person ana --team "Data Engineering Team"',
      ),
    )
    .action(async (options, command) => {
      const ctx = context(command);
      const calendar = await ctx.calendar();
      const now = ctx.at(options.at, calendar);
      for (const [name, value] of [
        ['--from', options.from],
        ['--to', options.to],
      ] as const)
        if (value !== undefined && !isCalendarDate(value))
          throw new UsageError(`${name} ${JSON.stringify(value)} is not a date: write YYYY-MM-DD`);
      const today = localDateOf(now, calendar);
      const from = options.from ?? `${today.slice(0, 8)}01`;
      const to = options.to ?? lastOfMonth(from);
      if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
      const input = await rotationInput(ctx, now);
      const { roster } = input;
      const person = options.person === undefined ? undefined : personNamed(roster.people, options.person).id;
      if (options.team !== undefined && !roster.teams.some((team) => team.name === options.team))
        throw new UsageError(
          `--team ${JSON.stringify(options.team)}: no such team in the roster (${roster.teams.map((team) => team.name).join(', ')})`,
        );
      const pipeline = options.pipeline === undefined ? undefined : (await ctx.pipeline(options.pipeline)).value.id;
      const end = instantAt(addDays(to, 1), 0, 0, calendar);
      const handover = handoverOf(roster, calendar.offsets);
      const weeks = Math.max(0, weekIndexAt(handover, new Date(end.getTime() - 1)) + 1);
      const schedule = buildSchedule(input, weeks);
      const isPublished = publishedShifts(input.lock ?? [], handover);
      const burden = burdenCounter(roster, calendar, input.holidays);
      const filter = {
        ...(person !== undefined ? { person } : {}),
        ...(options.team !== undefined ? { team: options.team } : {}),
        ...(pipeline !== undefined ? { pipeline } : {}),
      };
      const rowsOf = (first: string, last: string, rounded = true) =>
        burdenRows(
          schedule,
          roster,
          instantAt(first, 0, 0, calendar),
          instantAt(addDays(last, 1), 0, 0, calendar),
          burden,
          isPublished,
          filter,
          rounded,
        );
      let rows;
      if (roster.pay) {
        // The cap is per calendar month: the period is counted month by month, and the months added up.
        const months: [string, string][] = [];
        for (let first = from; first <= to; first = addDays(lastOfMonth(first), 1)) {
          const monthEnd = lastOfMonth(first);
          months.push([first, monthEnd < to ? monthEnd : to]);
        }
        const monthly = months.map(([first, last]) => rowsOf(first, last, false));
        rows = withPay(
          sumRows(monthly, roster),
          monthly,
          months.map(([first]) => first.slice(0, 7)),
          roster.pay,
        );
      } else rows = rowsOf(from, to);
      const view = {
        from,
        to,
        timeZone: calendar.timeZone,
        ...(roster.pay ? { currency: roster.pay.currency, pay: ruleOf(roster.pay) } : {}),
        rows,
      };
      const format = options.format ?? (ctx.json ? 'json' : 'table');
      const { renderReportCsv, renderReportTable } = await import('../render/report.js');
      if (format === 'json') ctx.printJson(view);
      else if (format === 'csv') ctx.io.out(renderReportCsv(view));
      else ctx.print(renderReportTable(view, ctx.style, ctx.tableWidth));
    });
}

/** The last day of the month `day` is in. */
const lastOfMonth = (day: LocalDate): LocalDate => addDays(`${addDays(`${day.slice(0, 8)}28`, 4).slice(0, 8)}01`, -1);
