/** The lint corpus: every broken file's one fault is found at its recorded line; valid variants give nothing. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, expandPaths } from '../src/lint/lint.js';
import { dateHolidaysCatalog } from '../src/load/holidays.js';

const CORPUS = new URL('./fixtures/lint/', import.meta.url).pathname;
const holidays = dateHolidaysCatalog();

/** A folder with the valid base roster and pipeline, plus `name` copied in as `as`. */
function withBase(file: string, as: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-lint-'));
  for (const base of readdirSync(join(CORPUS, 'base'))) copyFileSync(join(CORPUS, 'base', base), join(dir, base));
  writeFileSync(join(dir, as), readFileSync(file));
  return dir;
}

function lintFolder(dir: string) {
  return lintFiles(expandPaths([dir], dir), dir, { holidays });
}

interface Expectation {
  rule: string;
  line: number;
  file?: string;
  as?: string;
}

function expectationOf(text: string): Expectation {
  const expect = /^# expect: (\S+) at line (\d+)$/m.exec(text);
  if (!expect) throw new Error('a broken fixture must start with "# expect: <rule> at line <n>"');
  return {
    rule: expect[1]!,
    line: Number(expect[2]),
    as: /^# as: (\S+)$/m.exec(text)?.[1],
    file: /^# expect-file: (\S+)$/m.exec(text)?.[1],
  };
}

const broken = readdirSync(join(CORPUS, 'broken')).sort();

describe('lint corpus', () => {
  it('has at least 30 broken files', () => expect(broken.length).toBeGreaterThanOrEqual(30));

  it.each(broken)('%s: the one fault is found at its line', async (name) => {
    const path = join(CORPUS, 'broken', name);
    const expected = expectationOf(readFileSync(path, 'utf8'));
    const as = expected.as ?? name;
    const report = await lintFolder(withBase(path, as));
    expect(report.problems.map(({ file, line, rule }) => ({ file, line, rule }))).toEqual([
      { file: expected.file ?? as, line: expected.line, rule: expected.rule },
    ]);
    expect(report.problems[0]!.column).toBeGreaterThanOrEqual(1);
  });

  it.each(readdirSync(join(CORPUS, 'valid')).sort())('%s: a valid variant gives no problems', async (name) => {
    expect((await lintFolder(withBase(join(CORPUS, 'valid', name), name))).problems).toEqual([]);
  });

  it('the base folder on its own is clean', async () => {
    expect(await lintFolder(join(CORPUS, 'base'))).toEqual({ files: 2, errors: 0, warnings: 0, problems: [] });
  });
});
