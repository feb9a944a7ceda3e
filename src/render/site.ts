/**
 * `runbook site`: one static folder (README, "The team's site and calendar feeds"): a start page whose now-panel is worked out in the
 * browser from the schedule embedded at build time, the handbook as HTML, the rotation grid, a page per person,
 * the fairness charts (inline SVG, drawn here) and the feeds. No server, no network at view time, no library
 * loaded from anywhere: the pages work from file:// and from any static host.
 */
import { HtmlRenderer, Parser } from 'commonmark';
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Roster } from '../model/roster.js';
import type { FairnessReport } from '../rotation/report.js';
import type { Meeting, Schedule, Shift } from '../rotation/schedule.js';
import type { IsPublished } from '../rotation/published.js';
import type { Week } from '../rotation/weeks.js';
import type { ZoneLike } from '../time/local.js';
import { sanitize } from '../util/sanitize.js';
import { formatLocal, formatShort } from './time.js';
import { NOW_SCRIPT, STYLE } from './site-assets.js';

export interface SiteInput {
  roster: Roster;
  pipelines: readonly Pipeline[];
  /** The final schedule of the weeks shown (plan, lock and overrides). */
  schedule: Schedule;
  weeks: readonly Week[];
  /** Whether the lock records a pipeline's role in a week. */
  published: IsPublished;
  report: FairnessReport;
  /** The Markdown handbook, by file name. */
  handbook: ReadonlyMap<string, string>;
  /** Public holidays and company days on each person's calendar in the weeks shown. */
  holidays: ReadonlyMap<string, string[]>;
  /** The feeds, by file name under feeds/. */
  feeds: ReadonlyMap<string, string>;
  zone: ZoneLike & { timeZone: string };
  at: Date;
}

/** Text for HTML: escaped, control characters made visible. */
export function esc(text: string): string {
  return sanitize(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const NAV: [string, string][] = [
  ['index.html', 'On call now'],
  ['grid.html', 'Rotation'],
  ['handbook/index.html', 'Handbook'],
  ['fairness.html', 'Fairness'],
  ['people/index.html', 'People'],
];

function page(title: string, body: string, depth: number, input: SiteInput, head = ''): string {
  const up = '../'.repeat(depth);
  const nav = NAV.map(([href, label]) => `<a href="${up}${href}">${label}</a>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(title)} · runbook</title>
<link rel="stylesheet" href="${up}style.css">
${head}</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header><nav aria-label="Site">
${nav}
</nav></header>
<main id="main">
<h1>${esc(title)}</h1>
${body}
</main>
<footer><p>Built by <code>runbook site</code> as of ${esc(formatLocal(input.at, input.zone))} from the runbooks; edit the YAML, not these pages.</p></footer>
</body>
</html>
`;
}

/** A table that scrolls inside its own region on a narrow screen, named for screen readers. */
const scrolling = (label: string, table: string) =>
  `<div class="scroll" tabindex="0" role="region" aria-label="${esc(label)}">${table}</div>`;

const byId = (roster: Roster) => new Map(roster.people.map((person) => [person.id, person]));
const nameOf = (people: Map<string, Person>, id: string) => people.get(id)?.name ?? id;
const personLink = (people: Map<string, Person>, id: string, up: string) =>
  `<a href="${up}people/${encodeURIComponent(id)}.html">${esc(nameOf(people, id))}</a>`;

/** The schedule as the start page's script reads it: each on-call part, with names. */
export function scheduleData(input: SiteInput) {
  const people = byId(input.roster);
  const rotating = new Set(input.schedule.shifts.map((shift) => shift.pipeline));
  return {
    zone: input.zone.timeZone,
    built: input.at.toISOString(),
    from: input.weeks[0]?.start.toISOString() ?? input.at.toISOString(),
    until: input.weeks.at(-1)?.end.toISOString() ?? input.at.toISOString(),
    pipelines: input.pipelines
      .filter((pipeline) => rotating.has(pipeline.id))
      .map((pipeline) => ({ id: pipeline.id, name: sanitize(pipeline.name) })),
    gaps: input.schedule.gaps.map((gap) => {
      const week = input.weeks.find((entry) => entry.index === gap.week);
      return { p: gap.pipeline, s: week?.start.getTime() ?? 0, e: week?.end.getTime() ?? 0 };
    }),
    parts: input.schedule.shifts
      .filter((shift) => shift.role !== 'shadow')
      .map((shift) => ({
        p: shift.pipeline,
        r: shift.role,
        i: shift.person,
        n: sanitize(nameOf(people, shift.person)),
        s: shift.start.getTime(),
        e: shift.end.getTime(),
      })),
  };
}

/** JSON inside a script element: nothing in it can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function startPage(input: SiteInput): string {
  const data = scheduleData(input);
  const body = `<section aria-labelledby="now-title">
<h2 id="now-title"><span id="now-when">At build time</span></h2>
<div id="now" aria-live="polite"><p>The panel needs JavaScript; the <a href="grid.html">rotation grid</a> has every week.</p></div>
</section>
<section aria-labelledby="more">
<h2 id="more">More</h2>
<ul>
<li><a href="grid.html">The rotation, week by week</a> (published and planned, covers and gaps)</li>
<li><a href="handbook/index.html">The handbook</a>: every pipeline, its common issues with steps, owners, escalation, SLAs</li>
<li><a href="fairness.html">Fairness</a>: shifts and holiday weeks per person, per team</li>
<li><a href="people/index.html">People</a>: each person's shifts and feed</li>
<li>Feeds to subscribe to: <a href="feeds/index.html">one per team, pipeline and person</a></li>
</ul>
</section>
<script type="application/json" id="schedule">${scriptJson(data)}</script>
<script src="now.js"></script>`;
  return page('On call now', body, 0, input);
}

function gridPage(input: SiteInput): string {
  const people = byId(input.roster);
  const held = new Set(input.schedule.shifts.map((shift) => shift.pipeline));
  const rotating = input.pipelines.filter((pipeline) => held.has(pipeline.id));

  const gapAt = new Set(input.schedule.gaps.map((gap) => `${gap.week}/${gap.pipeline}`));
  const rows = input.weeks.map((week) => {
    const shifts = input.schedule.shifts.filter((shift) => shift.week === week.index);
    const published = rotating.some((pipeline) => input.published(week.index, pipeline.id, 'primary'));
    const cells = rotating.map((pipeline) => {
      if (gapAt.has(`${week.index}/${pipeline.id}`)) return `<td class="gap">no one: a gap</td>`;
      const mine = shifts.filter((shift) => shift.pipeline === pipeline.id);
      if (!mine.length) return '<td class="none">—</td>';
      const role = (which: Shift['role']) => mine.filter((shift) => shift.role === which);
      const parts = role('primary')
        .map(
          (shift) =>
            personLink(people, shift.person, '') +
            (shift.override ? ` <small>(${esc(shift.override.reason)})</small>` : ''),
        )
        .join(' → ');
      const backup = [...new Set(role('backup').map((shift) => shift.person))].map((id) => personLink(people, id, ''));
      const shadow = role('shadow').map((shift) => personLink(people, shift.person, ''));
      return `<td>${parts}${backup.length ? `<br><span class="backup">backup ${backup.join(', ')}</span>` : ''}${shadow.length ? `<br><span class="shadow">shadow ${shadow.join(', ')}</span>` : ''}</td>`;
    });
    return `<tr class="${published ? 'published' : 'planned'}"><th scope="row">${esc(week.days[0]!)}${week.monthEnd ? ' <small>month end</small>' : ''}</th><td>${published ? 'published' : 'planned'}</td>${cells.join('')}</tr>`;
  });
  const body = `<p>Each week from its handover (${esc(formatLocal(input.weeks[0]?.start ?? input.at, input.zone))} first). Published weeks keep their people; planned ones may still change. A → B: B covers part of the shift (the reason in brackets).</p>
<div class="scroll" tabindex="0" role="region" aria-label="The rotation grid">
<table class="grid">
<caption>On-call rotation, week by week</caption>
<thead><tr><th scope="col">Week</th><th scope="col">Status</th>${rotating.map((pipeline) => `<th scope="col">${esc(pipeline.name)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
  return page('Rotation', body, 0, input);
}

function personPage(input: SiteInput, person: Person): string {
  const zone = input.zone;
  const shifts = input.schedule.shifts.filter((shift) => shift.person === person.id);
  const meetings = input.schedule.meetings.filter((meeting: Meeting) => meeting.attendees.includes(person.id));
  const rows = shifts.map(
    (shift) =>
      `<tr><td>${esc(formatShort(shift.start, zone))}</td><td>${esc(formatShort(shift.end, zone))}</td><td><a href="../handbook/pipelines/${encodeURIComponent(shift.pipeline)}.html">${esc(shift.pipeline)}</a> ${esc(shift.role)}${shift.override ? `<br><small>${esc(`covering ${shift.override.covers}: ${shift.override.reason}`)}</small>` : ''}</td></tr>`,
  );
  const holidays = input.holidays.get(person.id) ?? [];
  const body = `<p>${esc(person.level)}${person.chat ? `, ${esc(person.chat)}` : ''}${person.phone ? `, ${esc(person.phone)}` : ''}, <a href="mailto:${esc(person.email)}">${esc(person.email)}</a></p>
<p>Subscribe to <a href="../feeds/person-${encodeURIComponent(person.id)}.ics">${esc(person.name)}'s calendar feed</a> (shifts and handover meetings, updated in place when they move).</p>
<h2>Shifts</h2>
${rows.length ? scrolling(`${person.name}'s shifts`, `<table><caption>${esc(person.name)}'s shifts (${esc(zone.timeZone)})</caption><thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Shift</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`) : '<p>No shifts in the weeks shown.</p>'}
<h2>Handover meetings</h2>
${meetings.length ? `<ul>${meetings.map((meeting) => `<li>${esc(meeting.pipeline)}: ${esc(formatLocal(meeting.start, zone))}</li>`).join('')}</ul>` : '<p>None in the weeks shown.</p>'}
<h2>Holidays and time away</h2>
${holidays.length || person.away?.length ? `<ul>${holidays.map((day) => `<li>${esc(day)}: holiday</li>`).join('')}${(person.away ?? []).map((range) => `<li>${esc(range.from)} to ${esc(range.to)}: away${range.reason ? ` (${esc(range.reason)})` : ''}</li>`).join('')}</ul>` : '<p>None in the weeks shown.</p>'}`;
  return page(person.name, body, 1, input);
}

function peopleIndex(input: SiteInput): string {
  const items = input.roster.people.map(
    (person) =>
      `<li><a href="${encodeURIComponent(person.id)}.html">${esc(person.name)}</a> (${esc(person.level)}) · <a href="../feeds/person-${encodeURIComponent(person.id)}.ics">feed</a></li>`,
  );
  return page('People', `<ul>${items.join('\n')}</ul>`, 1, input);
}

type Row = FairnessReport['people'][number];
/** A bar of a chart: its CSS class, what it counts, and its value for a person. */
type Series = readonly (readonly [string, string, (row: Row) => number])[];

const hoursOf = (row: Row, kind: 'night' | 'weekend' | 'holiday') =>
  Math.round((row.hours.primary[kind] + row.hours.backup[kind]) * 10) / 10;

const WEEKS: Series = [
  ['primary', 'primary shifts', (row) => row.primary],
  ['backup', 'backup shifts', (row) => row.backup],
  ['holidayWeeks', 'holiday weeks', (row) => row.holidayWeeks],
];
const HOURS: Series = [
  ['night', 'weekday night hours', (row) => hoursOf(row, 'night')],
  ['weekend', 'weekend hours', (row) => hoursOf(row, 'weekend')],
  ['holiday', 'holiday hours', (row) => hoursOf(row, 'holiday')],
];

/** One team's bar chart, a group of bars per person; drawn here, as SVG. */
export function teamChart(team: string, rows: readonly Row[], series: Series, what: string): string {
  const bar = 14;
  const gap = 4;
  const label = 130;
  const most = Math.max(1, ...rows.flatMap((row) => series.map(([, , value]) => value(row))));
  const scale = (value: number) => (value / most) * 280;
  const height = rows.length * (series.length * (bar + gap) + 12) + 10;
  const parts: string[] = [];
  rows.forEach((row, r) => {
    const top = 10 + r * (series.length * (bar + gap) + 12);
    parts.push(`<text x="0" y="${top + bar}" class="name">${esc(row.name)}</text>`);
    series.forEach(([key, words, value], k) => {
      const y = top + k * (bar + gap);
      const v = value(row);
      parts.push(
        `<rect x="${label}" y="${y}" width="${scale(v).toFixed(1)}" height="${bar}" class="bar ${key}"><title>${esc(`${row.name}: ${v} ${words}`)}</title></rect>`,
        `<text x="${(label + scale(v) + 4).toFixed(1)}" y="${y + bar - 3}" class="value">${v}</text>`,
      );
    });
  });
  const id = `chart-${slug(team)}-${slug(what)}`;
  return `<svg role="img" aria-labelledby="${esc(id)}" viewBox="0 0 480 ${height}" class="chart"><title id="${esc(id)}">${esc(`${team}: ${what} per person`)}</title>${parts.join('')}</svg>`;
}

const legend = (series: Series) =>
  `<p class="legend">${series.map(([key, words]) => `<span class="key ${key}"></span> ${words}`).join(' ')}</p>`;

function fairnessPage(input: SiteInput): string {
  const sections = input.report.teams.map((team) => {
    const rows = input.report.people.filter((row) => row.team === team.team);
    const table = `<table><caption>${esc(team.team)} in numbers</caption><thead><tr><th scope="col">Person</th><th scope="col">Primary</th><th scope="col">Fair share</th><th scope="col">Backup</th><th scope="col">Holiday weeks</th><th scope="col">Weekend hours</th><th scope="col">Holiday hours</th></tr></thead><tbody>${rows
      .map(
        (row) =>
          `<tr><th scope="row">${esc(row.name)}</th><td>${row.primary}</td><td>${row.fair.primary}</td><td>${row.backup}</td><td>${row.holidayWeeks}</td><td>${hoursOf(row, 'weekend')}</td><td>${hoursOf(row, 'holiday')}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    return `<section><h2>${esc(team.team)}</h2>
<p>Spreads among those available all along: primary ${team.primarySpread}, backup ${team.backupSpread}, holiday weeks ${team.holidayWeekSpread}; largest distance from a fair share: ${team.largestDeviation.primary} primary.</p>
<h3>Shifts and holiday weeks</h3>
${legend(WEEKS)}
${teamChart(team.team, rows, WEEKS, 'primary, backup and holiday weeks')}
<h3>Hours that cost the most</h3>
<p>Spreads of hours among those available all along: weekend ${team.weekendHourSpread}, holiday ${team.holidayHourSpread}.</p>
${legend(HOURS)}
${teamChart(team.team, rows, HOURS, 'night, weekend and holiday hours')}
${scrolling(`${team.team} in numbers`, table)}</section>`;
  });
  return page(
    'Fairness',
    `<p>The weeks shown, per team: what each person carries against their fair share of the weeks they were available.</p>\n${sections.join('\n')}`,
    0,
    input,
  );
}

function feedsPage(input: SiteInput): string {
  const items = [...input.feeds.keys()]
    .sort()
    .map((name) => `<li><a href="${encodeURIComponent(name)}">${esc(name)}</a></li>`);
  return page(
    'Calendar feeds',
    `<p>Subscribe by URL (where the site is hosted) in any calendar application: events keep their identity and are updated or cancelled in place when the schedule changes.</p><ul>${items.join('\n')}</ul>`,
    1,
    input,
  );
}

/** A Markdown handbook page as HTML, its links to other pages pointing at their HTML. */
function handbookPage(input: SiteInput, name: string, markdown: string): string {
  const depth = name.split('/').length;
  const reader = new Parser();
  const writer = new HtmlRenderer({ safe: true });
  const html = writer
    .render(reader.parse(markdown))
    .replace(/href="([^"#:]+)\.md(#[^"]*)?"/g, (_, path: string, hash = '') => `href="${path}.html${hash}"`);
  const title = /^# (.*)$/m.exec(markdown)?.[1]?.replace(/\\(.)/g, '$1') ?? name;
  const body = html
    .replace(/^<h1>.*?<\/h1>\n?/, '')
    .replace(/<table>[\s\S]*?<\/table>/g, (table) => scrolling(`${title}: table`, table));
  return page(title, body, depth, input);
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
export const teamFeed = (team: string) => `team-${slug(team)}.ics`;

/** Every file of the site, each handed to `write` with its path in the folder as soon as it is made. */
export function renderSite(input: SiteInput, write: (name: string, text: string) => void): void {
  write('index.html', startPage(input));
  write('now.js', NOW_SCRIPT);
  write('style.css', STYLE);
  write('grid.html', gridPage(input));
  write('fairness.html', fairnessPage(input));
  write('people/index.html', peopleIndex(input));
  for (const person of input.roster.people) write(`people/${person.id}.html`, personPage(input, person));
  for (const [name, markdown] of input.handbook)
    write(`handbook/${name.replace(/\.md$/, '.html')}`, handbookPage(input, name, markdown));
  write('feeds/index.html', feedsPage(input));
  for (const [name, text] of input.feeds) write(`feeds/${name}`, text);
}
