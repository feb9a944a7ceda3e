/**
 * Every input or environment error is exit 2 with the path and the reason in words; exit 70 ("internal error")
 * is left for real bugs. Each case here was exit 70 once.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, PROJECT, runBin } from './helpers/run.js';

function project() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-exit-'));
  cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  writeFileSync(join(root, 'a-file'), 'not a folder\n');
  return root;
}

/** A folder this process cannot write in: one made read-only, or (as root, who writes anywhere) /sys. */
function readOnlyFolder(): string {
  if (process.getuid?.() === 0) return '/sys';
  const folder = mkdtempSync(join(tmpdir(), 'runbook-ro-'));
  chmodSync(folder, 0o555);
  return folder;
}

const SEED = join(PROJECT, 'seeds', 'data-pipeline-runbooks.md');

describe('input and environment errors are exit 2, with the path and the reason', () => {
  it.each([
    ['docs -o <a file>', ['docs', '-o', 'a-file'], /cannot create the folder .*a-file: a file is in its place/],
    ['docs -o <below a file>', ['docs', '-o', 'a-file/handbook'], /a-file is a file, not a folder/],
    [
      'import -o <a file>',
      ['import', SEED, '-o', 'a-file'],
      /cannot create the folder .*a-file: a file is in its place/,
    ],
    [
      'init <a file>',
      ['init', 'a-file'],
      /cannot create the folder .*a-file\/runbooks: .*a-file is a file, not a folder/,
    ],
    [
      'docs -o <a read-only folder>',
      ['docs', '-o', join(readOnlyFolder(), 'handbook')],
      /cannot create the folder .*handbook: /,
    ],
    ['init <a read-only folder>', ['init', join(readOnlyFolder(), 'demo')], /cannot create the folder .*demo: /],
    [
      'rotate -o <a missing folder>',
      ['rotate', '--weeks', '1', '-o', 'missing/oncall.ics'],
      /cannot write .*oncall\.ics: the folder it goes in does not exist/,
    ],
    [
      'sla check -i <a folder>',
      ['sla', 'check', '-i', 'runbooks'],
      /runbooks:1:1: error: this is a folder, not a file/,
    ],
    ['import <a folder>', ['import', 'runbooks', '-o', 'out'], /runbooks.*(folder|not a file)/],
    [
      'lint <a missing path>',
      ['lint', 'no/such/file.yaml'],
      /cannot lint no\/such\/file\.yaml: no such file or folder/,
    ],
  ])('%s', (_, args, message) => {
    const result = runBin(args, { cwd: project() });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^runbook: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  it('init where runbooks is a file', () => {
    const root = project();
    const demo = join(root, 'demo');
    mkdirSync(demo);
    writeFileSync(join(demo, 'runbooks'), 'a file');
    const result = runBin(['init', 'demo'], { cwd: root });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/cannot create the folder .*demo\/runbooks: a file is in its place/);
  });

  it('override add where overrides.yaml is a folder', () => {
    const root = project();
    mkdirSync(join(root, 'runbooks', 'overrides.yaml'));
    const result = runBin(
      [
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
        'x',
      ],
      { cwd: root },
    );
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/overrides\.yaml.*this is a folder, not a file/);
  });

  it('a SOURCE_DATE_EPOCH past the years runbook works with', () => {
    const result = runBin(['rotate', '--weeks', '1'], {
      cwd: project(),
      env: { SOURCE_DATE_EPOCH: '99999999999999999' },
    });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/SOURCE_DATE_EPOCH must be whole seconds since 1970, up to the end of 2199/);
  });

  it('standard output on a full device (list > /dev/full)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'list'], {
        cwd: project(),
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('runbook: cannot write to standard output: no space left on the device\n');
    } finally {
      closeSync(full);
    }
  });
});
