/** Burden in hours (docs/rotations.md, "Burden in hours"), against hand-computed expectations. */
import { describe, expect, it } from 'vitest';
import { burdenCounter, HOUR_KINDS } from '../src/rotation/burden.js';
import { rosterCalendar } from '../src/time/calendar.js';
import { instantAt } from '../src/time/local.js';
import { random } from './helpers/rosters.js';
import { holidays, person, roster } from './helpers/rotation.js';

// Europe/London, Monday to Friday 09:00–17:00, England's holidays, Christmas Eve a company day.
const r = roster([person('ana'), person('bob', 'senior', { country: 'US' })], {
  country: 'GB',
  extra: ['2026-12-24'],
});
const region = { ...r, holidays: { ...r.holidays!, region: 'ENG' } };
const calendar = rosterCalendar(region, holidays);
const burden = burdenCounter(region, calendar, holidays);
const at = (day: string, hour: number) => instantAt(day, hour, 0, calendar);
const [ana, bob] = region.people as [(typeof region.people)[0], (typeof region.people)[0]];

describe('burden in hours', () => {
  it('Christmas week in England: company day, Christmas, Boxing Day and its substitute Monday', () => {
    // Mon 21 10–24: 7 working + 7 night; Tue 22, Wed 23: 8 + 16 each; Thu 24 company; Fri 25 Christmas; Sat 26
    // Boxing Day (a holiday though a Saturday); Sun 27 weekend; Mon 28 00–10 the substitute holiday.
    expect(burden(ana, at('2026-12-21', 10), at('2026-12-28', 10))).toEqual({
      working: 23,
      night: 39,
      weekend: 24,
      holiday: 58,
      company: 24,
    });
  });

  it('the same week for someone on the US calendar: Boxing Day is a weekend day, the Monday a working one', () => {
    // Company days are everyone's; Christmas is a holiday in both; Sat 26 and Sun 27 weekend; Mon 28 00–10 is
    // 9 hours of night and 1 working hour.
    expect(burden(bob, at('2026-12-21', 10), at('2026-12-28', 10))).toEqual({
      working: 24,
      night: 48,
      weekend: 48,
      holiday: 24,
      company: 24,
    });
  });

  it('a week across the spring clock change has 167 hours, the Sunday 23', () => {
    // Mon 22 Mar 2027 10:00 to Mon 29 10:00: Good Friday (26) and Easter Monday (29) are holidays in England.
    expect(burden(ana, at('2027-03-22', 10), at('2027-03-29', 10))).toEqual({
      working: 7 + 3 * 8,
      night: 7 + 3 * 16,
      weekend: 24 + 23,
      holiday: 24 + 10,
      company: 0,
    });
  });

  it('a week across the autumn clock change has 169 hours, the Sunday 25', () => {
    const hours = burden(ana, at('2026-10-19', 10), at('2026-10-26', 10));
    expect(hours).toEqual({ working: 7 + 4 * 8 + 1, night: 7 + 4 * 16 + 9, weekend: 24 + 25, holiday: 0, company: 0 });
    expect(HOUR_KINDS.reduce((sum, kind) => sum + hours[kind], 0)).toBe(169);
  });

  it('a part split off a shift (Tuesday 10:00 to Thursday 10:00) counts only its own hours', () => {
    expect(burden(ana, at('2027-02-02', 10), at('2027-02-04', 10))).toEqual({
      working: 7 + 8 + 1,
      night: 7 + 16 + 9,
      weekend: 0,
      holiday: 0,
      company: 0,
    });
  });

  it('the kinds always add up to the part’s length, on 500 random parts', () => {
    const next = random(7);
    for (let n = 0; n < 500; n++) {
      const start = new Date(
        Date.UTC(2026, 9, 1) + Math.floor(next() * 365 * 24) * 3_600_000 + Math.floor(next() * 60) * 60_000,
      );
      const end = new Date(start.getTime() + Math.floor(next() * 9 * 24 * 60) * 60_000);
      const hours = burden(next() < 0.5 ? ana : bob, start, end);
      const total = HOUR_KINDS.reduce((sum, kind) => sum + hours[kind], 0);
      expect(total).toBeCloseTo((end.getTime() - start.getTime()) / 3_600_000, 9);
      for (const kind of HOUR_KINDS) expect(hours[kind]).toBeGreaterThanOrEqual(0);
    }
  });
});
