/** Small rosters and pipelines for scheduler tests. */
import type { Pipeline } from '../../src/model/pipeline.js';
import { Roster, type Person } from '../../src/model/roster.js';
import { dateHolidaysLookup } from '../../src/load/holidays.js';
import { buildSchedule, type RotationInput } from '../../src/rotation/schedule.js';
import { rosterCalendar } from '../../src/time/calendar.js';

export const holidays = dateHolidaysLookup();

export function person(id: string, level: 'senior' | 'junior' = 'senior', extra: Partial<Person> = {}): Person {
  return { id, name: `${id[0]!.toUpperCase()}${id.slice(1)} Example`, email: `${id}@example.com`, level, ...extra };
}

export function roster(
  people: Person[],
  options: {
    teams?: Record<string, string[]>;
    pairing?: 'junior-with-senior' | 'off';
    timezone?: string;
    start?: string;
    handover?: string;
    country?: string;
    extra?: string[];
  } = {},
): Roster {
  return Roster.parse({
    timezone: options.timezone ?? 'Europe/London',
    holidays: { ...(options.country ? { country: options.country } : {}), extra: options.extra ?? [] },
    rotation: {
      start: options.start ?? '2026-11-30',
      handover: options.handover ?? 'monday 10:00',
      pairing: options.pairing ?? 'junior-with-senior',
    },
    teams: Object.entries(options.teams ?? { Team: people.map((p) => p.id) }).map(([name, members]) => ({
      name,
      members,
    })),
    people,
  });
}

export function rotating(id: string, team = 'Team', extra: Partial<Pipeline['oncall']> = {}): Pipeline {
  return {
    id,
    name: id,
    owners: { primary: [team] },
    issues: [],
    sla: [],
    oncall: { mode: 'rotation', team, ...extra },
  };
}

export function input(r: Roster, pipelines: Pipeline[]): RotationInput {
  return { roster: r, pipelines, calendar: rosterCalendar(r, holidays), holidays };
}

export function schedule(r: Roster, pipelines: Pipeline[], weeks: number) {
  return buildSchedule(input(r, pipelines), weeks);
}

/** "week: pipeline=primary+backup ..." lines, for compact assertions. */
export function grid(s: ReturnType<typeof schedule>): string[] {
  return s.weeks.map((week) => {
    const cells = [...new Set(s.shifts.filter((x) => x.week === week.index).map((x) => x.pipeline))].map((pipeline) => {
      const primary = s.shifts.find((x) => x.week === week.index && x.pipeline === pipeline && x.role === 'primary')!;
      const backup = s.shifts.find((x) => x.week === week.index && x.pipeline === pipeline && x.role === 'backup');
      return `${pipeline}=${primary.person}${backup ? `+${backup.person}` : ''}`;
    });
    return `${week.days[0]}: ${cells.join(' ')}`;
  });
}
