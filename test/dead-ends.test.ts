/** The answers at the dead ends of a night on call: what used to print nothing, or the wrong thing. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, runInProcess } from './helpers/run.js';

function shippedCopy() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-dead-ends-'));
  const dir = join(root, 'runbooks');
  cpSync(join(PROJECT, 'runbooks'), dir, { recursive: true });
  const runbook = (...args: string[]) =>
    runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: new Date('2026-11-27T12:00:00Z') });
  return { root, dir, runbook };
}

describe('dead ends', () => {
  it('the escalation path names a primary only when there is one (a month-end pipeline between its weeks)', async () => {
    const { runbook } = shippedCopy();
    const show = await runbook('show', 'aggregated', '--at', '2027-01-13T12:00');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/On call now: no shift this week \(month-end weeks only\)/);
    expect(show.stdout).toMatch(/1\. On-call engineer: none now \(no shift this week\): raise it with the owners/);
    expect(show.stdout).not.toMatch(/this week's primary|Senior backup/);
    // In its month-end week the path names them.
    const monthEnd = await runbook('show', 'aggregated', '--at', '2027-01-27T12:00');
    expect(monthEnd.stdout).toMatch(
      /1\. On-call engineer: \w+ Example (\([^)]*\) )?<\w+@example\.com>,\s+this\s+week's\s+primary/,
    );
  });

  it('sla check on observations of a pipeline whose file has errors names that file', async () => {
    const { root, dir, runbook } = shippedCopy();
    writeFileSync(
      join(dir, 'growth.yaml'),
      readFileSync(join(dir, 'growth.yaml'), 'utf8').replace('name: Growth', 'nme: Growth'),
    );
    writeFileSync(join(root, 'observed.yaml'), 'growth:\n  statuses: 2027-02-05T15:00:00Z\n');
    const check = await runbook('sla', 'check', '-i', 'observed.yaml', '--at', '2027-02-10T12:00:00Z');
    expect(check).toMatchObject({ code: 2, stdout: '' });
    expect(check.stderr).toMatch(
      /^runbook: observed\.yaml:1:1: error: pipeline "growth" is in runbooks\/growth\.yaml, which has errors: fix them first/,
    );
  });

  it('global options before help do not change which help is shown', async () => {
    const { runbook } = shippedCopy();
    const help = await runbook('help', 'sla', 'check');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: runbook sla check \[options\]/);
  });

  it('override list marks the ended overrides; prune removes those the lock recorded and keeps the others', async () => {
    const { dir, root } = shippedCopy();
    const at =
      (now: string) =>
      (...args: string[]) =>
        runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: new Date(now) });
    const before = at('2026-11-27T12:00:00Z');
    expect((await before('rotate', '--weeks', '4', '--start', '2026-11-30', '--publish')).code).toBe(0);
    // Chloe holds the engagement primary in the week of 2026-12-07; Ana covers the Tuesday, then Ben the Thursday.
    for (const [from, to, person] of [
      ['2026-12-08', '2026-12-09', 'ana'],
      ['2026-12-10', '2026-12-11', 'ben'],
    ] as const)
      expect(
        (
          await before(
            'override',
            'add',
            '-p',
            'engagement',
            '--from',
            from,
            '--to',
            to,
            '--person',
            person,
            '--reason',
            'x',
          )
        ).code,
      ).toBe(0);
    // Only the first is published before the week ends.
    writeFileSync(
      join(dir, 'overrides.yaml'),
      readFileSync(join(dir, 'overrides.yaml'), 'utf8').replace(/^- .*ben.*\n/m, ''),
    );
    expect((await before('rotate', '--weeks', '4', '--start', '2026-11-30', '--publish')).code).toBe(0);
    expect(
      (
        await before(
          'override',
          'add',
          '-p',
          'engagement',
          '--from',
          '2026-12-10',
          '--to',
          '2026-12-11',
          '--person',
          'ben',
          '--reason',
          'x',
        )
      ).code,
    ).toBe(0);
    const after = at('2026-12-20T12:00:00Z');
    const list = JSON.parse((await after('override', 'list', '--json')).stdout) as { n: number; status: string }[];
    expect(list.map((row) => row.status)).toEqual(['ended', 'ended']);
    const prune = await after('override', 'prune', '--json');
    expect(prune.code, prune.stderr).toBe(0);
    expect(JSON.parse(prune.stdout)).toMatchObject({ removed: [1], kept: [2] });
    expect(prune.stderr).toMatch(/override 2 ended but the lock has not recorded it: kept/);
    expect(readFileSync(join(dir, 'overrides.yaml'), 'utf8')).toMatch(/person: ben/);
    expect(readFileSync(join(dir, 'overrides.yaml'), 'utf8')).not.toMatch(/person: ana/);
    // History is what was published: the week still shows Ana's Tuesday.
    const who = JSON.parse((await after('who', 'engagement', '--at', '2026-12-08T12:00', '--json')).stdout);
    expect(who).toMatchObject([{ primary: { id: 'ana' } }]);
  });
});
