/** The small helpers every command leans on: atomic writes and `--at`. */
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAt } from '../src/time/at.js';
import { UsageError } from '../src/util/errors.js';
import { writeAtomically } from '../src/util/write.js';
import { pagerCommand } from '../src/terminal.js';
import stringWidth from 'string-width';
import { displayWidth } from '../src/util/width.js';
import { distrust } from '../src/util/trust.js';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';
import { runInProcess } from './helpers/run.js';

describe('writeAtomically', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-write-'));
    const path = join(dir, 'out.ics');
    writeFileSync(path, 'old');
    writeAtomically(path, 'new content');
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['out.ics']);
  });

  it('fails with the path and the reason, and writes nothing, when the folder does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-write-'));
    const path = join(dir, 'missing', 'out.ics');
    expect(() => writeAtomically(path, 'x')).toThrow(
      new UsageError(`cannot write ${path}: the folder it goes in does not exist`),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails on a folder in the way, removing its temporary file and leaving the folder as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-write-'));
    const path = join(dir, 'calendar');
    const inside = join(path, 'kept.txt');
    writeFileSync(join(dir, 'placeholder'), '');
    // A folder at the target: the rename fails after the temporary file was written.
    mkdirSync(path);
    writeFileSync(inside, 'kept');
    expect(() => writeAtomically(path, 'x')).toThrow(UsageError);
    expect(readdirSync(dir).sort()).toEqual(['calendar', 'placeholder']);
    expect(readFileSync(inside, 'utf8')).toBe('kept');
  });

  it('replaces a symbolic link at the target, never the file it points to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-write-'));
    const target = join(dir, 'elsewhere.txt');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(dir, 'out.ics'));
    writeAtomically(join(dir, 'out.ics'), 'calendar');
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(readFileSync(join(dir, 'out.ics'), 'utf8')).toBe('calendar');
  });
});

describe('cache trust', () => {
  it('distrusts a folder another user owns, one others can write, and a symbolic link; trusts its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-trust-'));
    expect(distrust(dir)).toBeUndefined();
    expect(distrust(join(dir, 'absent'))).toBeUndefined();
    chmodSync(dir, 0o777);
    expect(distrust(dir)).toBe('other users can write to it');
    chmodSync(dir, 0o700);
    symlinkSync(dir, join(dir, 'link'));
    expect(distrust(join(dir, 'link'))).toBe('it is a symbolic link');
    // Another user's folder: made so when the suite runs as root, else the root folder (root's).
    const other = process.getuid!() === 0 ? (chownSync(dir, 65534, 65534), dir) : '/';
    expect(distrust(other)).toMatch(/^it belongs to another user \(uid \d+\)$/);
  });
});

describe('parseAt', () => {
  const now = new Date('2026-11-27T15:00:00Z');

  it('is now when absent or "now"', () => {
    expect(parseAt(undefined, now, 'Europe/London')).toBe(now);
    expect(parseAt('now', now, 'Europe/London')).toBe(now);
  });

  it('reads a date as local midnight in the zone, and a timestamp with offset as written', () => {
    expect(parseAt('2026-07-01', now, 'Europe/London').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(parseAt('2026-07-01', now, 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(parseAt('2026-12-24T12:00:00+01:00', now, 'UTC').toISOString()).toBe('2026-12-24T11:00:00.000Z');
  });

  it('reads a local date and time in the zone, the first of a repeated hour and past a skipped one', () => {
    expect(parseAt('2026-12-24T12:00', now, 'Europe/London').toISOString()).toBe('2026-12-24T12:00:00.000Z');
    expect(parseAt('2026-07-01 09:30', now, 'Europe/London').toISOString()).toBe('2026-07-01T08:30:00.000Z');
    // 01:30 happens twice on 25 October in London: the first (BST); 01:30 on 29 March does not happen: 02:30 BST.
    expect(parseAt('2026-10-25T01:30', now, 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(parseAt('2026-03-29T01:30', now, 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(() => parseAt('2026-12-24T24:00', now, 'UTC')).toThrow('has the hour 24');
  });

  it('refuses a year outside 1970–2199, an impossible timestamp and text that is not a time', () => {
    expect(() => parseAt('2300-01-01', now, 'UTC')).toThrow('has the year 2300: runbook works with 1970 to 2199');
    expect(() => parseAt('2026-02-30T10:00:00Z', now, 'UTC')).toThrow(UsageError);
    expect(() => parseAt('tomorrow', now, 'UTC')).toThrow(
      '--at "tomorrow" is not a time: write a timestamp with offset like 2027-02-10T12:00:00Z, a local time like 2027-02-10T12:00, or a date like 2027-02-10',
    );
  });
});

describe('the pager', () => {
  it('is RUNBOOK_PAGER, then PAGER, else less; off with --no-pager, or a pager of "" or cat', () => {
    expect(pagerCommand({}, ['show', 'engagement'])).toBe('less');
    expect(pagerCommand({ PAGER: 'more' }, [])).toBe('more');
    expect(pagerCommand({ PAGER: 'more', RUNBOOK_PAGER: 'less -S' }, [])).toBe('less -S');
    expect(pagerCommand({ PAGER: 'less' }, ['show', 'engagement', '--no-pager'])).toBeUndefined();
    expect(pagerCommand({ PAGER: 'cat' }, [])).toBeUndefined();
    expect(pagerCommand({ RUNBOOK_PAGER: '', PAGER: 'less' }, [])).toBeUndefined();
  });
});

describe('display width', () => {
  it('lines up the columns of list with a CJK and an emoji pipeline name (two columns a character)', async () => {
    const { root, dir } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML, 'roster.yaml': ROSTER_YAML });
    const named = (id: string, name: string) =>
      PIPELINE_YAML.replace('id: clicks', `id: ${id}`)
        .replace(/^name: .*$/m, `name: "${name}"`)
        .replace(/^aliases: .*\n/m, '');
    writeFileSync(join(dir, 'shuju.yaml'), named('shuju', '数据管道'));
    writeFileSync(join(dir, 'rocket.yaml'), named('rocket', 'Clicks 🚀 launch'));
    const result = await runInProcess(['--dir', dir, 'list', '--at', '2027-01-13T12:00:00Z'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.trim().split('\n');
    // Where the owners column starts, in terminal columns: the same on every row.
    const starts = rows
      .filter((row) => row.includes(' Team'))
      .map((row) => displayWidth(row.slice(0, row.indexOf('Web Team'))));
    expect(starts).toHaveLength(3);
    expect(new Set(starts).size, result.stdout).toBe(1);
    expect(displayWidth('数据管道')).toBe(8);
    expect(displayWidth('🚀')).toBe(2);
  });

  it('agrees with string-width on scripts, emoji, flags, joined emoji and combining marks', () => {
    const samples = [
      'plain ASCII',
      'café',
      'cafe\u0301',
      'naïve résumé',
      '数据管道',
      'データパイプライン',
      '데이터 파이프라인',
      'Ｆｕｌｌｗｉｄｔｈ',
      'ｶﾀｶﾅ half-width',
      '🚀 launch',
      '👍🏽 thumbs',
      '👨‍👩‍👧 family',
      '🇬🇧 flag',
      '❤️ heart',
      'Ελληνικά',
      'Привет',
      'עברית',
      'مرحبا',
      'ไทย',
      'tab\there',
      'zero\u200bwidth',
      '→ arrow · dot — dash',
    ];
    for (const sample of samples) expect(displayWidth(sample), sample).toBe(stringWidth(sample));
    // Where they part, this follows wcwidth, as terminals draw: © and ™ (emoji only with a variation selector)
    // take one column, not two; Devanagari's spacing vowel signs take one each (string-width counts clusters).
    expect(displayWidth('© 2026 ™')).toBe(8);
    expect(displayWidth('हिन्दी')).toBe(5);
  });

  it('counts Latin letters, punctuation and arrows without the Unicode tables exactly as with them', () => {
    // A wide character before one forces the full reckoning (it adds two columns).
    const ranges: [number, number][] = [
      [0xa0, 0x2ff],
      [0x2000, 0x206f],
      [0x2190, 0x21ff],
    ];
    for (const [from, to] of ranges)
      for (let code = from; code <= to; code++) {
        const char = String.fromCodePoint(code);
        expect(displayWidth(char), code.toString(16)).toBe(displayWidth(`数${char}`) - 2);
        expect(displayWidth(`${char}\ufe0f`), code.toString(16)).toBe(displayWidth(`数${char}\ufe0f`) - 2);
      }
  });
});
