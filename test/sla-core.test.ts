import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Roster } from '../src/model/roster.js';
import { dateHolidaysLookup } from '../src/load/holidays.js';
import { DEFAULT_CALENDAR, isWorkingDay, rosterCalendar, type WorkCalendar } from '../src/time/calendar.js';
import { nextDue, previousDue } from '../src/sla/deadlines.js';
import { localDateOf } from '../src/time/local.js';
import { parseCalendarPoint } from '../src/model/points.js';
import { hours } from './helpers/values.js';

const lookup = dateHolidaysLookup();

function calendar(timezone: string, country?: string, region?: string, extra: string[] = []): WorkCalendar {
  const roster: Roster = {
    timezone,
    workweek: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: hours('09:00-17:00') },
    holidays: country ? { country, region, extra } : { extra },
    teams: [],
    people: [],
  };
  return rosterCalendar(roster, lookup);
}

const london = calendar('Europe/London', 'GB', 'ENG', ['2026-12-24']);
const newYork = calendar('America/New_York', 'US');
const point = (text: string) => parseCalendarPoint(text)!;
const next = (text: string, at: string, cal: WorkCalendar) => nextDue(point(text), new Date(at), cal).toISOString();
const previous = (text: string, at: string, cal: WorkCalendar) =>
  previousDue(point(text), new Date(at), cal).toISOString();

describe('calendar points', () => {
  it.each([
    // [point, at, calendar, next due (UTC)]
    ['end-of-week', '2027-02-10T12:00:00Z', london, '2027-02-12T17:00:00.000Z'], // Wednesday -> Friday 17:00 GMT
    ['end-of-month', '2027-02-10T12:00:00Z', london, '2027-02-26T17:00:00.000Z'], // Sun 28 Feb: last working day Fri 26
    ['end-of-month', '2027-01-29T16:59:00Z', london, '2027-01-29T17:00:00.000Z'], // a minute before the end of the day
    ['end-of-month', '2027-01-29T17:00:00Z', london, '2027-02-26T17:00:00.000Z'], // at the point: the next one
    ['end-of-month', '2028-02-10T12:00:00Z', london, '2028-02-29T17:00:00.000Z'], // leap day, a Tuesday
    ['end-of-month', '2027-05-03T12:00:00Z', london, '2027-05-28T16:00:00.000Z'], // 31 May bank holiday; BST
    ['end-of-month', '2026-12-01T12:00:00Z', london, '2026-12-31T17:00:00.000Z'], // 31 Dec is a working Thursday
    ['end-of-week', '2026-12-21T12:00:00Z', london, '2026-12-23T17:00:00.000Z'], // 24th company day, 25th Christmas
    ['end-of-week', '2027-03-24T12:00:00Z', london, '2027-03-25T17:00:00.000Z'], // Good Friday 26 Mar 2027
    ['end-of-week', '2027-03-29T12:00:00Z', london, '2027-04-02T16:00:00.000Z'], // first week of BST
    ['end-of-week', '2027-10-27T12:00:00Z', london, '2027-10-29T16:00:00.000Z'], // last BST week
    ['end-of-week', '2027-11-01T12:00:00Z', london, '2027-11-05T17:00:00.000Z'], // back on GMT
    ['end-of-week', '2027-03-10T12:00:00Z', newYork, '2027-03-12T22:00:00.000Z'], // EST
    ['end-of-week', '2027-03-15T12:00:00Z', newYork, '2027-03-19T21:00:00.000Z'], // EDT from 14 Mar
    ['end-of-month', '2027-11-20T12:00:00Z', newYork, '2027-11-30T22:00:00.000Z'], // back on EST
    ['end-of-week', '2027-07-01T12:00:00Z', newYork, '2027-07-02T21:00:00.000Z'], // 5 Jul observed holiday is next week
    ['end-of-week', '2027-11-23T12:00:00Z', newYork, '2027-11-26T22:00:00.000Z'], // Thanksgiving Thu; Friday works
    ['friday 17:00', '2027-02-10T12:00:00Z', london, '2027-02-12T17:00:00.000Z'],
    ['monday 10:00', '2027-03-22T10:00:00Z', london, '2027-03-29T09:00:00.000Z'], // the Monday after the clocks go forward
    ['sunday 01:30', '2027-03-27T12:00:00Z', london, '2027-03-28T01:30:00.000Z'], // 01:30 does not exist: 02:30 BST
    ['day 31 09:00', '2027-02-01T12:00:00Z', london, '2027-02-28T09:00:00.000Z'], // clamped to the month's last day
    ['day 5 09:00', '2027-12-06T12:00:00Z', london, '2028-01-05T09:00:00.000Z'], // year end
    ['end-of-week', '2027-02-10T12:00:00Z', DEFAULT_CALENDAR, '2027-02-12T17:00:00.000Z'],
  ])('%s after %s is %s', (text, at, cal, due) => {
    void due;
    expect(next(text, at, cal)).toBe(due);
  });

  it('finds the latest point at or before a time', () => {
    expect(previous('end-of-month', '2027-02-10T12:00:00Z', london)).toBe('2027-01-29T17:00:00.000Z');
    expect(previous('end-of-month', '2027-01-29T17:00:00Z', london)).toBe('2027-01-29T17:00:00.000Z');
    expect(previous('end-of-week', '2027-01-04T12:00:00Z', london)).toBe('2026-12-31T17:00:00.000Z');
  });

  it('treats public holidays and company days as non-working', () => {
    expect(isWorkingDay(london, '2026-12-24')).toBe(false);
    expect(isWorkingDay(london, '2026-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay(london, '2026-12-29')).toBe(true);
    expect(isWorkingDay(london, '2027-02-13')).toBe(false); // Saturday
  });
});

describe('calendar point properties', () => {
  const instants = fc.date({
    min: new Date('2026-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const zones = fc.constantFrom(london, newYork, calendar('Australia/Sydney', 'AU', 'NSW'), DEFAULT_CALENDAR);
  const points = fc.constantFrom(
    'end-of-week',
    'end-of-month',
    'friday 17:00',
    'monday 09:30',
    'day 1 06:00',
    'day 31 23:59',
  );

  it('a deadline is never before the time asked about, and end-of-* points fall on working days at the end of hours', () => {
    fc.assert(
      fc.property(instants, zones, points, (at, cal, text) => {
        const due = nextDue(point(text), at, cal);
        expect(due.getTime()).toBeGreaterThan(at.getTime());
        expect(previousDue(point(text), at, cal).getTime()).toBeLessThanOrEqual(at.getTime());
        if (text.startsWith('end-of')) {
          expect(isWorkingDay(cal, localDateOf(due, cal.timeZone))).toBe(true);
          const local = new Intl.DateTimeFormat('en-GB', {
            timeZone: cal.timeZone,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).format(due);
          expect(local).toBe('17:00');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the next point after the previous one is the next point', () => {
    fc.assert(
      fc.property(instants, zones, points, (at, cal, text) => {
        const before = previousDue(point(text), at, cal);
        expect(nextDue(point(text), before, cal).getTime()).toBe(nextDue(point(text), at, cal).getTime());
      }),
      { numRuns: 200 },
    );
  });
});
