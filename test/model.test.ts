import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Pipeline } from '../src/model/pipeline.js';
import { Roster } from '../src/model/roster.js';
import { describeDuration, describeWritten, parseDuration } from '../src/model/duration.js';
import { parseCalendarPoint } from '../src/model/points.js';
import { PIPELINE_YAML, ROSTER_YAML } from './helpers/fixtures.js';

describe('durations', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['48h', 48 * 3_600_000],
    ['7d', 7 * 86_400_000],
    ['2w', 14 * 86_400_000],
    ['1d12h', 36 * 3_600_000],
    ['PT48H', 48 * 3_600_000],
    ['P1W', 7 * 86_400_000],
    ['P1DT30M', 86_400_000 + 30 * 60_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '48', 'h48', '48 hours', 'P', 'PT', '0h', '-1h', 'P1Y'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('describes computed time in one style, largest units first', () => {
    expect(describeDuration(48 * 3_600_000)).toBe('2 days');
    expect(describeDuration(65 * 3_600_000)).toBe('2 days 17 hours');
    expect(describeDuration(17 * 3_600_000)).toBe('17 hours');
    expect(describeDuration(7 * 86_400_000)).toBe('1 week');
    expect(describeDuration(10 * 86_400_000)).toBe('10 days');
    expect(describeDuration(30 * 60_000)).toBe('30 minutes');
  });

  it('describes a written duration in its own units', () => {
    expect(describeWritten('48h')).toBe('48 hours');
    expect(describeWritten('PT48H')).toBe('48 hours');
    expect(describeWritten('2d')).toBe('2 days');
    expect(describeWritten('1d12h')).toBe('1 day 12 hours');
    expect(describeWritten('P1W')).toBe('1 week');
    expect(describeWritten('30m')).toBe('30 minutes');
  });
});

describe('calendar points', () => {
  it('parses every form', () => {
    expect(parseCalendarPoint('end-of-week')).toEqual({ kind: 'end-of-week' });
    expect(parseCalendarPoint('End-Of-Month')).toEqual({ kind: 'end-of-month' });
    expect(parseCalendarPoint('friday 17:00')).toEqual({ kind: 'weekly', weekday: 5, hour: 17, minute: 0 });
    expect(parseCalendarPoint('mon 9:30')).toEqual({ kind: 'weekly', weekday: 1, hour: 9, minute: 30 });
    expect(parseCalendarPoint('day 5 09:00')).toEqual({ kind: 'monthly', day: 5, hour: 9, minute: 0 });
  });
  it.each(['end of month', 'friday', 'day 32 09:00', 'funday 10:00', 'monday 25:00'])('rejects %j', (text) =>
    expect(parseCalendarPoint(text)).toBeUndefined(),
  );
});

describe('pipeline schema', () => {
  const base = parse(PIPELINE_YAML) as Record<string, unknown>;

  it('accepts a full pipeline and normalises owners to lists', () => {
    const pipeline = Pipeline.parse(base);
    expect(pipeline.owners).toEqual({ primary: ['Web Team'], secondary: ['Data Team'] });
    expect(pipeline.sla[0]).toMatchObject({ id: 'arrival', kind: 'freshness', within: '48h' });
  });

  it('rejects unknown keys, bad ids and bad durations', () => {
    const result = Pipeline.safeParse({
      ...base,
      id: 'Clicks',
      ownres: 1,
      sla: [{ id: 'a', kind: 'freshness', within: '2 days' }],
    });
    const codes = result.error?.issues.map((issue) => [issue.code, issue.path.join('.')]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['invalid_format', 'id'],
        ['unrecognized_keys', ''],
        ['invalid_format', 'sla.0.within'],
      ]),
    );
  });

  it('needs exactly one of within or due on a resolution rule', () => {
    const both = { ...base, sla: [{ id: 'r', kind: 'resolution', within: '7d', due: 'end-of-month' }] };
    const neither = { ...base, sla: [{ id: 'r', kind: 'resolution' }] };
    expect(Pipeline.safeParse(both).success).toBe(false);
    expect(Pipeline.safeParse(neither).success).toBe(false);
  });

  it('needs a team for a rotation', () => {
    const result = Pipeline.safeParse({ ...base, oncall: { mode: 'rotation' } });
    expect(result.error?.issues[0]?.path).toEqual(['oncall', 'team']);
  });
});

describe('roster schema', () => {
  it('fills the defaults', () => {
    const roster = Roster.parse(parse(ROSTER_YAML));
    expect(roster.workweek).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-17:00' });
    expect(roster.rotation).toEqual({ start: '2026-11-30', handover: 'monday 10:00', pairing: 'junior-with-senior' });
    expect(roster.teams[1]?.members).toEqual([]);
  });

  it('rejects an unknown time zone, an impossible date and reversed hours', () => {
    const roster = parse(ROSTER_YAML) as Record<string, unknown>;
    const result = Roster.safeParse({
      ...roster,
      timezone: 'Mars/Olympus',
      rotation: { start: '2026-02-30' },
      workweek: { days: ['mon'], hours: '17:00-09:00' },
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'timezone',
      'workweek.hours',
      'rotation.start',
    ]);
  });
});
