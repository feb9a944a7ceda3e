/**
 * The pinned SLA semantics of docs/sla.md, one test each. Each failed under the behaviour before they were pinned,
 * except the two marked "guard", which held already and are kept so they stay true.
 */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../src/model/observations.js';
import type { SlaRule } from '../src/model/pipeline.js';
import { DEFAULT_CALENDAR } from '../src/time/calendar.js';
import { weekStartDay } from '../src/time/calendar.js';
import { nextDue } from '../src/sla/deadlines.js';
import { instantAt, localDateOf } from '../src/time/local.js';
import { parseCalendarPoint } from '../src/model/points.js';
import { evaluateOne, PIPELINE_YAML, runbooksFolder } from './helpers/fixtures.js';
import { runBin } from './helpers/run.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duration, point } from './helpers/values.js';

const at = new Date('2027-02-10T12:00:00Z');
const hoursBefore = (hours: number) => new Date(at.getTime() - hours * 3_600_000).toISOString();
const evaluate = (rule: SlaRule, observation: Observation | undefined) => evaluateOne(rule, observation, at);

describe('boundaries: warn is inclusive, breach is strictly after the limit', () => {
  const rule: SlaRule = { id: 'arrival', kind: 'freshness', within: duration('48h') };
  it('an age of exactly the warning threshold warns (75% of 48 h: 36 h)', () => {
    expect(evaluate(rule, hoursBefore(36)).status).toBe('warn');
  });
  it('an age of exactly `within` is not a breach; a minute more is (guard)', () => {
    expect(evaluate(rule, hoursBefore(48)).status).toBe('warn');
    expect(evaluate(rule, new Date(at.getTime() - 48 * 3_600_000 - 60_000).toISOString()).status).toBe('breach');
  });
  it('an incident resolved exactly at its due time is in time (guard)', () => {
    const within: SlaRule = { id: 'fix', kind: 'resolution', within: duration('7d') };
    expect(
      evaluate(within, [{ id: 'A', opened: '2027-02-01T00:00:00Z', resolved: '2027-02-08T00:00:00Z' }]).status,
    ).toBe('pass');
  });
});

describe('resolution warnings', () => {
  const within: SlaRule = { id: 'fix', kind: 'resolution', within: duration('8d') };
  it('an open incident warns from 75% of its allowed time, inclusive (6 days of 8)', () => {
    expect(evaluate(within, [{ id: 'A', opened: hoursBefore(6 * 24) }]).status).toBe('warn');
    expect(evaluate(within, [{ id: 'A', opened: hoursBefore(6 * 24 - 1) }]).status).toBe('pass');
  });
  it('or from `warn` before its due time when given', () => {
    expect(evaluate({ ...within, warn: duration('1d') }, [{ id: 'A', opened: hoursBefore(6 * 24) }]).status).toBe(
      'pass',
    );
    expect(evaluate({ ...within, warn: duration('1d') }, [{ id: 'A', opened: hoursBefore(7 * 24) }]).status).toBe(
      'warn',
    );
  });
});

describe('as of --at: what is observed later has not happened yet', () => {
  it('an arrival after --at is not used: unknown, saying why (not "0 minutes old")', () => {
    const result = evaluate({ id: 'arrival', kind: 'freshness', within: duration('48h') }, '2027-02-11T00:00:00Z');
    expect(result.status).toBe('unknown');
    expect(result.message).toBe(
      'the newest arrival (2027-02-11T00:00:00Z) is after the time judged (2027-02-10T12:00:00.000Z): no observation as of then',
    );
  });
  it('a "done" after --at is not used', () => {
    const rule: SlaRule = { id: 'statuses', kind: 'deadline', every: 'week', due: point('end-of-week') };
    expect(evaluate(rule, '2027-02-12T10:00:00Z').status).toBe('unknown');
  });
  it('an incident resolved after --at is open at --at; one opened after --at does not exist yet', () => {
    const rule: SlaRule = { id: 'fix', kind: 'resolution', within: duration('2d') };
    const result = evaluate(rule, [
      { id: 'A', opened: hoursBefore(72), resolved: '2027-02-11T00:00:00Z' },
      { id: 'B', opened: '2027-02-11T00:00:00Z' },
    ]);
    expect(result).toMatchObject({
      status: 'breach',
      message: 'A is open 1 day past its due time (1 incident, 1 open)',
    });
  });
  it('without --at, a time in the future is a warning on stderr, and not used', () => {
    const { root } = runbooksFolder({
      'clicks.yaml': PIPELINE_YAML.replace(
        /oncall:\n  mode: rotation\n  team: Data Team\n/,
        'oncall:\n  mode: none\n',
      ).replace(/owners:[\s\S]*?issues:/, 'owners:\n  primary: Web Team\nissues:'),
    });
    writeFileSync(join(root, 'observed.yaml'), 'clicks:\n  arrival: 2199-01-01T00:00:00Z\n');
    const result = runBin(['sla', 'check', '--observations', 'observed.yaml', '--json'], { cwd: root });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).results[0]).toMatchObject({ status: 'unknown' });
    expect(result.stderr).toMatch(
      /^runbook: warning: an observed time is later than now \([^)]+\), not used: clicks\.arrival 2199-01-01T00:00:00Z; is a clock wrong\?\n$/,
    );
  });
});

describe('bad observations are input errors (exit 2, file:line)', () => {
  const folder = () =>
    runbooksFolder({
      'clicks.yaml': PIPELINE_YAML.replace(/oncall:\n  mode: rotation\n  team: Data Team\n/, 'oncall:\n  mode: none\n')
        .replace(/owners:[\s\S]*?issues:/, 'owners:\n  primary: Web Team\nissues:')
        .replace('sla:\n', 'sla:\n  - { id: fixes, kind: resolution, within: 7d }\n'),
    }).root;
  const check = (name: string, text: string, ...args: string[]) => {
    const root = folder();
    writeFileSync(join(root, name), text);
    return runBin(['sla', 'check', '--observations', name, '--at', '2027-02-10T12:00:00Z', ...args], { cwd: root });
  };
  it.each([
    [
      'resolved before opened',
      'clicks:\n  fixes:\n    - { id: INC-1, opened: 2027-02-05T10:00:00Z, resolved: 2027-02-04T10:00:00Z }\n',
      3,
      /`clicks\.fixes\[0\]\.resolved` "2027-02-04T10:00:00Z" is before the incident was opened \(2027-02-05T10:00:00Z\)/,
    ],
    [
      'a duplicate incident id',
      'clicks:\n  fixes:\n    - { id: INC-1, opened: 2027-02-05T10:00:00Z }\n    - { id: INC-1, opened: 2027-02-06T10:00:00Z }\n',
      4,
      /`clicks\.fixes\[1\]\.id` "INC-1" appears twice in this rule/,
    ],
    ['24:00', 'clicks:\n  arrival: 2027-02-09T24:00:00Z\n', 2, /has the hour 24: write 00 to 23/],
    [
      'an offset beyond +14:00',
      'clicks:\n  arrival: 2027-02-09T10:00:00+14:59\n',
      2,
      /has the offset \+14:59: offsets run from -14:00 to \+14:00/,
    ],
    [
      'a year outside 1970-2199',
      'clicks:\n  arrival: 1969-12-31T10:00:00Z\n',
      2,
      /has the year 1969: runbook works with 1970 to 2199/,
    ],
  ])('%s', (_, text, line, message) => {
    const result = check('observed.yaml', text);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^runbook: observed\\.yaml:${line}:\\d+: error: `));
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('a .json file is strict JSON, and its errors are called JSON errors', () => {
    const result = check('observed.json', '{\n  "clicks": {\n    "arrival": "2027-02-09T10:00:00Z",\n  }\n}\n');
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'runbook: observed.json:4:3: error: JSON syntax: Expected double-quoted property name (json-syntax)\n',
    });
    expect(check('observed.json', '{ "clicks": { "arrival": "2027-02-09T10:00:00Z" } }\n').code).toBe(0);
  });
  it('--at 9999-12-25T00:00:00Z is a usage error, not an internal one', () => {
    const result = check('observed.yaml', 'clicks:\n  arrival: 2027-02-09T10:00:00Z\n', '--at', '9999-12-25T00:00:00Z');
    expect(result).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'runbook: --at "9999-12-25T00:00:00Z" has the year 9999: runbook works with 1970 to 2199\n',
    });
  });
});

describe('the week begins after the longest run of non-working days', () => {
  const calendar = (days: number[], holidays: string[] = []) => ({
    ...DEFAULT_CALENDAR,
    workdays: new Set(days),
    isHoliday: (date: string) => holidays.includes(date),
  });
  it('Monday for mon-fri, Sunday for sun-thu, Tuesday for tue-sat', () => {
    expect(weekStartDay(calendar([1, 2, 3, 4, 5]))).toBe(1);
    expect(weekStartDay(calendar([0, 1, 2, 3, 4]))).toBe(0);
    expect(weekStartDay(calendar([2, 3, 4, 5, 6]))).toBe(2);
  });
  it('end-of-week on a sun-thu roster is Thursday at the end of working hours (it landed on Sunday)', () => {
    const sunThu = calendar([0, 1, 2, 3, 4]);
    expect(nextDue(parseCalendarPoint('end-of-week')!, new Date('2027-02-08T12:00:00Z'), sunThu).toISOString()).toBe(
      '2027-02-11T17:00:00.000Z',
    );
    // On the Friday after, the next end of week is the following Thursday.
    expect(nextDue(parseCalendarPoint('end-of-week')!, new Date('2027-02-12T12:00:00Z'), sunThu).toISOString()).toBe(
      '2027-02-18T17:00:00.000Z',
    );
  });
  it('holidays skipped: with Thursday a holiday, the week ends on Wednesday', () => {
    expect(
      nextDue(
        parseCalendarPoint('end-of-week')!,
        new Date('2027-02-08T12:00:00Z'),
        calendar([0, 1, 2, 3, 4], ['2027-02-11']),
      ).toISOString(),
    ).toBe('2027-02-10T17:00:00.000Z');
  });
});

describe('a local time that occurs twice is its first occurrence, a skipped one moves forward by the gap, in every zone', () => {
  it.each([
    // Autumn: 01:30 happens twice. London (01:30 BST = 00:30Z) resolved to the later one before; New York did not.
    ['Europe/London', '2026-10-25', 1, 30, '2026-10-25T00:30:00.000Z'],
    ['America/New_York', '2026-11-01', 1, 30, '2026-11-01T05:30:00.000Z'],
    // Spring: the time does not exist; it lands an hour later, in summer time.
    ['Europe/London', '2027-03-28', 1, 30, '2027-03-28T01:30:00.000Z'],
    ['America/New_York', '2027-03-14', 2, 30, '2027-03-14T07:30:00.000Z'],
  ])('%s %s %i:%i', (zone, date, hour, minute, instant) => {
    expect(instantAt(date, hour, minute, zone).toISOString()).toBe(instant);
  });
  it('a handover at 01:30 on the autumn change is the first 01:30 in London and in New York alike', () => {
    const london = instantAt('2026-10-25', 1, 30, 'Europe/London');
    const newYork = instantAt('2026-11-01', 1, 30, 'America/New_York');
    // Both are the summer-time reading: an hour before the repeated hour ends.
    expect(localDateOf(new Date(london.getTime() + 3_600_000), 'Europe/London')).toBe('2026-10-25');
    expect(london.getTime() - Date.parse('2026-10-25T00:00:00Z')).toBe(30 * 60_000);
    expect(newYork.getTime() - Date.parse('2026-11-01T04:00:00Z')).toBe(90 * 60_000);
  });
});

describe('deadline boundaries, aimed at the comparisons', () => {
  // Weekly, due Friday end of day. At Wed 10 Feb: P1 = Fri 5 Feb 17:00, P0 = Fri 29 Jan 17:00.
  const weekly: SlaRule = { id: 'statuses', kind: 'deadline', every: 'week', due: point('end-of-week') };
  it('done exactly at P0 is at or before P0: the deadline P1 was missed (breach)', () => {
    expect(evaluate(weekly, '2027-01-29T17:00:00Z').status).toBe('breach');
    // A minute after P0 is inside (P0, P1]: the last deadline was met.
    expect(evaluate(weekly, '2027-01-29T17:01:00Z').status).toBe('pass');
  });
});
