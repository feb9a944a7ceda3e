/**
 * One sanitiser for every byte bound for a terminal or a CI log (SECURITY.md): a runbooks folder whose file
 * names and values carry ESC and OSC sequences, 8-bit CSI and C1 controls, bidirectional overrides, isolates
 * and marks, and line separators prints none of them raw, in any command or format, on stdout or stderr.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, runInProcess } from './helpers/run.js';

/** Everything that must never reach a terminal raw: C0 (but newline) and C1 controls, and display-changing marks. */
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

const NASTY = '\x1b]0;owned\x07\x1b[31mred\x9b2J\u202egnp.exe\u2066iso\u2069\u200f\u061c\u2028line\u2029para\x85';

function hostileFolder() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-hostile-text-'));
  const dir = join(root, 'runbooks');
  cpSync(join(PROJECT, 'runbooks'), dir, { recursive: true });
  // Values: a pipeline's name, an issue, a team contact, a person's name, an override's reason.
  const growth = readFileSync(join(dir, 'growth.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'growth.yaml'),
    growth.replace('name: Growth', `name: "Growth ${JSON.stringify(NASTY).slice(1, -1)}"`),
  );
  const roster = readFileSync(join(dir, 'roster.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'roster.yaml'),
    roster
      .replace('contact: "#data-eng"', `contact: "#data-eng ${JSON.stringify(NASTY).slice(1, -1)}"`)
      .replace('name: Ana Example', `name: "Ana ${JSON.stringify(NASTY).slice(1, -1)}"`)
      .replace(
        '  - Request access to the warehouse',
        `  - "Request ${JSON.stringify(NASTY).slice(1, -1)}"\n  - Request access to the warehouse`,
      ),
  );
  // A file name with an OSC sequence: an invalid pipeline, named in every "left out" line and lint report.
  writeFileSync(join(dir, `evil\x1b]0;owned\x07\u202e.yaml`), 'id: [broken\n');
  return root;
}

describe('no raw control or display-changing character reaches stdout or stderr', () => {
  const root = hostileFolder();
  const run = (...args: string[]) =>
    runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: new Date('2027-01-13T12:00:00Z') });
  it.each([
    ['list'],
    ['list', '--json'],
    ['show', 'growth'],
    ['show', 'engagement'],
    ['show', 'engagement', '--json'],
    ['show', 'engagement', 'late-click-data'],
    ['owners'],
    ['search', 'time', 'series'],
    ['sla'],
    ['who'],
    ['who', '--json'],
    ['lint'],
    ['lint', '--format', 'json'],
    ['lint', '--format', 'github'],
    ['lint', '--format', 'sarif'],
    ['rotate', '--weeks', '4', '--start', '2026-11-30'],
    ['rotate', '--weeks', '4', '--start', '2026-11-30', '--format', 'table', '--report'],
    ['rotate', '--weeks', '4', '--start', '2026-11-30', '--format', 'json'],
    ['rotate', '--weeks', '4', '--start', '2026-11-30', '--format', 'csv'],
    ['docs', '--person', 'hugo'],
    ['report', '--from', '2027-01-01', '--to', '2027-01-31'],
    ['report', '--from', '2027-01-01', '--to', '2027-01-31', '--format', 'csv'],
    ['show', `evil\x1b]0;owned\x07`],
  ])('runbook %s', async (...args) => {
    const result = await run(...args);
    expect(result.code, result.stderr).toBeLessThanOrEqual(2);
    for (const [where, text] of [
      ['stdout', result.stdout],
      ['stderr', result.stderr],
    ] as const) {
      const found = RAW.exec(text.replace(/\r\n/g, '\n'));
      expect(
        found &&
          `${where}: U+${found[0].charCodeAt(0).toString(16)} at ${found.index}: ${JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 10))}`,
      ).toBe(null);
    }
  });
});
