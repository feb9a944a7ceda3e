/**
 * Handover meetings (docs/rotations.md, "Handover"): `handover-meeting: 30m` puts a meeting of that length before
 * each handover, between whoever holds the primary shift just before it and just after it, covers and swaps
 * included, never on a holiday of either of them.
 */
import type { Pipeline } from '../model/pipeline.js';
import type { Person } from '../model/roster.js';
import type { WorkCalendar } from '../time/calendar.js';
import { durationMs } from '../model/duration.js';
import { addDays, instantAt, weekdayOf, type LocalDate } from '../time/local.js';
import { partsOf, type Shift } from './standing.js';
import type { Handover, Week } from './weeks.js';

export interface Meeting {
  pipeline: string;
  week: number;
  /** The handover's day (the week's first): one meeting per pipeline and handover, ever, named by it. */
  handoverDay: LocalDate;
  start: Date;
  end: Date;
  /** Outgoing and incoming primary. */
  attendees: [string, string];
}

export interface MeetingFacts {
  people: ReadonlyMap<string, Person>;
  calendar: WorkCalendar;
  handover: Handover;
  isHoliday: (person: Person, day: LocalDate) => boolean;
}

/**
 * Follows the primaries of each pipeline week by week, covers included: `next` gives a week's meetings from its
 * final shifts (in time order per pipeline), remembering who held each pipeline's primary at the week's end.
 */
export class Handovers {
  /** Who held each pipeline's primary shift at the end of the last week planned. */
  private readonly lastPrimary = new Map<string, string>();

  constructor(private readonly facts: MeetingFacts) {}

  next(week: Week, pipelines: readonly Pipeline[], shifts: readonly Shift[]): Meeting[] {
    const { people, calendar, handover, isHoliday } = this.facts;
    const meetings: Meeting[] = [];
    for (const pipeline of pipelines) {
      const parts = partsOf(shifts, pipeline.id, week.index, 'primary');
      if (!parts.length) continue;
      const incoming = parts[0]!.person;
      const outgoing = this.lastPrimary.get(pipeline.id);
      this.lastPrimary.set(pipeline.id, parts[parts.length - 1]!.person);
      const length = pipeline.oncall['handover-meeting'];
      if (!length || outgoing === undefined || outgoing === incoming) continue;
      const attendees = [people.get(outgoing)!, people.get(incoming)!];
      // Never on a holiday of either attendee: the nearest earlier working day, at the handover time.
      let day = week.days[0]!;
      for (let step = 0; step < 14; step++) {
        if (calendar.workdays.has(weekdayOf(day)) && !attendees.some((person) => isHoliday(person, day))) break;
        day = addDays(day, -1);
      }
      const end = instantAt(day, handover.hour, handover.minute, handover);
      meetings.push({
        pipeline: pipeline.id,
        week: week.index,
        handoverDay: week.days[0]!,
        start: new Date(end.getTime() - durationMs(length)),
        end,
        attendees: [outgoing, incoming],
      });
    }
    return meetings;
  }
}
