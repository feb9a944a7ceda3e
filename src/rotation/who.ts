/** Who is on call at a moment: read from the same schedule the calendars come from. */
import type { Person } from '../model/roster.js';
import { buildSchedule, type RotationInput, type Schedule } from './schedule.js';
import { handoverOf, weekIndexAt } from './weeks.js';

/** A person as an answer names them: who, and how to reach them (phone and chat only when the roster has them). */
export type Contact = Pick<Person, 'id' | 'name' | 'email' | 'phone' | 'chat'>;

export interface OnCall {
  pipeline: string;
  primary: Contact;
  backup?: Contact;
  /** A joiner standing beside the primary this week: not on call, not to be paged. */
  shadow?: Contact;
  since: string;
  until: string;
  /** When an override gave the primary part to someone: whom they cover, and why. */
  covering?: { for: string; reason: string };
}

/** The week of `at` must be inside the schedule: build it with `weekIndexAt(...) + 1` weeks. */
export function onCallAt(schedule: Schedule, people: readonly Person[], at: Date): OnCall[] {
  const index = weekIndexAt(schedule.handover, at);
  const byId = new Map(people.map((person) => [person.id, person]));
  const brief = (id: string): Contact => {
    const { name, email, phone, chat } = byId.get(id)!;
    return { id, name, email, ...(phone ? { phone } : {}), ...(chat ? { chat } : {}) };
  };
  // The part of each shift that holds `at`: an override may have split the week.
  const shifts = schedule.shifts.filter(
    (shift) => shift.week === index && shift.start.getTime() <= at.getTime() && shift.end.getTime() > at.getTime(),
  );
  return [...new Set(shifts.map((shift) => shift.pipeline))].map((pipeline) => {
    const primary = shifts.find((shift) => shift.pipeline === pipeline && shift.role === 'primary')!;
    const backup = shifts.find((shift) => shift.pipeline === pipeline && shift.role === 'backup');
    const shadow = shifts.find((shift) => shift.pipeline === pipeline && shift.role === 'shadow');
    return {
      pipeline,
      primary: brief(primary.person),
      ...(backup ? { backup: brief(backup.person) } : {}),
      ...(shadow ? { shadow: brief(shadow.person) } : {}),
      since: primary.start.toISOString(),
      until: primary.end.toISOString(),
      ...(primary.override ? { covering: { for: primary.override.covers, reason: primary.override.reason } } : {}),
    };
  });
}

/**
 * The schedule from the epoch through the week holding `at` (and `weeksAfter` more), and who is on call
 * at `at`: nobody before the rotation starts.
 */
export function rotationAt(
  input: RotationInput,
  at: Date,
  weeksAfter = 0,
): { schedule: Schedule; week: number; onCall: OnCall[] } {
  const week = weekIndexAt(handoverOf(input.roster, input.calendar.offsets), at);
  const schedule = buildSchedule(input, Math.max(week, 0) + 1 + weeksAfter);
  return { schedule, week, onCall: week < 0 ? [] : onCallAt(schedule, input.roster.people, at) };
}
