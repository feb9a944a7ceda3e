/** `sla check` fed by the artifacts real tools wrote: dbt source freshness and OpenLineage run events. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../src/load/observation-files.js';
import { PROJECT, runBin } from './helpers/run.js';

const FIXTURES = join(PROJECT, 'test', 'fixtures', 'observations');

/** The fixtures in a fresh folder: runbooks/shop.yaml beside the artifacts. */
function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-sources-'));
  cpSync(FIXTURES, root, { recursive: true });
  return root;
}

const check = (root: string, ...args: string[]) =>
  runBin(['--dir', 'runbooks', 'sla', 'check', ...args], { cwd: root });
/** `sla check --json` of these observation files, as of `at`, in a fresh copy of the fixtures. */
const checkJson = (at: string, ...files: string[]) =>
  check(folder(), ...files.flatMap((file) => ['--observations', file]), '--at', at, '--json');

const statuses = (stdout: string) =>
  Object.fromEntries(
    (JSON.parse(stdout).results as { rule: string; status: string }[]).map((result) => [result.rule, result.status]),
  );

describe('sla check on the real artifacts', () => {
  it('dbt sources.json and OpenLineage events together: fresh passes, stale breaches, a dbt runtime error is unknown with its text, COMPLETE counts and FAIL does not; exit 1', () => {
    const result = checkJson('2027-03-10T09:00:00Z', 'dbt-1.7-sources.json', 'openlineage-dagster.ndjson');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(statuses(result.stdout)).toEqual({
      'page-views': 'pass',
      signups: 'breach',
      refunds: 'unknown',
      orders: 'unknown',
      // Last COMPLETE 1 March; the FAIL of 9 March is not "done", so Tuesday's deadline was missed.
      'invoice-export': 'breach',
      // COMPLETE at 08:00 met Wednesday 08:30; the ABORT at 08:50 changes nothing.
      'page-views-load': 'pass',
    });
    const results = JSON.parse(result.stdout).results as { rule: string; message: string; observed?: string }[];
    expect(results.find((entry) => entry.rule === 'refunds')!.message).toMatch(
      /^dbt could not check source\.shop\.events\.refunds \(runtime error\): Runtime Error in source refunds \(models\/sources\.yml\) Catalog Error: Table with name refunds does not exist!/,
    );
    expect(results.find((entry) => entry.rule === 'orders')!.message).toBe(
      'no result for source.shop.events.orders in dbt-1.7-sources.json',
    );
    expect(results.find((entry) => entry.rule === 'invoice-export')!.observed).toBe('2027-03-01T06:00:00.000Z');
  });

  it('dbt 1.11 leaves runtime errors out of the file: the source is simply not mentioned', () => {
    const result = checkJson('2027-03-08T16:00:00Z', 'dbt-1.11-sources.json');
    // Our rule is 48 hours (warning from 36): signups, 32.5 hours old, passes it (dbt's own criteria warned at 6).
    expect(statuses(result.stdout)).toMatchObject({ 'page-views': 'pass', signups: 'pass', refunds: 'unknown' });
    expect(result.stdout).toContain('no result for source.shop.events.refunds in dbt-1.11-sources.json');
    expect(result.stdout).toContain('no event for dagster/billing.invoice_export in no file of that kind');
  });

  it('when two files observe the same rule, the newest observation wins', () => {
    const result = checkJson('2027-03-10T09:00:00Z', 'dbt-1.11-sources.json', 'dbt-1.7-sources.json');
    const pageViews = (JSON.parse(result.stdout).results as { rule: string; observed: string }[]).find(
      (entry) => entry.rule === 'page-views',
    )!;
    expect(pageViews.observed).toBe('2027-03-10T08:00:00.000Z');
    // As of a time before the newer file's data arrived, the older file's observation is the one that counts.
    const earlier = checkJson('2027-03-09T09:00:00Z', 'dbt-1.11-sources.json', 'dbt-1.7-sources.json');
    expect(
      (JSON.parse(earlier.stdout).results as { rule: string; observed: string }[]).find(
        (entry) => entry.rule === 'page-views',
      )!.observed,
    ).toBe('2027-03-08T15:10:00.000Z');
  });

  it('reads each file by its content', () => {
    expect(detect(readFileSync(join(FIXTURES, 'dbt-1.7-sources.json'), 'utf8'))).toBe('dbt');
    expect(detect(readFileSync(join(FIXTURES, 'dbt-1.11-sources.json'), 'utf8'))).toBe('dbt');
    expect(detect(readFileSync(join(FIXTURES, 'openlineage-dagster.ndjson'), 'utf8'))).toBe('openlineage');
    expect(detect('shop:\n  page-views: 2027-03-10T08:00:00Z\n')).toBe('runbook');
    expect(detect('{ "shop": { "page-views": "2027-03-10T08:00:00Z" } }')).toBe('runbook');
  });

  it('refuses a broken event line and a dbt artifact of another kind, at file and line (exit 2)', () => {
    const root = folder();
    const events = readFileSync(join(root, 'openlineage-dagster.ndjson'), 'utf8').split('\n');
    events.splice(
      2,
      0,
      '{"eventType": "COMPLETE", "eventTime": "2027-03-01T24:00:00Z", "job": {"namespace": "dagster", "name": "x"}}',
    );
    writeFileSync(join(root, 'events.ndjson'), events.join('\n'));
    writeFileSync(
      join(root, 'manifest.json'),
      JSON.stringify({
        metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json' },
        nodes: {},
      }),
    );
    const result = check(root, '-i', 'events.ndjson', '-i', 'manifest.json', '--at', '2027-03-10T09:00:00Z');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'runbook: events.ndjson:3:1: error: eventTime "2027-03-01T24:00:00Z" has the hour 24: write 00 to 23 (24:00 is 00:00 of the next day) (observation)',
      'runbook: manifest.json:1:1: error: a dbt artifact, but not a source-freshness result of schema dbt/sources v1 to v3 (its schema: https://schemas.getdbt.com/dbt/manifest/v12.json); give target/sources.json from `dbt source freshness` (observation)',
    ]);
  });

  it('names every other malformed artifact at its file and line, all in one run (exit 2)', () => {
    const root = folder();
    const sources = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json' } };
    writeFileSync(join(root, 'no-results.json'), JSON.stringify(sources));
    writeFileSync(join(root, 'odd-result.json'), JSON.stringify({ ...sources, results: [{ status: 'pass' }] }));
    writeFileSync(
      join(root, 'events.ndjson'),
      [
        '{"eventType": "COMPLETE", "eventTime": "2027-03-01T10:00:00Z", "job": {"namespace": "dagster", "name": "x"}}',
        '{"eventType": "COMPLETE", "eventTime": "2027-03-01T10:00:00Z", "job": {"namespace": "dagster", "name": "x"}',
        '{"eventType": "START", "run": {}}',
        '',
      ].join('\n'),
    );
    const files = ['no-results.json', 'odd-result.json', 'events.ndjson'];
    const result = check(root, ...files.flatMap((file) => ['-i', file]), '--at', '2027-03-10T09:00:00Z');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines[0]).toBe(
      'runbook: no-results.json:1:1: error: a dbt sources.json without a results list (observation)',
    );
    expect(lines[1]).toBe(
      'runbook: odd-result.json:1:1: error: results[0] has no unique_id and status: not a dbt source-freshness result (observation)',
    );
    expect(lines[2]).toMatch(
      /^runbook: events\.ndjson:2:1: error: line 2 is not JSON: .*; OpenLineage files hold one run event a line \(observation\)$/,
    );
    expect(lines[3]).toBe(
      'runbook: events.ndjson:3:1: error: not an OpenLineage run event: it needs eventType, eventTime and job { namespace, name } (observation)',
    );
    expect(lines).toHaveLength(4);
  });
});
