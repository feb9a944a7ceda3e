/** The look-up cache: same answers as a fresh read, and never stale. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';
import { runBin } from './helpers/run.js';

function setup() {
  const { root, dir } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML, 'roster.yaml': ROSTER_YAML.replace('timezone: Europe/London', 'timezone: Europe/London\nholidays: { country: GB }') });
  const cache = mkdtempSync(join(tmpdir(), 'runbook-cache-test-'));
  const run = (...args: string[]) => runBin(args, { cwd: root, env: { XDG_CACHE_HOME: cache } });
  return { root, dir, cache, run };
}

describe('look-up cache', () => {
  it('answers the same from the cache as from the files', () => {
    const { cache, run } = setup();
    const args = ['show', 'clicks', '--at', '2026-12-24T12:00:00Z'];
    const fresh = run(...args, '--no-cache');
    expect(readdirSync(cache)).toEqual([]);
    const first = run(...args);
    expect(readdirSync(join(cache, 'runbook')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(readdirSync(join(cache, 'runbook')).filter((name) => name.startsWith('code-'))).toHaveLength(1);
    const second = run(...args);
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
    expect(second.stdout).toContain('On call now: Ben <ben@example.com>, backed by Ana <ana@example.com>');
  });

  it('is never stale: an edit is seen at once, and a broken edit is reported', () => {
    const { dir, run } = setup();
    expect(run('list', '--json').stdout).toContain('"Clicks"');
    writeFileSync(join(dir, 'clicks.yaml'), PIPELINE_YAML.replace('name: Clicks', 'name: Clicks Renamed'));
    expect(run('list', '--json').stdout).toContain('"Clicks Renamed"');
    writeFileSync(join(dir, 'views.yaml'), PIPELINE_YAML.replace('id: clicks', 'id: views').replace('name: Clicks', 'name: Views').replace('aliases: [tap]', 'aliases: [look]'));
    expect(JSON.parse(run('list', '--json').stdout)).toHaveLength(2);
    writeFileSync(join(dir, 'views.yaml'), 'id: [broken\n');
    expect(run('list')).toMatchObject({ code: 2, stdout: '' });
  });

  it('ignores a damaged code cache', () => {
    const { cache, run } = setup();
    const fresh = run('list', '--json');
    const [code] = readdirSync(join(cache, 'runbook')).filter((name) => name.startsWith('code-'));
    writeFileSync(join(cache, 'runbook', code!), 'not V8 code');
    expect(run('list', '--json')).toEqual(fresh);
  });

  it('ignores a damaged cache file', () => {
    const { cache, run } = setup();
    run('list');
    const [file] = readdirSync(join(cache, 'runbook')).filter((name) => name.endsWith('.json'));
    writeFileSync(join(cache, 'runbook', file!), '{ not json');
    expect(run('list', '--json')).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(cache, 'runbook', file!))).toBe(true);
  });
});
