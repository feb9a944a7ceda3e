/** The look-up cache: the same bytes as a fresh read, never stale, however a file is replaced. */
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { Script } from 'node:vm';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';
import { PROJECT, runBin } from './helpers/run.js';
import { spawnSync } from 'node:child_process';

function setup(files: Record<string, string> = {}) {
  const { root, dir } = runbooksFolder({
    'clicks.yaml': PIPELINE_YAML,
    'roster.yaml': ROSTER_YAML.replace('timezone: Europe/London', 'timezone: Europe/London\nholidays: { country: GB }'),
    ...files,
  });
  const cache = mkdtempSync(join(tmpdir(), 'runbook-cache-test-'));
  const run = (...args: string[]) => runBin(args, { cwd: root, env: { XDG_CACHE_HOME: cache } });
  const all = () => readdirSync(join(cache, 'runbook')).filter((name) => name.endsWith('.json'));
  /** The main entries (each with its side file of per-file results, *.files.json). */
  const entries = () => all().filter((name) => name.endsWith('.json') && !name.endsWith('.files.json'));
  return { root, dir, cache, run, entries, all };
}

/** Gives `path` the size and times it had, as `cp -p`, `touch -r` or a tarball extraction would. */
function keepStat(path: string, stat: { atime: Date; mtime: Date }): void {
  utimesSync(path, stat.atime, stat.mtime);
}

const OBSERVED = 'clicks:\n  arrival: 2026-12-01T00:00:00Z\n';
// 30 hours after the arrival: within 48h (pass), past 24h (breach).
const CHECK = ['sla', 'check', '--observations', 'observed.yaml', '--at', '2026-12-02T06:00:00Z'];

/** Runs `args` from the cache (twice: filling it, then reading it) and fresh; all three must be the same bytes. */
function expectCachedEqualsFresh(run: (...args: string[]) => ReturnType<typeof runBin>, args: string[]) {
  const fresh = run(...args, '--no-cache');
  expect(run(...args)).toEqual(fresh);
  expect(run(...args)).toEqual(fresh);
  return fresh;
}

describe('look-up cache', () => {
  it('answers the same from the cache as from the files, and keeps one entry per folder', () => {
    const { run, entries } = setup();
    const args = ['show', 'clicks', '--at', '2026-12-24T12:00:00Z'];
    const fresh = expectCachedEqualsFresh(run, args);
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatch(/^runbooks-[0-9a-z]{1,12}\.json$/);
    expect(fresh.stdout).toContain('On call now: Ben <ben@example.com>, backed by Ana <ana@example.com>');
  });

  it('sees a same-size edit whose modification time was put back (touch -r)', () => {
    const { dir, root, run } = setup();
    writeFileSync(join(root, 'observed.yaml'), OBSERVED);
    const file = join(dir, 'clicks.yaml');
    const before = statSync(file);
    expect(run(...CHECK)).toMatchObject({ code: 0 });
    writeFileSync(file, PIPELINE_YAML.replace('within: 48h', 'within: 24h'));
    keepStat(file, before);
    expect(statSync(file).size).toBe(before.size);
    expect(Math.abs(statSync(file).mtimeMs - before.mtimeMs)).toBeLessThan(1);
    const fresh = run(...CHECK, '--no-cache');
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toMatch(/BREACH/);
    expect(run(...CHECK)).toEqual(fresh);
  });

  it('sees a file copied over another with cp -p (same size, same time, same inode)', () => {
    const { dir, root, run } = setup();
    writeFileSync(join(root, 'observed.yaml'), OBSERVED);
    const file = join(dir, 'clicks.yaml');
    const other = join(root, 'other.yaml');
    writeFileSync(other, PIPELINE_YAML.replace('within: 48h', 'within: 24h'));
    keepStat(other, statSync(file));
    const inode = statSync(file).ino;
    expect(run(...CHECK).code).toBe(0);
    copyFileSync(other, file);
    keepStat(file, statSync(other));
    expect(statSync(file).ino).toBe(inode);
    const fresh = run(...CHECK, '--no-cache');
    expect(fresh.code).toBe(1);
    expect(run(...CHECK)).toEqual(fresh);
  });

  it('sees a folder replaced by another of the same sizes and times (two tarballs extracted in turn)', () => {
    const { dir, root, run } = setup();
    writeFileSync(join(root, 'observed.yaml'), OBSERVED);
    const stats = Object.fromEntries(readdirSync(dir).map((name) => [name, statSync(join(dir, name))]));
    const contents = Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
    expect(run(...CHECK).code).toBe(0);
    rmSync(dir, { recursive: true });
    mkdirSync(join(root, 'next'));
    for (const [name, text] of Object.entries(contents)) {
      const path = join(root, 'next', name);
      writeFileSync(path, name === 'clicks.yaml' ? text.replace('within: 48h', 'within: 24h') : text);
      keepStat(path, stats[name]!);
    }
    renameSync(join(root, 'next'), dir);
    const fresh = run(...CHECK, '--no-cache');
    expect(fresh.code).toBe(1);
    expect(run(...CHECK)).toEqual(fresh);
  });

  it('does not use an entry edited by hand: it would print what no file says', () => {
    const { cache, run, entries } = setup();
    const args = ['show', 'clicks', '--at', '2026-12-24T12:00:00Z'];
    const fresh = run(...args, '--no-cache');
    run(...args);
    const path = join(cache, 'runbook', entries()[0]!);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"Clicks"');
    writeFileSync(path, text.replace('"Clicks"', '"Clicks\\u001b[2J\\u001b[31mHACKED"'));
    expect(run(...args)).toEqual(fresh);
  });

  it('sees an edit at once, and answers about the other pipelines while one file is broken', () => {
    const { dir, run } = setup();
    expect(run('list', '--json').stdout).toContain('"Clicks"');
    writeFileSync(join(dir, 'clicks.yaml'), PIPELINE_YAML.replace('name: Clicks', 'name: Clicks Renamed'));
    expect(run('list', '--json').stdout).toContain('"Clicks Renamed"');
    writeFileSync(
      join(dir, 'views.yaml'),
      PIPELINE_YAML.replace('id: clicks', 'id: views')
        .replace('name: Clicks', 'name: Views')
        .replace('aliases: [tap]', 'aliases: [look]'),
    );
    expect(JSON.parse(run('list', '--json').stdout)).toHaveLength(2);
    writeFileSync(join(dir, 'views.yaml'), 'id: [broken\n');
    for (const args of [
      ['list', '--json'],
      ['list', '--json', '--no-cache'],
    ]) {
      const result = run(...args);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).map((entry: { id: string }) => entry.id)).toEqual(['clicks']);
      expect(result.stderr).toBe('runbook: left out runbooks/views.yaml: it has errors (`runbook lint` lists them)\n');
    }
  });

  it('after an edit re-reads only the changed file, with the same answer as a fresh read', () => {
    const { dir, run, all } = setup({ 'views.yaml': 'id: views\nname: [broken\n' });
    const args = ['show', 'clicks', '--at', '2026-12-24T12:00:00Z'];
    run(...args);
    expect(all().sort()).toEqual([
      expect.stringMatching(/\.files\.json$/),
      expect.stringMatching(/^(?!.*\.files\.json$).*\.json$/),
    ]);
    writeFileSync(
      join(dir, 'clicks.yaml'),
      PIPELINE_YAML.replace('title: Late click data', 'title: Late click data (edited)'),
    );
    const fresh = run(...args, '--no-cache');
    expect(fresh.stdout).toContain('(edited)');
    expect(fresh.stderr).toContain('left out runbooks/views.yaml');
    expect(run(...args)).toEqual(fresh);
    expect(run(...args)).toEqual(fresh);
  });

  it('ignores a damaged entry, and replaces it', () => {
    const { cache, run, entries } = setup();
    const fresh = run('list', '--json', '--no-cache');
    run('list');
    const path = join(cache, 'runbook', entries()[0]!);
    writeFileSync(path, '{ not json');
    expect(run('list', '--json')).toEqual(fresh);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toBe('{ not json');
  });

  it('prunes entries of folders unused for a month', () => {
    const { cache, run, entries } = setup();
    mkdirSync(join(cache, 'runbook'), { recursive: true });
    const old = join(cache, 'runbook', 'gone-0123456789ab.json');
    const recent = join(cache, 'runbook', 'other-0123456789ab.json');
    writeFileSync(old, '{}');
    writeFileSync(recent, '{}');
    // A month before the file system's own clock (the time the file just written carries), not the test's.
    const monthAgo = new Date(statSync(recent).mtimeMs - 31 * 86_400_000);
    utimesSync(old, monthAgo, monthAgo);
    run('list');
    expect(entries().sort()).toEqual([expect.stringMatching(/^other-/), expect.stringMatching(/^runbooks-/)]);
  });
});

describe('code cache', () => {
  /** A copy of the built CLI that can be rebuilt by hand: bin/, dist/cli/ and package.json. */
  function builtCopy() {
    const root = mkdtempSync(join(tmpdir(), 'runbook-build-'));
    cpSync(join(PROJECT, 'bin'), join(root, 'bin'), { recursive: true });
    cpSync(join(PROJECT, 'dist', 'cli'), join(root, 'dist', 'cli'), { recursive: true });
    const cache = mkdtempSync(join(tmpdir(), 'runbook-cache-test-'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin', 'runbook.js'), ...args], {
        cwd: PROJECT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, XDG_CACHE_HOME: cache },
      });
    return { root, cache, run };
  }

  it('is made from a typical run, and a rebuilt bundle of the same length never runs the old code', () => {
    const { root, cache, run } = builtCopy();
    const { version } = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string };
    run('list');
    run('list');
    const codes = () => readdirSync(join(cache, 'runbook')).filter((name) => name.startsWith('code-'));
    const build = readFileSync(join(root, 'dist', 'cli', 'cli.id'), 'utf8').trim();
    expect(codes()).toContain(`code-${build}-cli.bin`);
    expect(codes().every((name) => name.startsWith(`code-${build}-`))).toBe(true);
    expect(run('--version').stdout).toBe(`${version}\n`);
    // A version bump, rebuilt: the same length, new bytes (and a new build digest beside it).
    const bundle = join(root, 'dist', 'cli', 'cli.cjs');
    const bumped = version.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
    const text = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, text.split(JSON.stringify(version)).join(JSON.stringify(bumped)));
    expect(readFileSync(bundle, 'utf8').length).toBe(text.length);
    writeFileSync(join(root, 'dist', 'cli', 'cli.id'), 'rebuilt');
    expect(run('--version').stdout).toBe(`${bumped}\n`);
    run('list');
    expect(run('--version').stdout).toBe(`${bumped}\n`);
    // The old build's compiled code is gone.
    expect(codes().length).toBeGreaterThan(0);
    expect(codes().every((name) => name.startsWith('code-rebuilt-'))).toBe(true);
  });

  it('never runs code compiled from another source of the same length, even under this build’s name', () => {
    const { root, cache, run } = builtCopy();
    const { version } = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string };
    run('--version');
    run('list');
    const build = readFileSync(join(root, 'dist', 'cli', 'cli.id'), 'utf8').trim();
    const bundle = join(root, 'dist', 'cli', 'cli.cjs');
    const source = readFileSync(bundle, 'utf8');
    // Compiled from a bundle that prints another version, the same length: V8 alone would take it.
    const forged = source.split(JSON.stringify(version)).join(JSON.stringify(version.replace(/\d/g, '9')));
    expect(forged.length).toBe(source.length);
    const wrap = (text: string) => `(function (exports, require, module, __filename, __dirname) { ${text}\n});`;
    const compiled = new Script(wrap(forged), { filename: bundle }).createCachedData();
    // A code cache file starts with the source it was compiled from: its length in 4 bytes, then its bytes.
    const labelled = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      const head = Buffer.alloc(4);
      head.writeUInt32BE(bytes.length);
      return Buffer.concat([head, bytes, compiled]);
    };
    const file = join(cache, 'runbook', `code-${build}-cli.bin`);
    // Labelled with the forged source: refused, the real bundle is compiled and run.
    writeFileSync(file, labelled(forged), { mode: 0o600 });
    expect(run('--version').stdout).toBe(`${version}\n`);
    // Labelled with the real source, in a folder other users can write: not read at all.
    writeFileSync(file, labelled(source), { mode: 0o600 });
    chmodSync(join(cache, 'runbook'), 0o777);
    const refused = /^runbook: not using the cache in .*runbook: other users can write to it; answering without it\n$/;
    // One line each, whether the command reads the look-up cache (list) or only the code cache (--version).
    const shared = run('--version');
    expect(shared.stdout).toBe(`${version}\n`);
    expect(shared.stderr).toMatch(refused);
    const listed = run('list', '--json', '--at', '2026-12-24T12:00:00Z');
    expect(listed.stderr).toMatch(refused);
    expect(listed.stdout).toBe(run('list', '--json', '--at', '2026-12-24T12:00:00Z', '--no-cache').stdout);
  });

  it('ignores a damaged code cache', () => {
    const { cache, run } = builtCopy();
    const args = ['list', '--json', '--at', '2026-12-24T12:00:00Z'];
    const fresh = run(...args, '--no-cache');
    run(...args);
    run(...args);
    const [code] = readdirSync(join(cache, 'runbook')).filter((name) => name.startsWith('code-'));
    writeFileSync(join(cache, 'runbook', code!), 'not V8 code');
    expect(run(...args).stdout).toBe(fresh.stdout);
  });
});

describe('a warm start', () => {
  it('loads neither the schema library nor the YAML parser when the look-up cache answers', () => {
    const root = mkdtempSync(join(tmpdir(), 'runbook-warm-'));
    cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
    const loaded = join(root, 'loaded.txt');
    const show = () =>
      spawnSync(
        process.execPath,
        [
          '-r',
          join(PROJECT, 'test', 'helpers', 'loaded-files.cjs'),
          join(PROJECT, 'bin', 'runbook.js'),
          'show',
          'engagement',
        ],
        {
          cwd: root,
          env: { PATH: process.env.PATH, XDG_CACHE_HOME: join(root, 'cache'), RUNBOOK_TEST_LOADED: loaded },
          encoding: 'utf8',
        },
      );
    expect(show().status).toBe(0);
    const first = readFileSync(loaded, 'utf8');
    // The first run reads the files: the check proves the hook sees the libraries being loaded.
    expect(first).toMatch(/vendor\/zod\.cjs/);
    writeFileSync(loaded, '');
    expect(show().status).toBe(0);
    const warm = readFileSync(loaded, 'utf8')
      .trim()
      .split('\n')
      .map((file) => file.replace(/.*\/dist\/cli\//, ''));
    expect(warm).toEqual(['cli.cjs']);
  });
});
