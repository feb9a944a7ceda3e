/**
 * A rotation lived with (docs/state-files.md): published weeks that keep their people, overrides and swaps,
 * `--diff` in review, and calendars that a client re-imports cleanly (checked against what khal held).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, runInProcess } from './helpers/run.js';

const PINNED = { SOURCE_DATE_EPOCH: '1790000000' };

/** A copy of the shipped runbooks to edit, and the CLI run in it. */
function shippedCopy() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-living-'));
  const dir = join(root, 'runbooks');
  cpSync(join(PROJECT, 'runbooks'), dir, { recursive: true });
  const runbook = (...args: string[]) =>
    runInProcess(['--dir', 'runbooks', ...args], { cwd: root, env: PINNED, now: new Date('2026-11-27T12:00:00Z') });
  const edit = (name: string, change: (text: string) => string) =>
    writeFileSync(join(dir, name), change(readFileSync(join(dir, name), 'utf8')));
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return { root, dir, runbook, edit, read };
}

/** Isla books two weeks away from 2027-02-08 (she holds the published profit primary that week). */
const islaAway = (roster: string) => {
  const at = roster.indexOf('  - id: jonas');
  return `${roster.slice(0, at).trimEnd()}\n    away:\n      - { from: 2027-02-08, to: 2027-02-21, reason: ski trip }\n${roster.slice(at)}`;
};

interface Shift {
  pipeline: string;
  role: string;
  person: string;
  start: string;
  end: string;
  override?: { covers: string; reason: string };
}
const shifts = (stdout: string) => (JSON.parse(stdout) as { shifts: Shift[] }).shifts;
const key = (shift: Shift) => `${shift.pipeline} ${shift.role} ${shift.start}`;

interface Event {
  uid: string;
  sequence: number;
  status: string | null;
  start: string;
  end: string;
  summary: string;
  description: string;
}
function events(ics: string): Event[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      summary: event.summary,
      description: event.description,
    };
  });
}

describe('publishing, then a roster edit (docs/state-files.md)', () => {
  const story = shippedCopy();
  let before: Shift[];
  beforeAll(async () => {
    expect((await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30', '--publish')).code).toBe(0);
    before = shifts(
      (await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30', '--format', 'json')).stdout,
    );
  });

  it('records every shift of the weeks, one line each, and lints clean', async () => {
    const lock = story.read('rotation.lock.yaml');
    expect(lock).toMatch(
      /^ {2}- \{ week: 2027-02-08, pipeline: profit, role: primary, person: isla, revision: 0, sum: \w+ \}$/m,
    );
    expect(lock.match(/^ {2}- \{ week: .*, role: /gm)).toHaveLength(before.length);
    // Every handover meeting too, one a line: what calendars must go on carrying.
    expect(lock.match(/^ {2}- \{ week: .*, attendees: /gm)!.length).toBeGreaterThan(0);
    expect((await story.runbook('lint')).code).toBe(0);
    const diff = await story.runbook('rotate', '--diff', '--json');
    expect(JSON.parse(diff.stdout)).toEqual({ lock: 'runbooks/rotation.lock.yaml', changes: [] });
  });

  it('repairs only the shifts an away range breaks: --diff names each with its replacement and reason', async () => {
    story.edit('roster.yaml', islaAway);
    const diff = await story.runbook('rotate', '--diff', '--json');
    expect(diff.code).toBe(0);
    const { changes } = JSON.parse(diff.stdout) as { changes: Record<string, unknown>[] };
    // Isla's published shifts in those two weeks: just the profit primary of 2027-02-08.
    const hers = before.filter(
      (shift) => shift.person === 'isla' && shift.start >= '2027-02-08' && shift.start < '2027-02-22',
    );
    expect(hers.map((shift) => `${shift.pipeline} ${shift.role}`)).toEqual(['profit primary']);
    expect(changes).toEqual([
      {
        week: '2027-02-08',
        pipeline: 'profit',
        role: 'primary',
        before: 'isla',
        after: 'jonas',
        reason: 'isla away 2027-02-08 to 2027-02-21 (ski trip)',
      },
    ]);
    const after = shifts(
      (await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30', '--format', 'json')).stdout,
    );
    const was = new Map(before.map((shift) => [key(shift), shift.person]));
    const differ = after.filter((shift) => was.get(key(shift)) !== shift.person).map(key);
    expect(differ).toEqual(['profit primary 2027-02-08T10:00:00.000Z']);
    expect(after).toHaveLength(before.length);
  });

  it('lint says the lock needs publishing again, at the shift’s line; --publish records it with a higher revision', async () => {
    const lint = await story.runbook('lint', '--format', 'json');
    expect(lint.code).toBe(1);
    const lock = story.read('rotation.lock.yaml').split('\n');
    const line = lock.findIndex((text) => text.includes('week: 2027-02-08, pipeline: profit, role: primary')) + 1;
    expect(JSON.parse(lint.stdout).problems).toMatchObject([
      { file: 'runbooks/rotation.lock.yaml', line, rule: 'lock-repair', severity: 'error' },
    ]);
    const calendar = async () =>
      events((await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30')).stdout);
    const pending = (await calendar()).find((event) => event.uid === 'profit-primary-2027-02-08@runbook')!;
    expect(pending.sequence).toBe(1);
    expect((await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30', '--publish')).code).toBe(0);
    // Isla's published event is remembered as hers: her own calendar goes on cancelling it.
    expect(story.read('rotation.lock.yaml')).toMatch(
      /^ {2}- \{ week: 2027-02-08, pipeline: profit, role: primary, person: jonas, revision: 1, retired: \[\{ from: 2027-02-08T10:00:00Z, to: 2027-02-15T10:00:00Z, person: isla \}\], sum: \w+ \}$/m,
    );
    const published = await calendar();
    expect(published.find((event) => event.uid === 'profit-primary-2027-02-08@runbook')).toMatchObject({
      sequence: 1,
      summary: expect.stringContaining('Jonas Example'),
    });
    expect(
      published
        .filter((event) => event.uid.includes('-primary-') || event.uid.includes('-backup-'))
        .filter((event) => event.uid !== 'profit-primary-2027-02-08@runbook')
        .every((event) => event.sequence === 0),
    ).toBe(true);
    expect((await story.runbook('lint')).code).toBe(0);
  });

  it('a pipeline taken out of the rotation: its published shifts come back CANCELLED, with a higher SEQUENCE', async () => {
    story.edit('aggregated.yaml', (text) =>
      text.replace(
        '  mode: rotation\n  team: Data Engineering Team\n  weeks: last-of-month\n',
        '  mode: business-hours\n',
      ),
    );
    const calendar = events((await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30')).stdout);
    const cancelled = calendar.filter((event) => event.status === 'CANCELLED');
    const published = before.filter((shift) => shift.pipeline === 'aggregated');
    expect(cancelled.map((event) => event.start).sort()).toEqual(published.map((shift) => shift.start).sort());
    // Higher than published (0): one for its own change, one more where the other role of its week was published
    // too (the event names it).
    expect(cancelled.every((event) => event.uid.startsWith('aggregated-') && event.sequence >= 1)).toBe(true);
    // Publishing records them as cancelled: later calendars go on cancelling them, at the same SEQUENCE.
    await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30', '--publish');
    expect(story.read('rotation.lock.yaml')).toMatch(
      /pipeline: aggregated, role: primary, person: \w+, revision: 1, cancelled: true/,
    );
    const again = events((await story.runbook('rotate', '--weeks', '26', '--start', '2026-11-30')).stdout);
    expect(again.filter((event) => event.status === 'CANCELLED').map((event) => [event.uid, event.sequence])).toEqual(
      cancelled.map((event) => [event.uid, event.sequence]),
    );
  });
});

describe('lint of the lock', () => {
  it('names a week, pipeline or person the lock holds that does not exist, at the value', async () => {
    const story = shippedCopy();
    await story.runbook('rotate', '--weeks', '2', '--start', '2026-11-30', '--publish');
    story.edit('rotation.lock.yaml', (text) =>
      text.replace(
        'meetings:\n',
        '  - { week: 2026-12-02, pipeline: nope, role: primary, person: zed, revision: 0 }\nmeetings:\n',
      ),
    );
    const line =
      story
        .read('rotation.lock.yaml')
        .split('\n')
        .findIndex((text) => text.includes('pipeline: nope')) + 1;
    const lint = await story.runbook('lint', '--format', 'json');
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout).problems).toMatchObject([
      {
        line,
        column: 13,
        rule: 'lock-entry',
        message: expect.stringContaining('2026-12-02 is not the first day of a rotation week'),
      },
      { line, rule: 'lock-entry', message: 'no pipeline "nope" in the runbooks folder' },
      { line, rule: 'lock-entry', message: 'no person "zed" in the roster' },
    ]);
    // No command acts on an entry lint refuses without saying so: it is left out, with its line.
    const who = await story.runbook('who');
    expect(who.code).toBe(0);
    expect(who.stderr).toBe(
      `runbook: runbooks/rotation.lock.yaml: published shift 6 (line ${line}) left out: it has errors (\`runbook lint runbooks/rotation.lock.yaml\` lists them)\n`,
    );
    // A second entry for a published shift is refused the same way, at its line.
    story.edit('rotation.lock.yaml', (text) => {
      const first = text.split('\n').find((entry) => entry.includes('week: 2026-12-07, pipeline: engagement'))!;
      return text.replace('meetings:\n', `${first.replace(/person: \w+/, 'person: ana')}\nmeetings:\n`);
    });
    const twice = JSON.parse((await story.runbook('lint', '--format', 'json')).stdout).problems as {
      message: string;
    }[];
    expect(twice.map((problem) => problem.message)).toContainEqual(
      expect.stringMatching(/^a second entry for the primary shift of engagement in the week of 2026-12-07/),
    );
    // A lock that cannot be read at all (git conflict markers) stops the on-call answers, and only them.
    story.edit('rotation.lock.yaml', (text) =>
      text.replace('shifts:\n', 'shifts:\n<<<<<<< HEAD\n=======\n>>>>>>> other\n'),
    );
    const conflicted = await story.runbook('who');
    expect(conflicted).toMatchObject({ code: 2, stdout: '' });
    expect(conflicted.stderr).toMatch(/^runbook: runbooks\/rotation\.lock\.yaml:7:1: error: unresolved merge conflict/);
    const lock = story.read('rotation.lock.yaml');
    const publish = await story.runbook('rotate', '--weeks', '2', '--start', '2026-11-30', '--publish');
    expect(publish).toMatchObject({ code: 2, stdout: '' });
    expect(story.read('rotation.lock.yaml')).toBe(lock);
    expect(JSON.parse((await story.runbook('lint', '--format', 'json')).stdout).problems).toMatchObject([
      { file: 'runbooks/rotation.lock.yaml', line: 7, rule: 'merge-conflict' },
    ]);
    const show = await story.runbook('show', 'growth');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Missing time-series data/);
    expect(show.stderr).toBe(
      'runbook: on-call unknown: runbooks/rotation.lock.yaml has errors (line 7: unresolved merge conflict (a <<<<<<< line): keep one side, then publish again (`runbook rotate --weeks N --publish`)); `runbook lint` lists the errors\n',
    );
  });
});

describe('overrides and swaps (docs/state-files.md)', () => {
  const story = shippedCopy();
  const week = ['--weeks', '1', '--start', '2027-03-01'];
  beforeAll(async () => {
    // Emma holds the engagement primary in the week of 2027-03-01, Dev nothing.
    const planned = shifts((await story.runbook('rotate', ...week, '--format', 'json')).stdout);
    expect(
      planned.filter((shift) => shift.pipeline === 'engagement').map((shift) => `${shift.role} ${shift.person}`),
    ).toEqual(['primary emma', 'backup ben']);
    writeFileSync(join(story.dir, 'overrides.yaml'), '# Agreed in the team channel.\n[]\n');
  });

  it('Tue–Thu cover: who names the cover on Wednesday, the calendar shows the week in three parts, the report credits it', async () => {
    const add = await story.runbook(
      'override',
      'add',
      '--pipeline',
      'engagement',
      '--from',
      '2027-03-02',
      '--to',
      '2027-03-05',
      '--person',
      'Dev',
      '--reason',
      'emma at a conference',
    );
    expect(add.code).toBe(0);
    // The cover breaks two goals the plan kept, and says so (the report counts the time too).
    expect(add.stderr).toBe(
      'runbook: warning: Data Engineering Team: primary shifts now range from 2 (chloe, grace) to 3.43 (dev) from the week of 2026-11-30 to that of 2027-03-01; the plan keeps them within one (override 1)\n' +
        'runbook: warning: dev is on call in the weeks of 2027-02-22 and 2027-03-01, back to back; the plan avoids it (override 1)\n',
    );
    expect(story.read('overrides.yaml')).toBe(
      '# Agreed in the team channel.\n- { pipeline: engagement, role: primary, from: 2027-03-02, to: 2027-03-05, person: dev, reason: emma at a conference }\n',
    );
    const who = await story.runbook('who', 'engagement', '--at', '2027-03-03T12:00', '--json');
    expect(JSON.parse(who.stdout)).toMatchObject([
      { pipeline: 'engagement', primary: { id: 'dev' }, covering: { for: 'emma', reason: 'emma at a conference' } },
    ]);
    expect(
      JSON.parse((await story.runbook('who', 'engagement', '--at', '2027-03-05T12:00', '--json')).stdout),
    ).toMatchObject([{ primary: { id: 'emma' } }]);
    const calendar = events((await story.runbook('rotate', ...week, '--pipeline', 'engagement')).stdout).filter(
      (event) => event.uid.includes('-primary-'),
    );
    expect(calendar.map((event) => [event.start, event.end, event.summary.replace(/ \(.*/, '')])).toEqual([
      ['2027-03-01T10:00:00.000Z', '2027-03-02T00:00:00.000Z', 'Engagement on call, primary: Emma Example'],
      ['2027-03-02T00:00:00.000Z', '2027-03-05T00:00:00.000Z', 'Engagement on call, primary: Dev Example'],
      ['2027-03-05T00:00:00.000Z', '2027-03-08T10:00:00.000Z', 'Engagement on call, primary: Emma Example'],
    ]);
    expect(calendar[1]!.description).toContain('covering for Emma Example: emma at a conference');
    const json = JSON.parse((await story.runbook('rotate', ...week, '--format', 'json')).stdout) as {
      report: { person: string; primary: number }[];
    };
    const credit = Object.fromEntries(json.report.map((entry) => [entry.person, entry.primary]));
    // 3 of the week's 7 days (72 of 168 hours) to Dev, the rest to Emma.
    expect([credit.dev, credit.emma]).toEqual([0.43, 0.57]);
    expect((await story.runbook('lint')).code).toBe(0);
  });

  it('swap writes two overrides; a swap or override that breaks a rule is refused and leaves the file as it was', async () => {
    const swap = await story.runbook('swap', 'grace', 'farid', '--week', '2027-03-08', '--week', '2027-03-15');
    expect(swap.code, swap.stderr).toBe(0);
    const list = JSON.parse((await story.runbook('override', 'list', '--json')).stdout) as Record<string, unknown>[];
    expect(list.slice(1)).toMatchObject([
      { n: 2, pipeline: 'engagement', person: 'farid', status: 'in force' },
      { n: 3, pipeline: 'engagement', person: 'grace', status: 'in force' },
    ]);
    const file = story.read('overrides.yaml');
    // Ben's next engagement shift is a backup: Farid, a junior, cannot take it.
    const refused = await story.runbook('swap', 'hugo', 'ben', '--week', '2027-03-22');
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(
      /^runbook: nothing written: .*a junior primary needs one|^runbook: nothing written: .*holds another shift/,
    );
    const junior = await story.runbook(
      'override',
      'add',
      '-p',
      'engagement',
      '--role',
      'backup',
      '--from',
      '2027-03-09',
      '--to',
      '2027-03-10',
      '--person',
      'hugo',
      '--reason',
      'x',
    );
    expect(junior).toMatchObject({ code: 2, stdout: '' });
    expect(junior.stderr).toBe(
      'runbook: nothing written: hugo cannot cover engagement backup in the week of 2027-03-08: hugo is a junior: a backup is a senior (the rule that pairs juniors with seniors)\n',
    );
    story.edit('roster.yaml', (roster) => {
      const at = roster.indexOf('  - id: emma');
      // Dev is the person listed before Emma.
      return `${roster.slice(0, at).trimEnd()}\n    away:\n      - { from: 2027-03-15, to: 2027-03-19 }\n${roster.slice(at)}`;
    });
    const away = await story.runbook(
      'override',
      'add',
      '-p',
      'engagement',
      '--from',
      '2027-03-16',
      '--to',
      '2027-03-17',
      '--person',
      'dev',
      '--reason',
      'x',
    );
    expect(away.code).toBe(2);
    expect(away.stderr).toContain('dev away 2027-03-15 to 2027-03-19');
    expect(story.read('overrides.yaml')).toBe(file);
  });

  it('a hand-written override naming someone away: lint exit 1 at its line; commands leave it out and say so', async () => {
    story.edit(
      'overrides.yaml',
      (text) =>
        `${text}# added by hand\n- { pipeline: engagement, role: primary, from: 2027-03-16, to: 2027-03-18, person: dev, reason: by hand }\n`,
    );
    const line =
      story
        .read('overrides.yaml')
        .split('\n')
        .findIndex((text) => text.includes('reason: by hand')) + 1;
    const lint = await story.runbook('lint', '--format', 'json');
    expect(lint.code).toBe(1);
    const problems = JSON.parse(lint.stdout).problems as { severity: string }[];
    expect(problems.filter((problem) => problem.severity === 'error')).toMatchObject([
      {
        file: 'runbooks/overrides.yaml',
        line,
        rule: 'override-rule',
        message: expect.stringContaining('dev away 2027-03-15'),
      },
    ]);
    const who = await story.runbook('who', 'engagement', '--at', '2027-03-17T12:00');
    expect(who.code).toBe(0);
    expect(who.stderr).toBe(
      'runbook: runbooks/overrides.yaml: override 4 left out: it breaks a hard rule (`runbook lint` says which)\n',
    );
  });

  it('remove takes one entry out (with the comment above it) and keeps the others as written', async () => {
    const text = story.read('overrides.yaml');
    expect((await story.runbook('override', 'remove', '4')).code).toBe(0);
    expect(story.read('overrides.yaml')).toBe(
      text.replace(/# added by hand\n- \{ pipeline: engagement, role: primary, from: 2027-03-16.*\n/, ''),
    );
    expect(story.read('overrides.yaml')).toMatch(/^# Agreed in the team channel\.\n- \{ pipeline: engagement,/);
    const missing = await story.runbook('override', 'remove', '9');
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no override 9 in runbooks/overrides.yaml'),
    });
  });
});
