import { describe, expect, it } from 'vitest';
import type { Observation } from '../src/model/observations.js';
import type { SlaRule } from '../src/model/pipeline.js';
import { DEFAULT_CALENDAR } from '../src/time/calendar.js';
import { worst } from '../src/sla/evaluate.js';
import { evaluateOne, pipelineWith } from './helpers/fixtures.js';
import { nextDeadline, pipelineDeadlines } from '../src/sla/upcoming.js';
import { duration, point } from './helpers/values.js';

const at = new Date('2027-02-10T12:00:00Z'); // a Wednesday; UTC calendar, Mon-Fri 09:00-17:00
const hoursBefore = (hours: number) => new Date(at.getTime() - hours * 3_600_000).toISOString();

const evaluate = (rule: SlaRule, observation: Observation | undefined) => evaluateOne(rule, observation, at);

describe('freshness', () => {
  const rule: SlaRule = { id: 'arrival', kind: 'freshness', within: duration('48h') };
  it.each([
    [10, 'pass', 'newest data is 10 hours old, within 48 hours'],
    [35, 'pass', 'newest data is 1 day 11 hours old, within 48 hours'],
    [36, 'warn', 'newest data is 1 day 12 hours old; the 48 hours limit is 12 hours away'],
    [40, 'warn', 'newest data is 1 day 16 hours old; the 48 hours limit is 8 hours away'],
    [60, 'breach', 'newest data is 2 days 12 hours old, over the 48 hours limit'],
  ])('arrival %i hours ago is %s', (hours, status, message) => {
    expect(evaluate(rule, hoursBefore(hours))).toEqual({
      pipeline: 'p',
      rule: 'arrival',
      kind: 'freshness',
      status,
      due: new Date(at.getTime() - hours * 3_600_000 + 48 * 3_600_000).toISOString(),
      observed: hoursBefore(hours),
      message,
    });
  });

  it('honours an explicit warn', () => {
    expect(evaluate({ ...rule, warn: duration('12h') }, hoursBefore(13)).status).toBe('warn');
  });

  it('is unknown without an observation', () => {
    expect(evaluate(rule, undefined)).toEqual({
      pipeline: 'p',
      rule: 'arrival',
      kind: 'freshness',
      status: 'unknown',
      message: 'no observation for this rule',
    });
  });
});

describe('resolution', () => {
  const within: SlaRule = { id: 'fix', kind: 'resolution', within: duration('7d') };
  const monthEnd: SlaRule = { id: 'fix', kind: 'resolution', due: point('end-of-month') };

  it('judges open incidents against within, warning in the last quarter', () => {
    expect(evaluate(within, [{ id: 'A', opened: hoursBefore(24) }])).toMatchObject({
      status: 'pass',
      message: 'A is open, due in 6 days (1 incident, 1 open)',
    });
    expect(evaluate(within, [{ id: 'A', opened: hoursBefore(150) }])).toMatchObject({
      status: 'warn',
      message: 'A is open, due in 18 hours (1 incident, 1 open)',
    });
    expect(evaluate(within, [{ id: 'A', opened: hoursBefore(170) }])).toMatchObject({
      status: 'breach',
      due: hoursBefore(2),
      message: 'A is open 2 hours past its due time (1 incident, 1 open)',
    });
  });

  it('judges resolved incidents by when they were resolved', () => {
    const late = { id: 'B', opened: '2027-01-01T00:00:00Z', resolved: '2027-01-09T00:00:00Z' };
    const inTime = { id: 'C', opened: '2027-01-01T00:00:00Z', resolved: '2027-01-02T00:00:00Z' };
    expect(evaluate(within, [inTime])).toMatchObject({
      status: 'pass',
      message: 'C was resolved in time (1 incident, 0 open)',
    });
    expect(evaluate(within, [inTime, late])).toMatchObject({
      status: 'breach',
      message: 'B was resolved 1 day after it was due (2 incidents, 0 open)',
    });
    expect(evaluate(within, [])).toMatchObject({ status: 'pass', message: 'no incidents recorded' });
  });

  it('judges against the calendar point after the incident opened', () => {
    // Opened 20 Jan: due end of January (Fri 29 Jan 17:00 UTC), missed by 10 Feb.
    expect(evaluate(monthEnd, [{ id: 'D', opened: '2027-01-20T09:00:00Z' }])).toMatchObject({
      status: 'breach',
      due: '2027-01-29T17:00:00.000Z',
    });
    // Opened 8 Feb: due Fri 26 Feb.
    expect(evaluate(monthEnd, [{ id: 'E', opened: '2027-02-08T09:00:00Z' }])).toMatchObject({
      status: 'pass',
      due: '2027-02-26T17:00:00.000Z',
    });
  });
});

describe('deadline', () => {
  // Weekly, due Friday end of day. At Wed 10 Feb: P1 = Fri 5 Feb 17:00, P0 = Fri 29 Jan, P2 = Fri 12 Feb.
  const weekly: SlaRule = { id: 'statuses', kind: 'deadline', every: 'week', due: point('end-of-week') };

  it.each([
    ['2027-02-09T10:00:00Z', 'pass', '2027-02-12T17:00:00.000Z', 'done for this week; next due in 2 days 5 hours'],
    ['2027-02-05T16:00:00Z', 'pass', '2027-02-12T17:00:00.000Z', 'last deadline met; next due in 2 days 5 hours'],
    [
      '2027-01-29T17:00:00Z',
      'breach',
      '2027-02-05T17:00:00.000Z',
      'missed the deadline 4 days 19 hours ago: last done 11 days 19 hours before now',
    ],
  ])('done at %s is %s', (done, status, due, message) => {
    expect(evaluate(weekly, done)).toMatchObject({ status, due, observed: new Date(done).toISOString(), message });
  });

  it('warns once the next due point is within warn', () => {
    const thursday = new Date('2027-02-11T18:00:00Z');
    expect(evaluateOne(weekly, '2027-02-05T16:00:00Z', thursday)).toMatchObject({
      status: 'warn',
      message: 'not yet done for this week; due in 23 hours',
    });
    expect(evaluateOne({ ...weekly, warn: duration('2h') }, '2027-02-05T16:00:00Z', thursday).status).toBe('pass');
  });
});

describe('deadlines', () => {
  it('lists the next dated deadline of each rule', () => {
    const p = pipelineWith([
      { id: 'arrival', kind: 'freshness', within: duration('48h') },
      { id: 'review', kind: 'deadline', every: 'month', due: point('end-of-month') },
      { id: 'statuses', kind: 'deadline', every: 'week', due: point('end-of-week') },
    ]);
    expect(pipelineDeadlines(p, at, DEFAULT_CALENDAR).map((d) => [d.rule, d.due ?? null])).toEqual([
      ['arrival', null],
      ['review', '2027-02-26T17:00:00.000Z'],
      ['statuses', '2027-02-12T17:00:00.000Z'],
    ]);
    expect(nextDeadline(p, at, DEFAULT_CALENDAR)?.rule).toBe('statuses');
  });

  it('orders statuses from pass to breach', () => {
    expect(worst(['pass', 'unknown', 'warn'])).toBe('warn');
    expect(worst(['warn', 'breach', 'pass'])).toBe('breach');
    expect(worst([])).toBe('pass');
  });
});

describe('which incident the message names', () => {
  const within: SlaRule = { id: 'fix', kind: 'resolution', within: duration('7d') };
  it('an open incident before a resolved one of the same status, even when the resolved one was due earlier', () => {
    // Both breach: B was resolved a day late (due 8 Jan), A is still open past its due time (due 4 Feb).
    const late = { id: 'B', opened: '2027-01-01T00:00:00Z', resolved: '2027-01-09T00:00:00Z' };
    const open = { id: 'A', opened: '2027-01-28T00:00:00Z' };
    expect(evaluate(within, [late, open])).toMatchObject({
      status: 'breach',
      message: expect.stringMatching(/^A is open .* past its due time \(2 incidents, 1 open\)$/),
    });
  });
});
