/** The rotation for people (a week-by-pipeline grid, the fairness report), for scripts (JSON, CSV). */
import type { Pipeline } from '../model/pipeline.js';
import type { Roster } from '../model/roster.js';
import { onCallHours, type FairnessReport } from '../rotation/report.js';
import { partsOf, type Role, type Schedule, type Shift } from '../rotation/schedule.js';
import type { Week } from '../rotation/weeks.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';
import { formatShort } from './time.js';

export function rotationJson(schedule: Schedule, weeks: readonly Week[], report: FairnessReport) {
  const shown = new Set(weeks.map((week) => week.index));
  return {
    start: weeks[0]?.start.toISOString() ?? null,
    weeks: weeks.length,
    timezone: schedule.handover.timeZone,
    shifts: schedule.shifts
      .filter((shift) => shown.has(shift.week))
      .map((shift) => ({
        pipeline: shift.pipeline,
        team: shift.team,
        role: shift.role,
        person: shift.person,
        start: shift.start.toISOString(),
        end: shift.end.toISOString(),
        holidayDays: shift.holidayDays,
        monthEnd: shift.monthEnd,
        ...(shift.override ? { override: { covers: shift.override.covers, reason: shift.override.reason } } : {}),
      })),
    meetings: schedule.meetings
      .filter((meeting) => shown.has(meeting.week))
      .map((meeting) => ({
        pipeline: meeting.pipeline,
        start: meeting.start.toISOString(),
        end: meeting.end.toISOString(),
        attendees: meeting.attendees,
      })),
    report: report.people,
    teams: report.teams,
  };
}

export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function rotationCsv(shifts: readonly Shift[], roster: Roster): string {
  const people = new Map(roster.people.map((person) => [person.id, person]));
  const rows = [['week_start', 'week_end', 'pipeline', 'team', 'role', 'person', 'name', 'email', 'holiday_days']];
  for (const shift of shifts) {
    const person = people.get(shift.person)!;
    rows.push([
      shift.start.toISOString(),
      shift.end.toISOString(),
      shift.pipeline,
      shift.team,
      shift.role,
      shift.person,
      person.name,
      person.email,
      String(shift.holidayDays),
    ]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function rotationTable(
  schedule: Schedule,
  weeks: readonly Week[],
  pipelines: readonly Pipeline[],
  style: Style,
  width: number,
): string {
  const shown = pipelines.filter((pipeline) => schedule.shifts.some((shift) => shift.pipeline === pipeline.id));
  const rows = weeks.map((week) => [
    `${formatShort(week.start, schedule.handover)}${week.monthEnd ? style.dim(' ME') : ''}`,
    ...shown.map((pipeline) => {
      // A shift overrides split shows its holders in order: emma>dev>emma.
      const holders = (role: Role) =>
        partsOf(schedule.shifts, pipeline.id, week.index, role)
          .map((shift) => `${shift.person}${shift.holidayDays > 0 ? '*' : ''}`)
          .join('>');
      const [primary, backup, shadow] = [holders('primary'), holders('backup'), holders('shadow')];
      if (!primary) return style.dim('-');
      return `${primary}${backup ? ` +${backup}` : ''}${shadow ? ` ~${shadow}` : ''}`;
    }),
  ]);
  return [
    renderTable(['WEEK FROM', ...shown.map((pipeline) => pipeline.id)], rows, style, width),
    style.dim(
      `Primary, then +senior backup, ~shadow (a joiner beside the primary, not on call); a>b>a: b covers part of a's shift (runbook override list). * holiday in that week. ME month-end week. Times in ${schedule.handover.timeZone}.`,
    ),
  ].join('\n');
}

export function renderReport(report: FairnessReport, style: Style, width: number): string {
  const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
  const head = [
    'PERSON',
    'LEVEL',
    'PRIMARY',
    'VS FAIR',
    'BACKUP',
    'VS FAIR',
    'SHADOW',
    'HOLIDAY WEEKS',
    'HOLIDAY DAYS',
    'MONTH-END',
    'NIGHT H',
    'WEEKEND H',
    'HOLIDAY H',
    'AVAILABLE WEEKS',
  ];
  const lines = [style.bold('Fairness report')];
  // A table per team: someone in two teams is measured in each.
  for (const team of report.teams) {
    const rows = report.people
      .filter((entry) => entry.team === team.team)
      .map((entry) => [
        entry.person,
        entry.level,
        String(entry.primary),
        signed(entry.deviation.primary),
        String(entry.backup),
        entry.level === 'senior' ? signed(entry.deviation.backup) : '-',
        String(entry.shadow),
        String(entry.holidayWeeks),
        String(entry.holidayDays),
        String(entry.monthEnd),
        ...(['night', 'weekend', 'holiday'] as const).map((kind) => {
          const hours = onCallHours(entry);
          return String(Math.round(kind === 'holiday' ? hours.holiday + hours.company : hours[kind]));
        }),
        String(entry.availableWeeks),
      ]);
    lines.push(
      style.bold(sanitizeLine(team.team)),
      renderTable(head, rows, style, width),
      `${sanitizeLine(team.team)}: furthest from a fair share: primary ${team.largestDeviation.primary}, backup ${team.largestDeviation.backup}; ` +
        `spread among the ${team.availableAllAlong.length} available all along (${team.availableAllAlong.join(', ') || 'none'}): ` +
        `primary ${team.primarySpread}, backup ${team.backupSpread}, holiday weeks ${team.holidayWeekSpread}, ` +
        `primary weekend hours ${team.weekendHourSpread}, primary holiday hours ${team.holidayHourSpread}`,
    );
  }
  lines.push(
    style.dim(
      'VS FAIR: shifts held minus the fair share of the weeks each was free for (each week shared among the members free for it).',
    ),
  );
  return lines.join('\n');
}
