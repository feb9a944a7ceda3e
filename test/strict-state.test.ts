/** Hand-written state checked as strictly as it is read: lint reports each case at its line, no command applies it. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, runInProcess } from './helpers/run.js';

function shippedCopy() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-strict-'));
  const dir = join(root, 'runbooks');
  cpSync(join(PROJECT, 'runbooks'), dir, { recursive: true });
  const runbook = (...args: string[]) =>
    runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: new Date('2026-11-27T12:00:00Z') });
  const lint = async () =>
    (
      JSON.parse((await runbook('lint', '--format', 'json')).stdout) as {
        problems: { file: string; line: number; rule: string; message: string; severity: string }[];
      }
    ).problems.filter((problem) => problem.severity === 'error');
  const edit = (name: string, change: (text: string) => string) =>
    writeFileSync(join(dir, name), change(readFileSync(join(dir, name), 'utf8')));
  return { root, dir, runbook, lint, edit };
}

describe('hand-written state, strictly', () => {
  it('an override that ends when it starts: refused at its line, applied by nothing', async () => {
    const { dir, runbook, lint } = shippedCopy();
    writeFileSync(
      join(dir, 'overrides.yaml'),
      '- { pipeline: engagement, role: primary, from: 2027-03-03T12:00:00Z, to: 2027-03-03T12:00:00Z, person: ana, reason: zero }\n',
    );
    expect(await lint()).toMatchObject([
      {
        file: 'runbooks/overrides.yaml',
        line: 1,
        rule: 'override-range',
        message: expect.stringMatching(/ends \(.*\) when it starts/),
      },
    ]);
    const calendar = (await runbook('rotate', '--weeks', '1', '--start', '2027-03-01', '--format', 'json')).stdout;
    expect(JSON.parse(calendar).shifts.filter((shift: { person: string }) => shift.person === 'ana')).toEqual([]);
  });

  it('an empty overrides.yaml is an empty list, as the tool would write it', async () => {
    const { dir, lint } = shippedCopy();
    writeFileSync(join(dir, 'overrides.yaml'), '# nothing agreed yet\n');
    expect(await lint()).toEqual([]);
  });

  it('Overrides.yaml (another case) is refused by its name, not read as a second overrides file', async () => {
    const { dir, runbook, lint } = shippedCopy();
    writeFileSync(
      join(dir, 'Overrides.yaml'),
      '- { pipeline: engagement, role: primary, from: 2027-03-02, to: 2027-03-05, person: ana, reason: here }\n',
    );
    expect(await lint()).toMatchObject([
      {
        file: 'runbooks/Overrides.yaml',
        line: 1,
        rule: 'file-name',
        message: expect.stringMatching(/state files are named exactly overrides\.yaml/),
      },
    ]);
    const who = JSON.parse((await runbook('who', 'engagement', '--at', '2027-03-03T12:00', '--json')).stdout);
    expect(who).toMatchObject([{ primary: { id: 'emma' } }]);
  });

  it('zone names match exactly: Europe/london is refused with the spelling meant', async () => {
    const { edit, lint } = shippedCopy();
    edit('roster.yaml', (text) => text.replace('timezone: Europe/London', 'timezone: Europe/london'));
    expect(await lint()).toMatchObject([
      {
        rule: 'schema-value',
        message:
          '`timezone` "Europe/london" is not spelt as the zone is: write Europe/London (zone names match exactly)',
      },
    ]);
  });

  it('an impossible date is named as such', async () => {
    const { edit, lint } = shippedCopy();
    edit('roster.yaml', (text) => text.replace('extra: [2026-12-24]', 'extra: [2026-12-32, 2026-13-01, 2026-02-29]'));
    expect((await lint()).map((problem) => problem.message)).toEqual([
      '`holidays.extra[0]` "2026-12-32" is not a date: 2026-12 has no day 32',
      '`holidays.extra[1]` "2026-13-01" is not a date: there is no month 13',
      '`holidays.extra[2]` "2026-02-29" is not a date: 2026-02 has no day 29',
    ]);
  });

  it('--at takes a local time with seconds and milliseconds', async () => {
    const { runbook } = shippedCopy();
    const who = await runbook('who', '--at', '2027-01-13T12:00:00.250', '--json');
    expect(who.code).toBe(0);
  });
});
