/** The iCal output, read back by an independent parser (ical.js). */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendar } from '../src/render/ical.js';
import { person, roster, rotating, schedule } from './helpers/rotation.js';
import { duration } from './helpers/values.js';

const STAMP = new Date('2026-11-01T00:00:00Z');
const tricky = 'Zoë O’Brien, Jr.; "Z"\nsecond line';

function calendarFor(options: { start?: string; timezone?: string; weeks?: number } = {}) {
  const r = roster([person('ana'), person('dev', 'junior', { name: tricky }), person('ben')], {
    start: options.start,
    timezone: options.timezone,
  });
  const pipelines = [
    {
      ...rotating('clicks', 'Team', {
        'handover-meeting': duration('30m'),
        duties: ['Watch the dashboards; page, if needed'],
      }),
      name: 'Clicks, Views; Ünïcode',
    },
  ];
  const s = schedule(r, pipelines, options.weeks ?? 4);
  return {
    text: renderCalendar({ shifts: s.shifts, meetings: s.meetings, pipelines, roster: r, stamp: STAMP }),
    schedule: s,
  };
}

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

describe('iCal output', () => {
  it('uses CRLF line ends and folds every line at 75 octets', () => {
    const { text } = calendarFor();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('has the calendar properties clients need', () => {
    const { calendar } = events(calendarFor().text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//runbook//runbook//EN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // ical.js reads these two as opaque values, so check the escaped text as written.
    const unfolded = calendarFor().text.replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nNAME:On call: Clicks\\, Views\\; Ünïcode\r\n');
    expect(unfolded).toContain('\r\nX-WR-CALNAME:On call: Clicks\\, Views\\; Ünïcode\r\n');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT6H');
  });

  it('gives every shift a stable UID, DTSTAMP, SEQUENCE, UTC times, TRANSP, summary, description, attendee and X- properties', () => {
    const { events: all } = events(calendarFor().text);
    const shift = all.find((event) => event.getFirstPropertyValue('uid') === 'clicks-backup-2026-12-14@runbook')!;
    expect(shift).toBeDefined();
    expect(String(shift.getFirstPropertyValue('dtstamp'))).toBe('2026-11-01T00:00:00Z');
    expect(shift.getFirstPropertyValue('sequence')).toBe(0);
    expect(String(shift.getFirstPropertyValue('dtstart'))).toBe('2026-12-14T10:00:00Z');
    expect(String(shift.getFirstPropertyValue('dtend'))).toBe('2026-12-21T10:00:00Z');
    expect(shift.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(shift.getFirstPropertyValue('summary')).toBe(
      `Clicks, Views; Ünïcode on call, backup: Ana Example (backing ${tricky})`,
    );
    const description = String(shift.getFirstPropertyValue('description'));
    expect(description).toContain('Escalation:\n1. On-call engineer');
    expect(description).toContain('- Watch the dashboards; page, if needed');
    expect(shift.getFirstPropertyValue('attendee')).toBe('MAILTO:ana@example.com');
    expect(shift.getFirstPropertyValue('x-runbook-pipeline')).toBe('clicks');
    expect(shift.getFirstPropertyValue('x-runbook-role')).toBe('backup');
    expect(shift.getFirstPropertyValue('x-runbook-person')).toBe('ana');
  });

  it('round-trips names with commas, semicolons, quotes, line breaks and non-ASCII', () => {
    const { events: all } = events(calendarFor().text);
    const primary = all.find((event) => event.getFirstPropertyValue('uid') === 'clicks-primary-2026-12-14@runbook')!;
    expect(primary.getFirstPropertyValue('summary')).toBe(
      `Clicks, Views; Ünïcode on call, primary: ${tricky} (backed by Ana Example)`,
    );
    expect(primary.getFirstProperty('attendee')!.getParameter('cn')).toBe("Zoë O’Brien, Jr.; 'Z' second line");
  });

  it('writes handover meetings as busy events for outgoing and incoming primary', () => {
    const { events: all } = events(calendarFor().text);
    const meetings = all.filter((event) => event.getFirstPropertyValue('x-runbook-role') === 'handover');
    expect(meetings).toHaveLength(3);
    const [first] = meetings;
    expect(first!.getFirstPropertyValue('uid')).toBe('clicks-handover-2026-12-07@runbook');
    expect(String(first!.getFirstPropertyValue('dtstart'))).toBe('2026-12-07T09:30:00Z');
    expect(String(first!.getFirstPropertyValue('dtend'))).toBe('2026-12-07T10:00:00Z');
    expect(first!.getFirstPropertyValue('transp')).toBe('OPAQUE');
    expect(first!.getAllProperties('attendee').map((attendee) => attendee.getFirstValue())).toEqual([
      'MAILTO:ana@example.com',
      'MAILTO:ben@example.com',
    ]);
    expect(first!.getFirstPropertyValue('summary')).toBe('Clicks, Views; Ünïcode handover: Ana Example to Ben Example');
  });

  it('starts shifts at the handover hour local time across DST in Europe/London and America/New_York', () => {
    const starts = (text: string) =>
      events(text)
        .events.filter((event) => event.getFirstPropertyValue('x-runbook-role') === 'primary')
        .map((event) => String(event.getFirstPropertyValue('dtstart')));
    expect(starts(calendarFor({ start: '2027-03-22', weeks: 2 }).text)).toEqual([
      '2027-03-22T10:00:00Z',
      '2027-03-29T09:00:00Z',
    ]);
    expect(starts(calendarFor({ start: '2027-10-25', weeks: 2 }).text)).toEqual([
      '2027-10-25T09:00:00Z',
      '2027-11-01T10:00:00Z',
    ]);
    expect(starts(calendarFor({ start: '2027-03-08', weeks: 2, timezone: 'America/New_York' }).text)).toEqual([
      '2027-03-08T15:00:00Z',
      '2027-03-15T14:00:00Z',
    ]);
    expect(starts(calendarFor({ start: '2027-10-25', weeks: 3, timezone: 'America/New_York' }).text)).toEqual([
      '2027-10-25T14:00:00Z',
      '2027-11-01T14:00:00Z',
      '2027-11-08T15:00:00Z',
    ]);
  });
});

describe('iCal output read by a second parser (node-ical)', () => {
  it('gives the same events, times, text and X- properties', async () => {
    const { default: nodeIcal } = await import('node-ical');
    const { text, schedule: s } = calendarFor();
    const parsed = Object.values(nodeIcal.sync.parseICS(text)).filter(
      (entry) => entry?.type === 'VEVENT',
    ) as unknown as Record<string, unknown>[];
    expect(parsed).toHaveLength(s.shifts.length + s.meetings.length);
    for (const shift of s.shifts) {
      const event = parsed.find(
        (entry) => entry.uid === `${shift.pipeline}-${shift.role}-${shift.start.toISOString().slice(0, 10)}@runbook`,
      )!;
      expect((event.start as Date).toISOString()).toBe(shift.start.toISOString());
      expect((event.end as Date).toISOString()).toBe(shift.end.toISOString());
      expect(event.transparency).toBe('TRANSPARENT');
      expect(event['RUNBOOK-PERSON']).toBe(shift.person);
      expect(event['RUNBOOK-ROLE']).toBe(shift.role);
    }
    const tricky = parsed.find((entry) => entry.uid === 'clicks-primary-2026-12-14@runbook')!;
    expect(tricky.summary).toBe(
      `Clicks, Views; Ünïcode on call, primary: ${'Zoë O’Brien, Jr.; "Z"\nsecond line'} (backed by Ana Example)`,
    );
  });
});

describe('reminders', () => {
  it('a person’s own calendar carries one VALARM per lead on each live event; the team calendar none', () => {
    const r = { ...roster([person('ana'), person('ben'), person('cy')]), reminders: [duration('1d'), duration('90m')] };
    const pipelines = [rotating('clicks', 'Team', { 'handover-meeting': duration('30m') })];
    const s = schedule(r, pipelines, 6);
    const ana = r.people[0]!;
    const own = renderCalendar({
      shifts: s.shifts,
      meetings: s.meetings,
      pipelines,
      roster: r,
      stamp: STAMP,
      person: ana,
    });
    const parsed = events(own).events;
    expect(parsed.length).toBeGreaterThan(2);
    for (const vevent of parsed) {
      // Read by ical.js: each alarm a DISPLAY with its lead before the start.
      const alarms = vevent.getAllSubcomponents('valarm');
      expect(alarms.map((alarm) => alarm.getFirstPropertyValue('action'))).toEqual(['DISPLAY', 'DISPLAY']);
      const leads = alarms.map((alarm) => (alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds());
      expect(leads).toEqual([-86_400, -5_400]);
      expect(alarms[0]!.getFirstPropertyValue('description')).toBe(vevent.getFirstPropertyValue('summary'));
    }
    const team = renderCalendar({ shifts: s.shifts, meetings: s.meetings, pipelines, roster: r, stamp: STAMP });
    expect(team).not.toContain('VALARM');
  });
});
