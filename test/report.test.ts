/**
 * `runbook report` (docs/rotations.md, "History"): hours on call per person over any period, read from the same
 * final schedule as every other answer (the published weeks as the lock holds them, covers included).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/time/local.js';
import { random } from './helpers/rosters.js';
import { PROJECT, runInProcess } from './helpers/run.js';

const NOW = new Date('2027-01-20T12:00:00Z');

/** The shipped runbooks with 12 weeks published from the start and two covers, one of them in a published week. */
async function livedIn() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-report-'));
  cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  const run = (...args: string[]) => runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: NOW });
  expect(
    (await run('rotate', '--weeks', '12', '--start', '2026-11-30', '--publish', '--at', '2026-12-02T12:00:00Z')).code,
  ).toBe(0);
  writeFileSync(
    join(root, 'runbooks', 'overrides.yaml'),
    [
      '- { pipeline: engagement, role: primary, from: 2027-01-12, to: 2027-01-14, person: chloe, reason: cover }',
      '- { pipeline: profit, role: primary, from: 2027-03-02T09:00:00Z, to: 2027-03-04T18:00:00Z, person: isla, reason: swap of a day }',
      '',
    ].join('\n'),
  );
  return run;
}

interface Row {
  person: string;
  source: 'published' | 'planned';
  primary: number;
  backup: number;
  hours: Record<string, number>;
  total: number;
}

describe('runbook report', () => {
  it('adds up, on 100 random periods, to the hours of every shift part in the period', async () => {
    const run = await livedIn();
    // Every on-call shift part through July, as the calendar has them.
    const rotation = JSON.parse(
      (await run('rotate', '--weeks', '40', '--start', '2026-11-30', '--format', 'json')).stdout,
    ) as {
      shifts: { role: string; start: string; end: string }[];
    };
    const parts = rotation.shifts.filter((shift) => shift.role !== 'shadow');
    const next = random(11);
    for (let n = 0; n < 100; n++) {
      const from = addDays('2026-11-30', Math.floor(next() * 200));
      const to = addDays(from, Math.floor(next() * 40));
      const { code, stdout } = await run('report', '--from', from, '--to', to, '--format', 'json');
      expect(code).toBe(0);
      const rows = (JSON.parse(stdout) as { rows: Row[] }).rows;
      // London midnights: the period's edges in the roster's zone.
      const edge = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() - londonOffsetMs(day));
      const [start, end] = [edge(from), edge(addDays(to, 1))];
      const expected = parts.reduce((sum, part) => {
        const overlap =
          Math.min(end.getTime(), Date.parse(part.end)) - Math.max(start.getTime(), Date.parse(part.start));
        return sum + Math.max(0, overlap) / 3_600_000;
      }, 0);
      const total = rows.reduce((sum, row) => sum + row.total, 0);
      expect(total, `${from} to ${to}`).toBeCloseTo(expected, 1);
      for (const row of rows)
        expect(Object.values(row.hours).reduce((sum, hours) => sum + hours, 0)).toBeCloseTo(row.total, 1);
    }
  });

  it('says which rows the lock published and which are planned, and counts a cover to whoever covered', async () => {
    const run = await livedIn();
    const { stdout } = await run('report', '--from', '2027-01-01', '--to', '2027-03-31', '--format', 'json');
    const rows = (JSON.parse(stdout) as { rows: Row[] }).rows;
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(['published', 'planned']));
    // Chloe's cover (Tuesday 00:00 to Thursday 00:00 in a published week): 48 hours, 16 of them working hours.
    const chloe = await run(
      'report',
      '--from',
      '2027-01-12',
      '--to',
      '2027-01-13',
      '--person',
      'chloe',
      '--format',
      'json',
    );
    expect(chloe.stderr).toBe('');
    const [row] = (JSON.parse(chloe.stdout) as { rows: Row[] }).rows;
    expect(row).toMatchObject({ person: 'chloe', source: 'published', primary: 0.29, total: 48 });
    expect(row!.hours).toEqual({ working: 16, night: 32, weekend: 0, holiday: 0, company: 0 });
  });

  it('writes CSV a spreadsheet reads: one row per person and source, the same bytes every run', async () => {
    const run = await livedIn();
    const args = ['report', '--from', '2027-01-01', '--to', '2027-03-31', '--format', 'csv'];
    const first = (await run(...args)).stdout;
    expect(first.split('\r\n')[0]).toBe(
      'from,to,person,name,source,primary_weeks,backup_weeks,working_hours,night_hours,weekend_hours,holiday_hours,company_hours,total_hours',
    );
    expect(first).toMatch(/^2027-01-01,2027-03-31,ana,Ana Example,published,/m);
    expect((await run(...args)).stdout).toBe(first);
  });

  it('filters by person, team and pipeline, and refuses what the roster does not have (exit 2)', async () => {
    const run = await livedIn();
    const json = async (...args: string[]) =>
      (
        JSON.parse(
          (await run('report', '--from', '2027-01-01', '--to', '2027-01-31', '--format', 'json', ...args)).stdout,
        ) as { rows: Row[] }
      ).rows;
    expect(new Set((await json('--person', 'kai')).map((row) => row.person))).toEqual(new Set(['kai']));
    expect(
      (await json('--team', 'Profit BI')).every((row) => ['isla', 'jonas', 'kai', 'lena'].includes(row.person)),
    ).toBe(true);
    expect(
      (await json('--pipeline', 'profit')).every((row) => ['isla', 'jonas', 'kai', 'lena'].includes(row.person)),
    ).toBe(true);
    expect((await run('report', '--team', 'Nobody')).code).toBe(2);
    expect((await run('report', '--from', '2027-02-30')).code).toBe(2);
    expect((await run('report', '--from', '2027-03-01', '--to', '2027-02-01')).code).toBe(2);
  });
});

describe('a leaver mid-period', () => {
  it('counts their hours only up to the day they left; their weeks after go to others', async () => {
    const root = mkdtempSync(join(tmpdir(), 'runbook-leaver-'));
    cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
    const roster = join(root, 'runbooks', 'roster.yaml');
    // Kai leaves on 2027-01-31: never scheduled in a week that ends after it.
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('  - id: kai\n', '  - id: kai\n    left: 2027-01-31\n'));
    const run = (...args: string[]) =>
      runInProcess(['--dir', 'runbooks', 'report', '--format', 'json', '--at', '2026-12-02T12:00:00Z', ...args], {
        cwd: root,
        now: NOW,
      });
    const rows = async (...args: string[]) => (JSON.parse((await run(...args)).stdout) as { rows: Row[] }).rows;
    const before = await rows('--from', '2027-01-01', '--to', '2027-01-31', '--person', 'kai');
    expect(before.length).toBe(1);
    expect(before[0]!.total).toBeGreaterThan(0);
    expect(await rows('--from', '2027-02-01', '--to', '2027-03-31', '--person', 'kai')).toEqual([]);
    // The team's weeks after it are still covered: its hours in February equal four weeks of a primary each week.
    const team = await rows('--from', '2027-02-01', '--to', '2027-02-28', '--team', 'Profit BI');
    const primaryWeeks = team.reduce((sum, row) => sum + row.primary, 0);
    expect(primaryWeeks).toBeCloseTo(4, 1);
  });
});

describe('pay', () => {
  function paid() {
    const root = mkdtempSync(join(tmpdir(), 'runbook-pay-'));
    cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
    const roster = join(root, 'runbooks', 'roster.yaml');
    writeFileSync(
      roster,
      `${readFileSync(roster, 'utf8')}pay:
  currency: EUR
  rates: { working: 0, night: 4.5, weekend: 6, holiday: 12 }
  per-shift: { primary: 50, backup: 25 }
  cap: 1200
`,
    );
    return (...args: string[]) =>
      runInProcess(['--dir', 'runbooks', 'report', '--format', 'csv', '--at', '2026-12-02T12:00:00Z', ...args], {
        cwd: root,
        now: NOW,
      });
  }
  const amount = (csv: string) => csv.split('\r\n')[1]!.split(',')[13];

  it('equals a hand computation for three people: a primary, a backup, and a Christmas week over the cap', async () => {
    const run = paid();
    // Dev, engagement primary from Mon 14 Dec 10:00; the period ends Sun 20 Dec at midnight: 158 of the week's 168
    // hours. Mon 10–24: 7 working + 7 night; Tue–Fri: 4 × (8 + 16); Sat, Sun: 48 weekend hours.
    // 71 night × 4.5 + 48 weekend × 6 + 50 × 158/168 of a primary shift = 319.5 + 288 + 47.02.
    const dev = (await run('--from', '2026-12-14', '--to', '2026-12-20', '--person', 'dev')).stdout;
    expect(dev.split('\r\n')[1]).toMatch(/^2026-12-14,2026-12-20,dev,Dev Example,planned,0.94,0,39,71,48,0,0,158,/);
    expect(amount(dev)).toBe('654.52');
    // Ana backs Dev up that week: the same hours, 25 × 158/168 of a backup shift = 23.51.
    const ana = (await run('--from', '2026-12-14', '--to', '2026-12-20', '--person', 'ana')).stdout;
    expect(amount(ana)).toBe('631.01');
    // Emma, primary from Mon 21 Dec 10:00 to Sun 27 at midnight: 23 working, 39 night, Thu 24 a company day (paid
    // at the holiday rate), Fri 25 and Sat 26 holidays, Sun 27 weekend: 175.5 + 144 + 576 + 288 + 47.02 = 1230.52,
    // over the cap of 1200 a month.
    const emma = (await run('--from', '2026-12-21', '--to', '2026-12-27', '--person', 'emma')).stdout;
    expect(emma.split('\r\n')[1]).toMatch(/,0.94,0,23,39,24,48,24,158,/);
    expect(amount(emma)).toBe('1200.00');
    expect(emma).toMatch(/cap 1200 a month \(reached in 2026-12\)/);
  });

  it('applies the cap month by month', async () => {
    const run = paid();
    // Emma's Christmas week reaches the cap in December only; a January week of hers is paid in full on top.
    const both = (await run('--from', '2026-12-21', '--to', '2027-01-17', '--person', 'emma')).stdout;
    const january = (await run('--from', '2027-01-01', '--to', '2027-01-17', '--person', 'emma')).stdout;
    expect(Number(amount(both))).toBeCloseTo(1200 + Number(amount(january)), 2);
  });
});

/** Europe/London's offset from UTC at the start of a day (the clocks change at 01:00 UTC). */
function londonOffsetMs(day: string): number {
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(`${day}T00:30:00Z`))
    .find((part) => part.type === 'timeZoneName')!.value;
  return offset === 'GMT' ? 0 : Number(offset.replace('GMT', '')) * 3_600_000;
}
