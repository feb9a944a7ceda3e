/**
 * Shadow weeks (README, "Onboarding"): a joiner's first weeks in a team stand beside the primary, never alone and
 * never on call; their first primary week has a senior backup whatever the pairing mode; the shadows are spread
 * over the primaries. On the shipped runbooks, then on 40 seeded random rosters.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Person } from '../src/model/roster.js';
import { Roster } from '../src/model/roster.js';
import type { Schedule } from '../src/rotation/schedule.js';
import { addDays } from '../src/time/local.js';
import { datesTouched, freeOn } from './helpers/availability.js';
import { random } from './helpers/rosters.js';
import { person, rotating, schedule } from './helpers/rotation.js';
import { PROJECT, runBin } from './helpers/run.js';

const AT = ['--at', '2026-12-02T12:00:00Z'];

function shipped() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-shadow-'));
  cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  return root;
}

interface JsonShift {
  pipeline: string;
  role: string;
  person: string;
  start: string;
}

describe('shadow weeks on the shipped runbooks (hugo joins 2027-01-04, shadow-weeks: 2)', () => {
  it('hugo shadows two weeks beside two different primaries, then takes his first primary week with a senior backup', () => {
    const { code, stdout } = runBin(['rotate', '--weeks', '16', '--format', 'json', ...AT]);
    expect(code).toBe(0);
    const shifts = (JSON.parse(stdout) as { shifts: JsonShift[] }).shifts;
    const hugo = shifts.filter((shift) => shift.person === 'hugo');
    const shadows = hugo.filter((shift) => shift.role === 'shadow');
    expect(shadows.map((shift) => shift.start.slice(0, 10))).toEqual(['2027-01-04', '2027-01-11']);
    // Never alone: a primary of the same pipeline holds each of those weeks, and the two are different people.
    const beside = shadows.map(
      (shadow) =>
        shifts.find(
          (shift) => shift.role === 'primary' && shift.pipeline === shadow.pipeline && shift.start === shadow.start,
        )!.person,
    );
    expect(new Set(beside).size).toBe(2);
    const first = hugo.find((shift) => shift.role === 'primary')!;
    expect(first.start > shadows[1]!.start).toBe(true);
    const backup = shifts.find(
      (shift) => shift.role === 'backup' && shift.pipeline === first.pipeline && shift.start === first.start,
    );
    expect(['ana', 'ben', 'chloe']).toContain(backup?.person);
    // The table shows the shadow after a tilde.
    const table = runBin(['rotate', '--weeks', '8', '--format', 'table', ...AT]).stdout;
    expect(table).toMatch(/Mon 4 Jan 2027 10:00 .* \+\w+ ~hugo/);
    expect(table).toMatch(/~shadow/);
  });

  it('his calendar carries the shadow weeks as role shadow, "shadowing" the primary; the primary’s own event is unchanged', () => {
    const { stdout } = runBin(['rotate', '--weeks', '12', '--person', 'hugo', ...AT], {
      env: { SOURCE_DATE_EPOCH: '1790000000' },
    });
    const unfolded = stdout.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/UID:engagement-shadow-2027-01-04@runbook/);
    expect(unfolded).toMatch(/SUMMARY:Engagement\\, shadow: Hugo Example \(shadowing \w+ Example\)/);
    expect(unfolded).toMatch(/X-RUNBOOK-ROLE:shadow/);
    expect(unfolded).toMatch(/not on call/);
    const team = runBin(['rotate', '--weeks', '12', ...AT], { env: { SOURCE_DATE_EPOCH: '1790000000' } }).stdout;
    const primary =
      /BEGIN:VEVENT\r\n(?:(?!END:VEVENT)[\s\S])*UID:engagement-primary-2027-01-04@runbook(?:(?!END:VEVENT)[\s\S])*/.exec(
        team,
      )![0];
    expect(primary).not.toMatch(/Hugo/);
  });

  it('who and show name the shadow as not on call; --json carries it', () => {
    const at = ['--at', '2027-01-05T12:00:00Z'];
    const who = runBin(['who', 'engagement', ...at]);
    expect(who.stdout.replace(/\s+/g, ' ')).toMatch(/with Hugo Example shadowing \(not on call\)/);
    const json = JSON.parse(runBin(['who', 'engagement', '--json', ...at]).stdout) as { shadow?: { id: string } }[];
    expect(json[0]!.shadow?.id).toBe('hugo');
    expect(runBin(['show', 'engagement', ...at]).stdout.replace(/\s+/g, ' ')).toMatch(/Hugo Example shadowing/);
    // The week after his shadow weeks, nobody shadows.
    const later = JSON.parse(runBin(['who', 'engagement', '--json', '--at', '2027-01-19T12:00:00Z']).stdout) as {
      shadow?: unknown;
    }[];
    expect(later[0]!.shadow).toBeUndefined();
  });

  it('the fairness report counts shadow weeks apart, and not as weeks he could be scheduled', () => {
    const { stderr } = runBin(['rotate', '--weeks', '14', '--report', '--format', 'table', ...AT]);
    const header = stderr.split('\n').find((line) => line.startsWith('PERSON'))!;
    const row = stderr.split('\n').find((line) => line.startsWith('hugo'))!;
    const cell = (name: string) => row.split(/\s+/)[header.split(/\s{2,}/).indexOf(name)];
    expect(cell('SHADOW')).toBe('2');
    expect(cell('PRIMARY')).toBe('1');
    // Joined in week 6 of 14, two of the nine weeks from then spent shadowing.
    expect(cell('AVAILABLE WEEKS')).toBe('7');
  });

  it('publishing records the shadow shifts; taking shadow-weeks away then cancels them in his calendar', () => {
    const root = shipped();
    const env = { SOURCE_DATE_EPOCH: '1790000000' };
    expect(
      runBin(['rotate', '--weeks', '8', '--start', '2026-11-30', '--publish', ...AT], { cwd: root, env }).code,
    ).toBe(0);
    const lock = readFileSync(join(root, 'runbooks', 'rotation.lock.yaml'), 'utf8');
    expect(lock).toMatch(/role: shadow/);
    const roster = join(root, 'runbooks', 'roster.yaml');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace(/^shadow-weeks: 2 .*$/m, 'shadow-weeks: 0'));
    const calendar = runBin(['rotate', '--weeks', '8', '--start', '2026-11-30', '--person', 'hugo', ...AT], {
      cwd: root,
      env,
    }).stdout.replace(/\r\n[ \t]/g, '');
    const shadow =
      /BEGIN:VEVENT\r\n(?:(?!END:VEVENT)[\s\S])*UID:engagement-shadow-2027-01-04@runbook(?:(?!END:VEVENT)[\s\S])*/.exec(
        calendar,
      );
    expect(shadow?.[0]).toMatch(/STATUS:CANCELLED/);
    expect(shadow?.[0]).toMatch(/SEQUENCE:1/);
  });

  it('lint warns when a cover gives a joiner a shift before their shadow weeks are done', () => {
    const root = shipped();
    const roster = join(root, 'runbooks', 'roster.yaml');
    // Away over the second shadow week's weekend: that week is no shadow week, and a cover on its free days is legal.
    writeFileSync(
      roster,
      readFileSync(roster, 'utf8').replace(
        '    joined: 2027-01-04\n',
        '    joined: 2027-01-04\n    away:\n      - { from: 2027-01-15, to: 2027-01-18, reason: leave }\n',
      ),
    );
    writeFileSync(
      join(root, 'runbooks', 'overrides.yaml'),
      '- { pipeline: engagement, role: primary, from: 2027-01-12, to: 2027-01-14, person: hugo, reason: practice }\n',
    );
    const { code, stdout } = runBin(['lint', ...AT], { cwd: root });
    expect(code).toBe(0);
    const line = readFileSync(roster, 'utf8').split('\n').indexOf('  - id: hugo') + 1;
    expect(stdout).toMatch(
      new RegExp(
        `${line}:\\d+ +warning +hugo takes their first primary shift in Data Engineering Team \\(engagement, week of 2027-01-11\\), covering for \\w+ \\(practice\\) after 1 of their 2 shadow weeks`,
      ),
    );
    expect(stdout).toMatch(/shadow-weeks/);
    // Shadow weeks in a row are no back-to-back drift.
    expect(stdout).not.toMatch(/back to back/);
  });
});

describe('shadow weeks without pairing', () => {
  it('a senior joiner’s first primary week has a senior backup though pairing is off; the weeks after have none', () => {
    const people = [
      person('ana', 'senior'),
      person('ben', 'senior'),
      person('cy', 'senior'),
      person('dee', 'senior', { joined: '2026-12-14', 'shadow-weeks': 1 }),
    ];
    const r = Roster.parse({
      timezone: 'Europe/London',
      rotation: { start: '2026-11-30', pairing: 'off' },
      teams: [{ name: 'Team', members: people.map((p) => p.id) }],
      people,
    });
    const s = schedule(r, [rotating('p0')], 16);
    const dee = s.shifts.filter((shift) => shift.person === 'dee');
    expect(dee[0]).toMatchObject({ role: 'shadow', week: 2 });
    const primaries = dee.filter((shift) => shift.role === 'primary');
    expect(primaries.length).toBeGreaterThanOrEqual(2);
    const backupOf = (week: number) => s.shifts.find((shift) => shift.role === 'backup' && shift.week === week);
    expect(backupOf(primaries[0]!.week)?.person).toMatch(/^(ana|ben|cy)$/);
    expect(backupOf(primaries[1]!.week)).toBeUndefined();
    expect(s.shifts.filter((shift) => shift.role === 'backup')).toHaveLength(1);
  });
});

const NAMES = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal', 'ivy'];

function randomRoster(seed: number) {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const size = 4 + pick(5);
  const shadowWeeks = 1 + pick(3);
  const people: Person[] = NAMES.slice(0, size).map((id, i) => {
    // The first two are seniors who were there from the start; about a third of the others join later.
    const level = i < 2 || next() < 0.4 ? 'senior' : 'junior';
    const joins = i >= 2 && next() < 0.35;
    const joined = joins ? addDays('2026-11-30', 7 * (1 + pick(10)) + pick(7)) : undefined;
    const away =
      next() < 0.4
        ? [{ from: addDays('2026-11-30', pick(120)), to: '' }].map((range) => ({
            from: range.from,
            to: addDays(range.from, pick(12)),
          }))
        : [];
    return person(id, level, { ...(joined ? { joined } : {}), ...(away.length ? { away } : {}) });
  });
  const r = Roster.parse({
    timezone: 'Europe/London',
    holidays: { country: 'GB' },
    rotation: { start: '2026-11-30', pairing: next() < 0.7 ? 'junior-with-senior' : 'off' },
    'shadow-weeks': shadowWeeks,
    teams: [{ name: 'Team', members: people.map((p) => p.id) }],
    people,
  });
  const pipelines = Array.from({ length: 1 + pick(2) }, (_, i) => rotating(`p${i}`));
  return { r, pipelines, shadowWeeks };
}

function checkShadows(s: Schedule, r: Roster, shadowWeeks: number): void {
  const people = new Map(r.people.map((p) => [p.id, p]));
  const shadowed = new Map<string, number>();
  for (const shadow of s.shifts.filter((shift) => shift.role === 'shadow')) {
    const week = s.weeks[shadow.week]!;
    // Never alone: beside a primary of the same pipeline, the same times.
    const primary = s.shifts.find(
      (shift) => shift.role === 'primary' && shift.pipeline === shadow.pipeline && shift.week === shadow.week,
    );
    expect(primary, `${shadow.person} shadows ${shadow.pipeline} in week ${shadow.week} beside no one`).toBeDefined();
    expect([shadow.start, shadow.end]).toEqual([week.start, week.end]);
    shadowed.set(primary!.person, (shadowed.get(primary!.person) ?? 0) + 1);
    // The hard rules: free all week, and nothing else that week.
    expect(freeOn(people.get(shadow.person)!, datesTouched(week.start, week.end, r.timezone))).toBe(true);
    expect(s.shifts.filter((shift) => shift.week === shadow.week && shift.person === shadow.person)).toHaveLength(1);
    // At most one shadow per pipeline and week.
    expect(
      s.shifts.filter(
        (shift) => shift.role === 'shadow' && shift.week === shadow.week && shift.pipeline === shadow.pipeline,
      ),
    ).toHaveLength(1);
  }
  for (const joiner of r.people.filter((p) => p.joined !== undefined)) {
    const own = s.shifts.filter((shift) => shift.person === joiner.id);
    const first = own.find((shift) => shift.role !== 'shadow');
    if (!first) continue;
    // Every shadow week is owed before the first shift on call, and that first primary week has a senior backup.
    expect(own.filter((shift) => shift.role === 'shadow' && shift.week < first.week)).toHaveLength(shadowWeeks);
    expect(own.some((shift) => shift.role === 'shadow' && shift.week > first.week)).toBe(false);
    const firstPrimary = own.find((shift) => shift.role === 'primary');
    if (firstPrimary) {
      const backup = s.shifts.find(
        (shift) =>
          shift.role === 'backup' && shift.pipeline === firstPrimary.pipeline && shift.week === firstPrimary.week,
      );
      expect(backup, `${joiner.id}'s first primary week ${firstPrimary.week} has no backup`).toBeDefined();
      expect(people.get(backup!.person)!.level).toBe('senior');
    }
  }
  // Spread over the primaries: nobody is shadowed more than twice as often as an even share, plus one.
  const counts = [...shadowed.values()];
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (counts.length) expect(Math.max(...counts)).toBeLessThanOrEqual(Math.ceil((2 * total) / counts.length) + 1);
}

describe('shadow weeks on 40 seeded random rosters', () => {
  it('stand beside a primary, obey the hard rules, all come before the first shift, and a senior backs the first primary week', () => {
    let joinersWithShadows = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { r, pipelines, shadowWeeks } = randomRoster(seed);
      const s = schedule(r, pipelines, 26);
      checkShadows(s, r, shadowWeeks);
      joinersWithShadows += new Set(s.shifts.filter((shift) => shift.role === 'shadow').map((shift) => shift.person))
        .size;
    }
    // The rosters exercise the rule: many joiners shadow.
    expect(joinersWithShadows).toBeGreaterThan(15);
  });
});
