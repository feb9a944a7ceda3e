/**
 * State files read entry by entry (docs/state-files.md, "When a file is broken"): a broken entry is left out
 * with its line and the others apply; a write never carries a broken state file forward; `--diff` lists exactly
 * what the next `--publish` records.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, runInProcess } from './helpers/run.js';

function shippedCopy() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-state-'));
  const dir = join(root, 'runbooks');
  cpSync(join(PROJECT, 'runbooks'), dir, { recursive: true });
  const runbook = (...args: string[]) =>
    runInProcess(['--dir', 'runbooks', ...args], {
      cwd: root,
      env: { SOURCE_DATE_EPOCH: '1790000000' },
      now: new Date('2026-11-27T12:00:00Z'),
    });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  return { root, dir, runbook, read, write };
}

describe('a typo in one override', () => {
  it('leaves out that entry only: who honours the others, publish refuses with the lock unchanged, lint names its line', async () => {
    const story = shippedCopy();
    expect((await story.runbook('rotate', '--weeks', '16', '--start', '2026-11-30', '--publish')).code).toBe(0);
    const lock = story.read('rotation.lock.yaml');
    // Two covers agreed in the team; the second written by hand with `form:` for `from:`.
    story.write(
      'overrides.yaml',
      [
        '- { pipeline: engagement, role: primary, from: 2027-03-02, to: 2027-03-05, person: ana, reason: emma at a conference }',
        '- { pipeline: profit, role: primary, form: 2027-03-09, to: 2027-03-11, person: jonas, reason: lena away }',
        '',
      ].join('\n'),
    );
    const who = await story.runbook('who', 'engagement', '--at', '2027-03-03T12:00', '--json');
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject([
      { pipeline: 'engagement', primary: { id: 'ana' }, covering: { reason: 'emma at a conference' } },
    ]);
    expect(who.stderr).toBe(
      'runbook: runbooks/overrides.yaml: override 2 (line 2) left out: it has errors (`runbook lint runbooks/overrides.yaml` lists them)\n',
    );
    const publish = await story.runbook('rotate', '--weeks', '16', '--start', '2026-11-30', '--publish');
    expect(publish).toMatchObject({ code: 2, stdout: '' });
    expect(publish.stderr).toMatch(
      /^runbook: nothing written: runbooks\/overrides\.yaml has errors, and writing would carry them forward or drop what they hold; fix it first \(runbooks\/overrides\.yaml:2:\d+: error: unknown key `\[1\]\.form`: did you mean `from`\?/,
    );
    expect(story.read('rotation.lock.yaml')).toBe(lock);
    const lint = JSON.parse((await story.runbook('lint', '--format', 'json')).stdout) as {
      problems: { file: string; line: number; rule: string; severity: string }[];
    };
    const errors = lint.problems.filter((problem) => problem.severity === 'error');
    expect(errors.filter((problem) => problem.file === 'runbooks/overrides.yaml')).toMatchObject([
      { line: 2, rule: 'schema-unknown-key' },
    ]);
    // override list shows it too, with its line and why; removing it is how it is fixed.
    const list = JSON.parse((await story.runbook('override', 'list', '--json')).stdout) as {
      n: number;
      status: string;
    }[];
    expect(list.map((row) => [row.n, row.status.replace(/:.*/, '')])).toEqual([
      [1, 'in force'],
      [2, 'left out (line 2)'],
    ]);
    expect((await story.runbook('override', 'remove', '2')).code).toBe(0);
    expect((await story.runbook('rotate', '--weeks', '16', '--start', '2026-11-30', '--publish')).code).toBe(0);
  });

  it('a cover that applies to nothing (a misspelt pipeline) stops the writes until it has ended; lint names its line', async () => {
    const story = shippedCopy();
    expect((await story.runbook('rotate', '--weeks', '16', '--start', '2026-11-30', '--publish')).code).toBe(0);
    const lock = story.read('rotation.lock.yaml');
    story.write(
      'overrides.yaml',
      '- { pipeline: engagment, role: primary, from: 2027-03-02, to: 2027-03-05, person: ana, reason: emma at a conference }\n',
    );
    const publish = await story.runbook('rotate', '--weeks', '16', '--start', '2026-11-30', '--publish');
    expect(publish).toMatchObject({ code: 2, stdout: '' });
    expect(publish.stderr).toBe(
      'runbook: nothing written: runbooks/overrides.yaml: override 1 (engagment primary, 2027-03-02 to 2027-03-05) names no pipeline in the rotation, so the cover it records would be lost; fix it or remove it first (`runbook override list`, `runbook lint`)\n',
    );
    expect(story.read('rotation.lock.yaml')).toBe(lock);
    const add = await story.runbook(
      ...['override', 'add', '-p', 'profit', '--from', '2027-03-09', '--to', '2027-03-10', '--person', 'jonas'],
      ...['--reason', 'x'],
    );
    expect(add.code).toBe(2);
    expect(add.stderr).toContain('override 1 (engagment primary');
    // Ended overrides that applied to nothing are history: they stop nothing.
    const later = await story.runbook(
      ...['rotate', '--weeks', '20', '--start', '2026-11-30', '--publish', '--at', '2027-03-06T12:00'],
    );
    expect(later.code, later.stderr).toBe(0);
    const lint = JSON.parse((await story.runbook('lint', '--format', 'json')).stdout) as {
      problems: { file: string; line: number; rule: string }[];
    };
    expect(lint.problems.filter((problem) => problem.file === 'runbooks/overrides.yaml')).toMatchObject([
      { line: 1, rule: 'override-rule' },
    ]);
    // Every writer takes --at alike: as of a time after it ended, the broken cover stops none of them.
    for (const write of [
      [
        'override',
        'add',
        '-p',
        'profit',
        '--from',
        '2027-03-09',
        '--to',
        '2027-03-10',
        '--person',
        'jonas',
        '--reason',
        'x',
      ],
      ['swap', 'farid', 'hugo', '--week', '2027-03-15'],
      ['away', 'add', 'isla', '--from', '2027-04-05', '--to', '2027-04-06'],
      ['away', 'remove', 'isla', '1'],
    ]) {
      expect((await story.runbook(...write)).code, write.join(' ')).toBe(2);
      const done = await story.runbook(...write, '--at', '2027-03-06T12:00');
      expect(done.code, `${write.join(' ')}: ${done.stderr}`).toBe(0);
    }
    // As of a time past the weeks runbook plans, the write stands and only the fairness check after it is left out.
    const far = await story.runbook(
      ...['override', 'add', '-p', 'profit', '--from', '2027-03-23', '--to', '2027-03-24', '--person', 'lena'],
      ...['--reason', 'y', '--at', '2150-01-01'],
    );
    expect(far.code, far.stderr).toBe(0);
    expect(far.stdout).toMatch(/override \d+ added: lena covers profit primary/);
    expect(far.stderr).toMatch(/^runbook: fairness not checked: planning to the week of 2150-/);
  });

  it('an override that ends before it starts (or when it starts) is refused by lint at its line and applied by nothing', async () => {
    const story = shippedCopy();
    story.write(
      'overrides.yaml',
      '- { pipeline: engagement, role: primary, from: 2027-03-05, to: 2027-03-02, person: ben, reason: backwards }\n',
    );
    const lint = JSON.parse((await story.runbook('lint', '--format', 'json')).stdout) as {
      problems: { line: number; rule: string; message: string }[];
    };
    expect(lint.problems).toMatchObject([
      {
        line: 1,
        rule: 'override-range',
        message: expect.stringMatching(/^this override ends \(2027-03-02\) before it starts/),
      },
    ]);
    const who = await story.runbook('who', 'engagement', '--at', '2027-03-03T12:00', '--json');
    expect(JSON.parse(who.stdout)).toMatchObject([{ primary: { id: 'emma' } }]);
    expect(who.stderr).toMatch(/override 1 \(line 1\) left out/);
  });
});

describe('--diff lists what --publish records', () => {
  it('after an override on a published week, a roster edit and a hand edit of the lock: the same changes, counted alike', async () => {
    const story = shippedCopy();
    expect((await story.runbook('rotate', '--weeks', '16', '--start', '2026-11-30', '--publish')).code).toBe(0);
    expect(
      (
        await story.runbook(
          'override',
          'add',
          '-p',
          'engagement',
          '--from',
          '2027-03-02',
          '--to',
          '2027-03-05',
          '--person',
          'ana',
          '--reason',
          'emma at a conference',
        )
      ).code,
    ).toBe(0);
    // A company day on a handover Monday moves that week's meeting to the Friday before.
    story.write(
      'roster.yaml',
      story.read('roster.yaml').replace('extra: [2026-12-24]', 'extra: [2026-12-24, 2027-01-18]'),
    );
    // And someone edits a published shift by hand: its revision must rise all the same.
    story.write(
      'rotation.lock.yaml',
      story
        .read('rotation.lock.yaml')
        .replace(/(week: 2026-12-07, pipeline: profit, role: primary, person: )\w+/, '$1isla'),
    );
    const diff = JSON.parse((await story.runbook('rotate', '--diff', '--json')).stdout) as {
      changes: { week: string; pipeline: string; role: string; before: string; after: string; reason: string }[];
    };
    expect(diff.changes.map((change) => `${change.week} ${change.pipeline} ${change.role}`)).toEqual([
      '2026-12-07 profit primary',
      '2027-01-18 engagement handover',
      '2027-03-01 engagement primary',
    ]);
    expect(diff.changes[0]!.reason).toMatch(/edited by hand/);
    expect(diff.changes[2]).toMatchObject({ before: 'emma', after: 'emma>ana>emma' });
    const publish = JSON.parse(
      (await story.runbook('rotate', '--weeks', '16', '--start', '2026-11-30', '--publish', '--json')).stdout,
    ) as { changed: number; cancelled: number; changes: unknown[] };
    expect(publish.changed + publish.cancelled).toBe(diff.changes.length);
    expect(publish.changes).toEqual(diff.changes);
    expect(JSON.parse((await story.runbook('rotate', '--diff', '--json')).stdout).changes).toEqual([]);
    // The hand-edited shift's event went up a revision.
    expect(story.read('rotation.lock.yaml')).toMatch(
      /week: 2026-12-07, pipeline: profit, role: primary, person: isla, revision: 1,/,
    );
  });
});
