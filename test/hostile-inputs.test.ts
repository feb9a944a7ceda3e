/**
 * The inputs that once ran for minutes (SECURITY.md, "Bounded work"): each gives its answer. How fast is
 * `npm run bench`'s business (part 7 times each against one second, with peak memory); here the built CLI
 * runs each with the usual hang guard, and the work each can cost is bounded by the code, not by the clock:
 * no backtracking pattern on file text, dates range-checked (1970–2199), plans cut at ten years.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the bench's generator is plain JavaScript, shared with npm run bench.
import { hostileInputs } from '../bench/generate.mjs';

interface HostileInput {
  label: string;
  args: string[];
  cwd: string;
  expectCode: number;
  before?: () => void;
}

const rows = hostileInputs(mkdtempSync(join(tmpdir(), 'runbook-hostile-'))) as HostileInput[];

describe('inputs that once ran for minutes', () => {
  it.each(rows.map((row) => [row.label, row] as const))('%s: answers with the expected exit code', (_, row) => {
    row.before?.();
    const result = spawnSync(process.execPath, row.args, {
      cwd: row.cwd,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(row.cwd, '.cache') },
    });
    expect(result.status, result.stderr).toBe(row.expectCode);
    // An answer, not a crash: no stack trace, and an exit 2 says why in one line.
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (row.expectCode === 2) expect(result.stderr).toMatch(/^runbook: .+\n$/);
  });
});
