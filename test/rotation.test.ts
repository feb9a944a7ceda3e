import { describe, expect, it } from 'vitest';
import { fairnessReport } from '../src/rotation/report.js';
import { onCallAt } from '../src/rotation/who.js';
import { weekIndexAt } from '../src/rotation/weeks.js';
import { buildSchedule } from '../src/rotation/schedule.js';
import { grid, input, person, roster, rotating, schedule } from './helpers/rotation.js';
import { duration } from './helpers/values.js';

/** A schedule for two seniors, ana and ben, on one pipeline (clicks unless given). */
const anaAndBen = (options: Parameters<typeof roster>[1], weeks: number, pipeline = rotating('clicks')) =>
  schedule(roster([person('ana'), person('ben')], options), [pipeline], weeks);

describe('scheduler on small rosters', () => {
  it('rotates a team of seniors in turn, one shift a week each, no back-to-back', () => {
    const r = roster([person('ana'), person('ben'), person('cy')]);
    expect(grid(schedule(r, [rotating('clicks')], 6))).toEqual([
      '2026-11-30: clicks=ana',
      '2026-12-07: clicks=ben',
      '2026-12-14: clicks=cy',
      '2026-12-21: clicks=ana',
      '2026-12-28: clicks=ben',
      '2027-01-04: clicks=cy',
    ]);
  });

  it('puts a free senior beside every junior primary, never the same person twice in a week', () => {
    const r = roster([person('ana'), person('ben'), person('dev', 'junior'), person('eve', 'junior')]);
    const s = schedule(r, [rotating('clicks'), rotating('views')], 8);
    for (const week of s.weeks) {
      const shifts = s.shifts.filter((shift) => shift.week === week.index);
      expect(new Set(shifts.map((shift) => shift.person)).size).toBe(shifts.length);
      for (const primary of shifts.filter((shift) => shift.role === 'primary')) {
        const backup = shifts.find((shift) => shift.pipeline === primary.pipeline && shift.role === 'backup');
        if (r.people.find((p) => p.id === primary.person)!.level === 'junior')
          expect(r.people.find((p) => p.id === backup?.person)?.level).toBe('senior');
        else expect(backup).toBeUndefined();
      }
    }
  });

  it('gives no backup with pairing off', () => {
    const r = roster([person('dev', 'junior'), person('eve', 'junior')], { pairing: 'off' });
    expect(schedule(r, [rotating('clicks')], 4).shifts.every((shift) => shift.role === 'primary')).toBe(true);
  });

  it('never schedules anyone away, before joining or after leaving', () => {
    const r = roster([
      person('ana', 'senior', { away: [{ from: '2026-12-08', to: '2026-12-08' }] }),
      person('ben', 'senior', { joined: '2026-12-14' }),
      person('cy', 'senior', { left: '2026-12-20' }),
      person('dee'),
    ]);
    const s = schedule(r, [rotating('clicks')], 5);
    const on = (person: string) => s.shifts.filter((shift) => shift.person === person).map((shift) => shift.week);
    expect(on('ana')).not.toContain(1);
    expect(Math.min(...on('ben'))).toBeGreaterThanOrEqual(2);
    expect(Math.max(...on('cy'))).toBeLessThanOrEqual(2);
  });

  it('staffs last-of-month pipelines only in the week holding the last working day', () => {
    const r = roster([person('ana'), person('ben'), person('cy')], { country: 'GB' });
    const s = schedule(r, [rotating('monthly', 'Team', { weeks: 'last-of-month' })], 14);
    // Last working days: Mon 30 Nov, Thu 31 Dec, Fri 29 Jan, Fri 26 Feb (2027).
    expect([...new Set(s.shifts.map((shift) => s.weeks[shift.week]!.days[0]))]).toEqual([
      '2026-11-30',
      '2026-12-28',
      '2027-01-25',
      '2027-02-22',
    ]);
  });

  it('starts every shift at the handover hour local time across DST changes', () => {
    const london = anaAndBen({ start: '2027-03-22' }, 2);
    expect(london.weeks.map((week) => week.start.toISOString())).toEqual([
      '2027-03-22T10:00:00.000Z',
      '2027-03-29T09:00:00.000Z',
    ]);
    const autumn = anaAndBen({ start: '2027-10-25' }, 2);
    expect(autumn.weeks.map((week) => week.start.toISOString())).toEqual([
      '2027-10-25T09:00:00.000Z',
      '2027-11-01T10:00:00.000Z',
    ]);
    const newYork = anaAndBen({ start: '2027-03-08', timezone: 'America/New_York', handover: 'monday 09:00' }, 2);
    expect(newYork.weeks.map((week) => week.start.toISOString())).toEqual([
      '2027-03-08T14:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
    ]);
    expect(newYork.weeks[0]!.end).toEqual(newYork.weeks[1]!.start);
  });

  it('snaps the epoch to the handover weekday on or after rotation.start', () => {
    const s = anaAndBen({ start: '2026-12-02', handover: 'friday 16:30' }, 1);
    expect(s.weeks[0]!.start.toISOString()).toBe('2026-12-04T16:30:00.000Z');
  });

  it('moves a handover meeting off an attendee holiday to the nearest earlier working day, same time', () => {
    // Monday 28 December 2026 is a bank holiday in England (Boxing Day moved), Friday the 25th is Christmas.
    const s = anaAndBen({ country: 'GB' }, 5, rotating('clicks', 'Team', { 'handover-meeting': duration('30m') }));
    const meeting = s.meetings.find((entry) => entry.week === 4)!;
    expect([meeting.start, meeting.end]).toEqual([new Date('2026-12-24T09:30:00Z'), new Date('2026-12-24T10:00:00Z')]);
    // Only the attendees' holidays count: with no calendar, the meeting stays on the handover day.
    const plain = anaAndBen({}, 5, rotating('clicks', 'Team', { 'handover-meeting': duration('30m') }));
    expect(plain.meetings.find((entry) => entry.week === 4)!.end).toEqual(new Date('2026-12-28T10:00:00Z'));
  });

  it('reads a handover at an hour that occurs twice (clocks going back) as its first occurrence, in every zone', () => {
    const london = anaAndBen({ start: '2026-10-18', handover: 'sunday 01:30' }, 2);
    const newYork = anaAndBen({ start: '2026-10-25', handover: 'sunday 01:30', timezone: 'America/New_York' }, 2);
    // 01:30 BST (00:30Z) on 25 October, 01:30 EDT (05:30Z) on 1 November: summer time both, not one of each.
    expect(london.weeks[1]!.start).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(newYork.weeks[1]!.start).toEqual(new Date('2026-11-01T05:30:00Z'));
  });

  it('adds a handover meeting ending at handover, outgoing and incoming primary', () => {
    const s = anaAndBen({}, 3, rotating('clicks', 'Team', { 'handover-meeting': duration('30m') }));
    expect(s.meetings).toEqual([
      {
        pipeline: 'clicks',
        week: 1,
        handoverDay: '2026-12-07',
        start: new Date('2026-12-07T09:30:00Z'),
        end: new Date('2026-12-07T10:00:00Z'),
        attendees: ['ana', 'ben'],
      },
      {
        pipeline: 'clicks',
        week: 2,
        handoverDay: '2026-12-14',
        start: new Date('2026-12-14T09:30:00Z'),
        end: new Date('2026-12-14T10:00:00Z'),
        attendees: ['ben', 'ana'],
      },
    ]);
  });

  it('holds the handover meeting between whoever holds the shift before and after it, covers included', () => {
    const r = roster([person('ana'), person('ben'), person('cal'), person('dev')]);
    const pipeline = rotating('clicks', 'Team', { 'handover-meeting': duration('30m') });
    const plan = schedule(r, [pipeline], 3);
    const holder = (week: number) => plan.shifts.find((x) => x.week === week && x.role === 'primary')!.person;
    // The second week's primary is covered whole by the one teammate who holds neither neighbouring week.
    const cover = ['ana', 'ben', 'cal', 'dev'].find((id) => id !== holder(0) && id !== holder(1) && id !== holder(2))!;
    const covered = buildSchedule(
      {
        ...input(r, [pipeline]),
        overrides: [
          {
            index: 0,
            pipeline: 'clicks',
            role: 'primary',
            from: '2026-12-07T10:00',
            to: '2026-12-14T10:00',
            person: cover,
            reason: 'swap agreed',
          },
        ],
      },
      3,
    );
    expect(covered.rejected).toEqual([]);
    expect(covered.meetings.map((meeting) => [meeting.week, ...meeting.attendees])).toEqual([
      [1, holder(0), cover],
      [2, cover, holder(2)],
    ]);
  });

  it('spreads holiday weeks: nobody takes a second while a teammate has none', () => {
    // Company days in weeks 0 and 3. Turn order alone would give ana both.
    const r = roster([person('ana'), person('ben'), person('cy')], { extra: ['2026-12-01', '2026-12-22'] });
    const s = schedule(r, [rotating('clicks')], 4);
    expect(grid(s)).toEqual([
      '2026-11-30: clicks=ana',
      '2026-12-07: clicks=ben',
      '2026-12-14: clicks=cy',
      '2026-12-21: clicks=ben',
    ]);
    const report = fairnessReport(s, r, 0);
    expect(report.people.map((entry) => [entry.person, entry.primary, entry.holidayWeeks])).toEqual([
      ['ana', 1, 1],
      ['ben', 2, 1],
      ['cy', 1, 0],
    ]);
    expect(report.teams).toEqual([
      {
        team: 'Team',
        largestDeviation: { primary: 0.67, backup: 0 },
        availableAllAlong: ['ana', 'ben', 'cy'],
        primarySpread: 1,
        backupSpread: 0,
        holidayWeekSpread: 1,
        // No hours are counted without a burden function (test/burden.test.ts counts them).
        weekendHourSpread: 0,
        holidayHourSpread: 0,
      },
    ]);
  });

  it('names the week, pipeline, team and who is away when a week cannot be covered', () => {
    const away = [{ from: '2026-12-15', to: '2026-12-18', reason: 'offsite' }];
    const r = roster([person('ana', 'senior', { away }), person('ben', 'senior', { away })]);
    const s = schedule(r, [rotating('clicks')], 4);
    expect(s.gaps).toEqual([
      {
        pipeline: 'clicks',
        week: 2,
        message:
          'week of 2026-12-14 (from handover 10:00 Europe/London): no one can take the clicks shift: everyone in Team is unavailable (ana away 2026-12-15 to 2026-12-18 (offsite); ben away 2026-12-15 to 2026-12-18 (offsite))',
      },
    ]);
    // The weeks around the gap are planned as usual.
    expect(s.shifts.map((shift) => shift.week)).toEqual([0, 1, 3]);
  });

  it('refuses a junior-only week when pairing needs a senior', () => {
    const r = roster([
      person('ana', 'senior', { away: [{ from: '2026-12-08', to: '2026-12-11' }] }),
      person('dev', 'junior'),
    ]);
    expect(schedule(r, [rotating('clicks')], 2).gaps).toEqual([
      expect.objectContaining({
        pipeline: 'clicks',
        week: 1,
        message: expect.stringMatching(
          /week of 2026-12-07 .*clicks shift from Team without breaking a rule .*a free senior beside every junior primary.*ana away/,
        ),
      }),
    ]);
  });

  it('answers who is on call from the same schedule', () => {
    const r = roster([person('ana'), person('dev', 'junior')]);
    const s = schedule(r, [rotating('clicks')], 3);
    const at = new Date('2026-12-08T12:00:00Z');
    expect(weekIndexAt(s.handover, at)).toBe(1);
    expect(weekIndexAt(s.handover, new Date('2026-12-07T09:59:59Z'))).toBe(0);
    expect(onCallAt(s, r.people, at)).toEqual([
      {
        pipeline: 'clicks',
        primary: { id: 'dev', name: 'Dev Example', email: 'dev@example.com' },
        backup: { id: 'ana', name: 'Ana Example', email: 'ana@example.com' },
        since: '2026-12-07T10:00:00.000Z',
        until: '2026-12-14T10:00:00.000Z',
      },
    ]);
  });
});

describe('fairness measured for everyone', () => {
  it('gives someone in two teams a row in each, counted from that team’s shifts against its own weeks', () => {
    const r = roster(
      [person('ana'), person('ben'), person('cy'), person('dee'), person('eve', 'senior', { joined: '2027-01-04' })],
      { teams: { Alpha: ['ana', 'ben', 'cy'], Beta: ['cy', 'dee', 'eve'] } },
    );
    const s = schedule(r, [rotating('a1', 'Alpha'), rotating('b1', 'Beta')], 26);
    const report = fairnessReport(s, r, 0);
    const cy = report.people.filter((entry) => entry.person === 'cy');
    expect(cy.map((entry) => entry.team)).toEqual(['Alpha', 'Beta']);
    for (const entry of cy) {
      const held = s.shifts.filter(
        (shift) => shift.person === 'cy' && shift.team === entry.team && shift.role === 'primary',
      ).length;
      expect(entry.primary).toBe(held);
    }
    // Every week's primary slot is owed to someone: the fair shares of a team add up to its primary shifts.
    for (const team of ['Alpha', 'Beta']) {
      const rows = report.people.filter((entry) => entry.team === team);
      const fair = rows.reduce((sum, entry) => sum + entry.fair.primary, 0);
      const held = rows.reduce((sum, entry) => sum + entry.primary, 0);
      expect(fair).toBeCloseTo(held, 1);
      // Measured for everyone, the joiner included: nobody in one team is more than one shift from their share.
      for (const entry of rows.filter((row) => row.person !== 'cy'))
        expect(Math.abs(entry.deviation.primary), entry.person).toBeLessThanOrEqual(1);
    }
    const eve = report.people.find((entry) => entry.person === 'eve')!;
    expect(eve.availableWeeks).toBeLessThan(26);
    expect(eve.fair.primary).toBeGreaterThan(0);
  });

  it('owes a team nothing for the weeks a member was on call in another: their teammates are not starved', () => {
    // Sam backs up Bo in Beta every week Bo is primary, and is Beta's primary the others: on call in Beta all
    // year. Alpha's weeks are Al's and Ann's (a junior, whom Al backs up), half each.
    const r = roster([person('al'), person('ann', 'junior'), person('sam'), person('bo', 'junior')], {
      teams: { Alpha: ['al', 'ann', 'sam'], Beta: ['sam', 'bo'] },
    });
    const s = schedule(r, [rotating('a1', 'Alpha'), rotating('b1', 'Beta')], 26);
    const primaries = (id: string) =>
      s.shifts.filter((shift) => shift.person === id && shift.team === 'Alpha' && shift.role === 'primary').length;
    expect(s.shifts.filter((shift) => shift.person === 'sam' && shift.team === 'Alpha')).toEqual([]);
    expect(Math.abs(primaries('al') - primaries('ann'))).toBeLessThanOrEqual(1);
    const report = fairnessReport(s, r, 0);
    const alpha = report.people.filter((entry) => entry.team === 'Alpha');
    // Sam was never free for Alpha: owed nothing there, and not among those available all along.
    expect(alpha.find((entry) => entry.person === 'sam')).toMatchObject({ fair: { primary: 0 }, availableWeeks: 0 });
    for (const entry of alpha) expect(Math.abs(entry.deviation.primary), entry.person).toBeLessThanOrEqual(1);
    expect(report.teams.find((team) => team.team === 'Alpha')!.availableAllAlong).toEqual(['al', 'ann']);
  });
});
