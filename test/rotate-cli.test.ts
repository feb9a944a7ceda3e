/** `runbook rotate` and `runbook who` end to end on the shipped runbooks and small fixtures. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';
import { runBin, runInProcess } from './helpers/run.js';

const PINNED = { SOURCE_DATE_EPOCH: '1798761600' };
const rotate = (...args: string[]) => runBin(['rotate', '--start', '2026-11-30', ...args], { env: PINNED });

interface RotationJson {
  start: string;
  weeks: number;
  shifts: { pipeline: string; role: string; person: string; start: string; end: string; monthEnd: boolean }[];
  meetings: { pipeline: string; start: string; end: string; attendees: string[] }[];
  report: {
    person: string;
    primary: number;
    backup: number;
    holidayDays: number;
    holidayWeeks: number;
    availableWeeks: number;
    teams: string[];
  }[];
}

const json = (...args: string[]) => JSON.parse(rotate('--format', 'json', ...args).stdout) as RotationJson;

describe('runbook rotate on the shipped runbooks', () => {
  it('gives a calendar with Engagement and Profit every week, Aggregated in month-end weeks, backups and handovers', () => {
    const result = rotate('--weeks', '12');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const events = new ICAL.Component(ICAL.parse(result.stdout) as unknown[]).getAllSubcomponents('vevent');
    const of = (pipeline: string, role: string) =>
      events.filter(
        (e) =>
          e.getFirstPropertyValue('x-runbook-pipeline') === pipeline &&
          e.getFirstPropertyValue('x-runbook-role') === role,
      );
    expect(of('engagement', 'primary')).toHaveLength(12);
    expect(of('profit', 'primary')).toHaveLength(12);
    expect(of('aggregated', 'primary').map((e) => String(e.getFirstPropertyValue('dtstart')))).toEqual([
      '2026-11-30T10:00:00Z',
      '2026-12-28T10:00:00Z',
      '2027-01-25T10:00:00Z',
    ]);
    expect(of('engagement', 'handover')).toHaveLength(11);
    expect(of('profit', 'handover')).toHaveLength(0);

    const plan = json('--weeks', '12');
    const juniors = new Set(['dev', 'emma', 'farid', 'grace', 'hugo', 'kai', 'lena']);
    for (const primary of plan.shifts.filter((shift) => shift.role === 'primary')) {
      const backup = plan.shifts.find(
        (shift) => shift.role === 'backup' && shift.pipeline === primary.pipeline && shift.start === primary.start,
      );
      expect(backup !== undefined).toBe(juniors.has(primary.person));
      if (backup) expect(juniors.has(backup.person)).toBe(false);
    }
  });

  it('spreads holiday weeks and primary shifts over 26 weeks across December', () => {
    const result = rotate('--weeks', '26', '--format', 'table', '--report');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Fairness report');
    expect(result.stderr).toMatch(
      /Data Engineering Team: furthest from a fair share: primary [\d.]+, backup [\d.]+; spread among the 5 available all along \(ana, chloe, dev, emma, grace\): primary 1/,
    );
    const plan = json('--weeks', '26');
    for (const team of ['Data Engineering Team', 'Profit BI']) {
      const steady = plan.report.filter((entry) => entry.teams.includes(team) && entry.availableWeeks === 26);
      const primaries = steady.map((entry) => entry.primary);
      expect(Math.max(...primaries) - Math.min(...primaries)).toBeLessThanOrEqual(1);
      // Nobody with two holiday weeks while a teammate available all along has none.
      const holidayWeeks = steady.map((entry) => entry.holidayWeeks);
      if (Math.min(...holidayWeeks) === 0)
        expect(
          Math.max(...plan.report.filter((entry) => entry.teams.includes(team)).map((entry) => entry.holidayWeeks)),
        ).toBeLessThanOrEqual(1);
    }
    // Ben is away over Christmas and Hugo joins on 4 January.
    expect(
      plan.shifts.some((shift) => shift.person === 'ben' && shift.start >= '2026-12-21' && shift.start < '2027-01-04'),
    ).toBe(false);
    expect(plan.shifts.some((shift) => shift.person === 'hugo' && shift.start < '2027-01-04')).toBe(false);
  });

  it('is prefix-stable: 8 weeks are the first 8 of 16, and --start shows the same weeks', () => {
    const eight = json('--weeks', '8');
    const sixteen = json('--weeks', '16');
    expect(sixteen.shifts.slice(0, eight.shifts.length)).toEqual(eight.shifts);
    expect(sixteen.shifts.filter((shift) => shift.start < '2027-01-25')).toEqual(eight.shifts);
    const later = JSON.parse(
      runBin(['rotate', '--start', '2027-01-27', '--weeks', '4', '--format', 'json']).stdout,
    ) as RotationJson;
    expect(later.start).toBe('2027-01-25T10:00:00.000Z');
    expect(later.shifts).toEqual(
      sixteen.shifts.filter((shift) => shift.start >= '2027-01-25' && shift.start < '2027-02-22'),
    );
    const icsEight = rotate('--weeks', '8').stdout;
    const icsSixteen = rotate('--weeks', '16').stdout;
    const vevents = (text: string) =>
      text
        .split('BEGIN:VEVENT')
        .slice(1)
        .map((event) => event.replace(/END:VCALENDAR\r\n$/, ''));
    for (const event of vevents(icsEight)) expect(vevents(icsSixteen)).toContain(event);
  });

  it('is byte-identical across runs with SOURCE_DATE_EPOCH set', () => {
    const first = rotate('--weeks', '12').stdout;
    expect(rotate('--weeks', '12').stdout).toBe(first);
    expect(first).toContain('DTSTAMP:20270101T000000Z');
  });

  it("gives one person's calendar with --person", () => {
    const events = new ICAL.Component(
      ICAL.parse(rotate('--weeks', '12', '--person', 'ana').stdout) as unknown[],
    ).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const attendees = event.getAllProperties('attendee').map((attendee) => attendee.getFirstValue());
      expect(attendees).toContain('MAILTO:ana@example.com');
    }
  });

  it('writes CSV and a readable table', () => {
    const csv = rotate('--weeks', '2', '--format', 'csv').stdout.split('\r\n');
    expect(csv[0]).toBe('week_start,week_end,pipeline,team,role,person,name,email,holiday_days');
    expect(csv[1]).toBe(
      '2026-11-30T10:00:00.000Z,2026-12-07T10:00:00.000Z,aggregated,Data Engineering Team,primary,ana,Ana Example,ana@example.com,0',
    );
    const table = rotate('--weeks', '4', '--format', 'table').stdout;
    expect(table).toMatch(/^WEEK FROM\s+aggregated\s+engagement\s+profit$/m);
    expect(table).toMatch(/^Mon 14 Dec 2026 10:00\s+-\s+dev \+ana\s+kai \+isla$/m);
  });

  it('honours --person in the table and the report too', () => {
    const result = runBin([
      'rotate',
      '--weeks',
      '4',
      '--start',
      '2026-11-30',
      '--format',
      'table',
      '--person',
      'dev',
      '--report',
    ]);
    expect(result.code).toBe(0);
    // dev's week, with the senior beside them; other weeks empty.
    expect(result.stdout).toMatch(/^Mon 14 Dec 2026 10:00\s+dev \+ana$/m);
    expect(result.stdout).toMatch(/^Mon 7 Dec 2026 10:00\s+-$/m);
    expect(result.stdout).not.toMatch(/profit/);
    const rows = result.stderr.split('\n').filter((line) => /^[a-z]+ +(senior|junior) /.test(line));
    expect(rows.map((line) => line.split(/\s+/)[0])).toEqual(['dev']);
  });

  it('takes --pipeline to show only some pipelines', () => {
    const plan = json('--weeks', '4', '--pipeline', 'eng');
    expect(new Set(plan.shifts.map((shift) => shift.pipeline))).toEqual(new Set(['engagement']));
    expect(rotate('--weeks', '4', '--pipeline', 'growth')).toMatchObject({
      code: 2,
      stderr: 'runbook: growth: no on-call rotation (oncall.mode is not rotation)\n',
    });
  });

  it('refuses a start before the rotation begins, and bad flags', () => {
    expect(runBin(['rotate', '--weeks', '4', '--start', '2026-11-01'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'runbook: --start 2026-11-01 is before the rotation starts (rotation.start 2026-11-30 in the roster; the first handover is 2026-11-30)\n',
    });
    expect(runBin(['rotate', '--weeks', '0'])).toMatchObject({ code: 2, stdout: '' });
    expect(runBin(['rotate', '--weeks', '4', '--format', 'pdf'])).toMatchObject({ code: 2, stdout: '' });
    expect(runBin(['rotate', '--weeks', '4', '--person', 'nobody'])).toMatchObject({ code: 2, stdout: '' });
  });

  it('takes --start equal to a mid-week rotation.start: the first week shown is the first handover', () => {
    const { root } = runbooksFolder({
      'clicks.yaml': PIPELINE_YAML,
      'roster.yaml': ROSTER_YAML.replace('start: 2026-11-30', 'start: 2026-12-02'),
    });
    const plan = runBin(['rotate', '--weeks', '1', '--start', '2026-12-02', '--format', 'json'], { cwd: root });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).start).toBe('2026-12-07T10:00:00.000Z');
    expect(runBin(['rotate', '--weeks', '1', '--start', '2026-12-01'], { cwd: root }).stderr).toBe(
      'runbook: --start 2026-12-01 is before the rotation starts (rotation.start 2026-12-02 in the roster; the first handover is 2026-12-07)\n',
    );
  });

  it('refuses a roster that lint refuses, with the message and file:line lint gives', () => {
    const mutants = {
      'away range backwards': ['level: junior }', 'level: junior, away: [{ from: 2026-12-20, to: 2026-12-10 }] }'],
      'left before joining': ['level: junior }', 'level: junior, joined: 2027-03-01, left: 2027-01-01 }'],
      'member twice': ['members: [ana, ben]', 'members: [ana, ben, ana]'],
    } satisfies Record<string, [string, string]>;
    for (const [name, [from, to]] of Object.entries(mutants)) {
      expect(ROSTER_YAML, name).toContain(from);
      const { root } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML, 'roster.yaml': ROSTER_YAML.replace(from, to) });
      const lint = runBin(['lint', '--format', 'json'], { cwd: root });
      const [problem] = JSON.parse(lint.stdout).problems as {
        file: string;
        line: number;
        column: number;
        message: string;
      }[];
      const refused = runBin(['rotate', '--weeks', '2'], { cwd: root });
      expect(refused.code, name).toBe(2);
      expect(refused.stdout, name).toBe('');
      expect(refused.stderr, name).toContain(
        `runbook: ${problem!.file}:${problem!.line}:${problem!.column}: error: ${problem!.message}`,
      );
    }
  });

  it('starts from the current week by default, and from the first week before the epoch', async () => {
    const before = await runInProcess(['rotate', '--weeks', '1', '--format', 'json'], {
      now: new Date('2026-11-27T12:00:00Z'),
    });
    expect(JSON.parse(before.stdout).start).toBe('2026-11-30T10:00:00.000Z');
    const later = await runInProcess(['rotate', '--weeks', '1', '--format', 'json'], {
      now: new Date('2027-02-10T12:00:00Z'),
    });
    expect(JSON.parse(later.stdout).start).toBe('2027-02-08T10:00:00.000Z');
  });
});

describe('runbook rotate when a week cannot be covered', () => {
  const everyoneAway = ROSTER_YAML.replace(
    '  - { id: ben, name: Ben, email: ben@example.com, level: junior }',
    '  - { id: ben, name: Ben, email: ben@example.com, level: junior, away: [{ from: 2026-12-15, to: 2026-12-20 }] }',
  ).replace(
    '  - { id: ana, name: Ana, email: ana@example.com, level: senior }',
    '  - { id: ana, name: Ana, email: ana@example.com, level: senior, away: [{ from: 2026-12-15, to: 2026-12-18, reason: leave }] }',
  );

  it('exits 1 naming the week, and leaves an existing -o file untouched', () => {
    const { root } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML, 'roster.yaml': everyoneAway });
    const out = join(root, 'oncall.ics');
    writeFileSync(out, 'previous calendar\n');
    const result = runBin(['rotate', '--weeks', '6', '--start', '2026-11-30', '-o', out], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'runbook: week of 2026-12-14 (from handover 10:00 Europe/London): no one can take the clicks shift: everyone in Data Team is unavailable (ana away 2026-12-15 to 2026-12-18 (leave); ben away 2026-12-15 to 2026-12-20)\n',
    );
    expect(readFileSync(out, 'utf8')).toBe('previous calendar\n');
    expect(readdirSync(root).filter((name) => name.includes('tmp'))).toEqual([]);
  });

  it('writes -o atomically when it succeeds', () => {
    const { root } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML, 'roster.yaml': ROSTER_YAML });
    const out = join(root, 'oncall.ics');
    const result = runBin(['rotate', '--weeks', '2', '--start', '2026-11-30', '-o', out], { cwd: root, env: PINNED });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(existsSync(join(root, '.oncall.ics.tmp'))).toBe(false);
  });
});

describe('runbook who', () => {
  it('names primary, backup and until when', () => {
    const who = JSON.parse(runBin(['who', '--at', '2026-12-24T12:00:00Z', '--json']).stdout);
    expect(who).toEqual([
      {
        pipeline: 'engagement',
        // Phone and chat, when the roster gives them: what works at night.
        primary: {
          id: 'emma',
          name: 'Emma Example',
          email: 'emma@example.com',
          phone: '+44 20 7946 0105',
          chat: '@emma',
        },
        backup: {
          id: 'chloe',
          name: 'Chloe Example',
          email: 'chloe@example.com',
          phone: '+44 20 7946 0103',
          chat: '@chloe',
        },
        since: '2026-12-21T10:00:00.000Z',
        until: '2026-12-28T10:00:00.000Z',
      },
      {
        pipeline: 'profit',
        primary: { id: 'lena', name: 'Lena Example', email: 'lena@example.com', chat: '@lena' },
        backup: { id: 'jonas', name: 'Jonas Example', email: 'jonas@example.com', chat: '@jonas' },
        since: '2026-12-21T10:00:00.000Z',
        until: '2026-12-28T10:00:00.000Z',
      },
    ]);
    const plan = json('--weeks', '4');
    const week = plan.shifts.filter((shift) => shift.start === '2026-12-21T10:00:00.000Z');
    expect(week.map((shift) => `${shift.pipeline}:${shift.role}:${shift.person}`).sort()).toEqual([
      'engagement:backup:chloe',
      'engagement:primary:emma',
      'profit:backup:jonas',
      'profit:primary:lena',
    ]);
  });

  it('says when the rotation starts, and shows who in show', () => {
    expect(runBin(['who', '--at', '2026-11-27T12:00:00Z']).stdout).toContain(
      'The rotation starts Mon 2026-11-30 10:00 Europe/London.',
    );
    expect(runBin(['who', 'aggregated', '--at', '2026-12-24T12:00:00Z']).stdout).toContain(
      'aggregated   no shift this week (month-end weeks only)',
    );
    const show = runBin(['show', 'engagement', '--at', '2026-12-24T12:00:00Z']).stdout;
    expect(show).toMatch(/On call now: Emma Example \(\+44 20 7946 0105, @emma\) <emma@example\.com>,\s+backed\s+by/);
    // Who to call is near the top, and the escalation path names them.
    expect(show.indexOf('On call now:')).toBeLessThan(show.indexOf('\nOwners\n'));
    expect(show).toMatch(
      /1\. On-call engineer: Emma Example \(\+44 20 7946 0105, @emma\)\s+<emma@example\.com>,\s+this/,
    );
    expect(show).toMatch(/2\. Senior backup: Chloe Example \(\+44 20 7946 0103, @chloe\)\s+<chloe@example\.com>/);
    expect(runBin(['show', 'engagement', '--at', '2026-11-27T12:00:00Z']).stdout).toContain(
      'On call now: no one yet; the rotation starts Mon 2026-11-30 10:00 Europe/London.',
    );
    // A pipeline handled in working hours: whom to contact and when, exit 0.
    const growth = runBin(['who', 'growth', '--at', '2026-11-28T12:00:00Z']);
    expect(growth).toMatchObject({ code: 0, stderr: '' });
    expect(growth.stdout.replace(/\s+/g, ' ')).toBe(
      'growth has no on-call: it is handled in working hours, Mon–Fri 09:00–17:00 Europe/London. It is outside them now (Sat 2026-11-28 12:00 Europe/London); they begin again Mon 2026-11-30 09:00 Europe/London. Then contact Accounts Team (accounts@example.com), then Data Engineering Team (+44 20 7946 0100, #data-eng). ',
    );
    const during = runBin(['who', 'growth', '--at', '2026-11-30T10:00', '--json']);
    expect(JSON.parse(during.stdout)).toEqual([
      {
        pipeline: 'growth',
        mode: 'business-hours',
        primary: null,
        until: null,
        contacts: [
          { team: 'Accounts Team', contact: 'accounts@example.com' },
          { team: 'Data Engineering Team', contact: '#data-eng', phone: '+44 20 7946 0100' },
        ],
        workingHoursNow: true,
        workingHoursFrom: '2026-11-30T10:00:00.000Z',
      },
    ]);
  });
});

describe('runbook rotate --json', () => {
  it('means --format json, as for every other command', () => {
    const viaFlag = runBin(['rotate', '--weeks', '2', '--start', '2026-11-30', '--json']);
    expect(viaFlag.code).toBe(0);
    expect(JSON.parse(viaFlag.stdout)).toEqual(
      JSON.parse(runBin(['rotate', '--weeks', '2', '--start', '2026-11-30', '--format', 'json']).stdout),
    );
  });
});
