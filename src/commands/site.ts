import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, Option } from '@commander-js/extra-typings';
import { examples, required, type MakeContext, weeksUpTo } from './command.js';
import { rotationInput } from './rotation-input.js';
import { calendarStamp } from './stamp.js';
import { UsageError } from '../util/errors.js';
import { pipelineDeadlines } from '../sla/upcoming.js';
import { firstWeekShown, rotationWindow, weeksAhead } from '../rotation/window.js';
import { handoverOf } from '../rotation/weeks.js';
import { onCallAt } from '../rotation/who.js';
import { holidayChecker } from '../rotation/people.js';
import { weekdayOf } from '../time/local.js';
import { rotationPipelines, type Schedule } from '../rotation/schedule.js';
import { publishedShifts, type Comparison } from '../rotation/published.js';

/** The file that says a folder is a site runbook wrote, and may be replaced by the next build. */
const MARK = '.runbook-site';

export function siteCommand(context: MakeContext): Command {
  return new Command('site')
    .description(
      'a static site for the team: who is on call now, the handbook, the rotation grid, people, fairness charts and calendar feeds',
    )
    .option('-o, --output <dir>', 'the folder to write (replaced whole if an earlier runbook site wrote it)')
    .option(
      '-w, --weeks <n>',
      'weeks from the current one (default: 12, or to the last week published)',
      weeksUpTo(104),
    )
    .option('--at <time>', 'build as of this time instead of now')
    .addOption(
      new Option(
        '--titles <tool>',
        "also write a feed per pipeline of primary shifts titled with each holder's user name in that tool (handles), for a paging tool that imports an iCal URL",
      ).choices(['grafana', 'pagerduty', 'opsgenie', 'incident-io'] as const),
    )
    .addHelpText(
      'after',
      examples(
        'runbook site -o public',
        'runbook site -o public --weeks 26',
        'SOURCE_DATE_EPOCH=0 runbook site -o public',
      ),
    )
    .action(async (options, command) => {
      const output = required(options.output, '-o, --output <dir>', 'runbook site -o public');
      const ctx = context(command);
      const dir = resolve(ctx.io.cwd, output);
      refuseForeignFolder(dir, output);
      const calendar = await ctx.calendar();
      const at = ctx.at(options.at, calendar);
      const input = await rotationInput(ctx, at);
      const { roster } = input;
      const handover = handoverOf(roster, calendar.offsets);
      const first = firstWeekShown(input, undefined, at);
      const count = options.weeks ?? weeksAhead(input, first);
      const window = rotationWindow(input, first, count);
      const { view } = window;
      const weeks = window.weeks.slice(0, count);
      const inWeeks = <T extends { week: number }>(entry: T) => entry.week < first + count;
      const schedule: Schedule = {
        ...view,
        shifts: view.shifts.filter(inWeeks),
        meetings: view.meetings.filter(inWeeks),
      };
      const published = publishedShifts(input.lock ?? [], handover);
      const pipelines = (await ctx.catalog()).pipelines.map((entry) => entry.value);
      const deadlines = new Map(pipelines.map((pipeline) => [pipeline.id, pipelineDeadlines(pipeline, at, calendar)]));
      const { renderHandbook } = await import('../render/markdown.js');
      const handbook = renderHandbook({
        pipelines,
        roster,
        deadlines,
        zone: calendar,
        at,
        rotation: { schedule, onCall: onCallAt(schedule, roster.people, at), upcoming: weeks },
        by: 'runbook site',
      });
      const isHoliday = holidayChecker(roster, input.holidays);
      const holidays = new Map(
        roster.people.map((person) => [
          person.id,
          weeks
            .flatMap((week) => week.days)
            .filter((day) => calendar.workdays.has(weekdayOf(day)) && isHoliday(person, day)),
        ]),
      );
      const { renderCalendar } = await import('../render/ical.js');
      const { renderSite, teamFeed } = await import('../render/site.js');
      const stamp = calendarStamp(ctx);
      const comparison = window.published();
      const rotating = rotationPipelines(input.pipelines);
      const only = (ids: ReadonlySet<string>): Comparison => ({
        shifts: comparison.shifts.filter((entry) => ids.has(entry.pipeline)),
        meetings: comparison.meetings.filter((entry) => ids.has(entry.pipeline)),
      });
      const feed = (ids: ReadonlySet<string>) =>
        renderCalendar({
          ...view,
          shifts: view.shifts.filter((shift) => ids.has(shift.pipeline)),
          meetings: view.meetings.filter((meeting) => ids.has(meeting.pipeline)),
          pipelines: rotating,
          roster,
          stamp,
          published: only(ids),
        });
      const feeds = new Map<string, string>();
      for (const pipeline of rotating) feeds.set(`pipeline-${pipeline.id}.ics`, feed(new Set([pipeline.id])));
      const titles = options.titles;
      if (titles) {
        const missing = [
          ...new Set(view.shifts.filter((shift) => shift.role === 'primary').map((shift) => shift.person)),
        ].filter((id) => !roster.people.find((person) => person.id === id)?.handles?.[titles]);
        if (missing.length)
          throw new UsageError(
            `--titles ${titles}: ${missing.sort().join(', ')} ${missing.length === 1 ? 'has' : 'have'} no ${titles} user name: add handles: { ${titles}: <user name> } in roster.yaml (nothing was written)`,
          );
        for (const pipeline of rotating) {
          const primary = <T extends { pipeline: string; role: string }>(entry: T) =>
            entry.pipeline === pipeline.id && entry.role === 'primary';
          feeds.set(
            `${titles}-${pipeline.id}.ics`,
            renderCalendar({
              ...view,
              shifts: view.shifts.filter(primary),
              meetings: [],
              pipelines: rotating,
              roster,
              stamp,
              titles,
              published: { shifts: comparison.shifts.filter(primary), meetings: [] },
            }),
          );
        }
      }
      for (const team of roster.teams) {
        const ids = new Set(rotating.filter((pipeline) => pipeline.oncall.team === team.name).map((p) => p.id));
        if (!ids.size) continue;
        // Two team names that read the same as a file name ("Data Eng", "data-eng") get a number each after the first.
        let name = teamFeed(team.name);
        for (let n = 2; feeds.has(name); n++) name = teamFeed(`${team.name} ${n}`);
        feeds.set(name, feed(ids));
      }
      for (const person of roster.people)
        feeds.set(
          `person-${person.id}.ics`,
          renderCalendar({ ...view, pipelines: rotating, roster, stamp, person, published: comparison }),
        );
      const written: string[] = [];
      let startPage = 0;
      const site = { roster, pipelines, schedule, weeks, published, report: window.report, handbook, holidays, feeds };
      writeSite(dir, (write) =>
        renderSite({ ...site, zone: calendar, at }, (name, text) => {
          if (name === 'index.html') startPage = Buffer.byteLength(text);
          written.push(name);
          write(name, text);
        }),
      );
      if (ctx.json) ctx.printJson({ dir: output, files: written, startPageBytes: startPage });
      else
        ctx.print(
          `wrote the site to ${output}: ${written.length} files (${written.filter((name) => name.endsWith('.html')).length} pages, ${feeds.size} feeds; the start page ${Math.ceil(startPage / 1024)} KiB); open ${join(output, 'index.html')}`,
        );
    });
}

/** A folder that exists and is neither empty nor a site runbook wrote is not ours to replace. */
function refuseForeignFolder(dir: string, shown: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UsageError(`-o ${shown}: not a folder`);
  const entries = readdirSync(dir);
  if (entries.length && !entries.includes(MARK))
    throw new UsageError(
      `-o ${shown}: the folder holds files runbook site did not write; give an empty or new folder (nothing was written)`,
    );
}

/** Writes the whole site beside the folder, then puts it in the folder's place: never half a site. */
function writeSite(dir: string, make: (write: (name: string, text: string) => void) => void): void {
  const staged = `${dir}.building-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  rmSync(staged, { recursive: true, force: true });
  const made = new Set<string>();
  try {
    make((name, text) => {
      const folder = dirname(join(staged, name));
      if (!made.has(folder)) mkdirSync(folder, { recursive: true });
      made.add(folder);
      writeFileSync(join(staged, name), text);
    });
    writeFileSync(join(staged, MARK), 'Written by runbook site; the next build replaces this folder whole.\n');
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(staged, dir);
  } catch (error) {
    rmSync(staged, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(dir)) renameSync(old, dir);
    if (!(error as NodeJS.ErrnoException).code) throw error;
    throw new UsageError(`cannot write the site to ${dir}: ${(error as NodeJS.ErrnoException).code}`);
  }
  rmSync(old, { recursive: true, force: true });
}
