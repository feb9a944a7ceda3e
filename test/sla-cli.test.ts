/** `runbook sla` and `runbook sla check` end to end, on the shipped runbooks. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from './helpers/run.js';

const AT = '2027-02-10T12:00:00Z';

function observations(text: string, name = 'observed.yaml'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'runbook-obs-')), name);
  writeFileSync(path, text);
  return path;
}

const arrival = (hoursBefore: number) =>
  observations(`engagement:\n  arrival: ${new Date(Date.parse(AT) - hoursBefore * 3_600_000).toISOString()}\n`);

describe('runbook sla', () => {
  it('gives growth Friday 12 Feb end of day and aggregated 26 Feb, the last working day of February', () => {
    const result = runBin(['sla', '--at', AT, '--json']);
    expect(result.code).toBe(0);
    const { deadlines, timezone } = JSON.parse(result.stdout) as {
      timezone: string;
      deadlines: { pipeline: string; rule: string; due?: string; leftSeconds?: number }[];
    };
    expect(timezone).toBe('Europe/London');
    const due = (pipeline: string) => deadlines.find((entry) => entry.pipeline === pipeline)?.due;
    expect(due('growth')).toBe('2027-02-12T17:00:00.000Z');
    // Time left carries its unit in the key: whole seconds from --at to the due time.
    const growth = deadlines.find((entry) => entry.pipeline === 'growth')!;
    expect(growth.leftSeconds).toBe((Date.parse(growth.due!) - Date.parse(AT)) / 1000);
    expect(due('aggregated')).toBe('2027-02-26T17:00:00.000Z');
    expect(due('profit')).toBe('2027-02-26T17:00:00.000Z');
  });

  it('says each rule in words with its next deadline in local time', () => {
    const { stdout } = runBin(['sla', 'growth', '--at', AT]);
    expect(stdout).toContain('Latest account statuses to be available by the end of the week.');
    expect(stdout).toContain('due Fri 2027-02-12 17:00 Europe/London, in 2 days 5 hours');
  });

  it('shows the next deadline in list and show', () => {
    const list = JSON.parse(runBin(['list', '--json', '--at', AT]).stdout) as {
      id: string;
      nextDeadline: { due: string } | null;
    }[];
    expect(list.find((entry) => entry.id === 'growth')?.nextDeadline?.due).toBe('2027-02-12T17:00:00.000Z');
    expect(list.find((entry) => entry.id === 'engagement')?.nextDeadline).toBeNull();
    expect(runBin(['show', 'aggregated', '--at', AT]).stdout).toContain(
      'Next: due Fri 2027-02-26 17:00 Europe/London, in 16 days 5 hours',
    );
    const shown = JSON.parse(runBin(['show', 'growth', '--json', '--at', AT]).stdout) as {
      deadlines: { rule: string; due: string }[];
    };
    expect(shown.deadlines).toEqual([expect.objectContaining({ rule: 'statuses', due: '2027-02-12T17:00:00.000Z' })]);
  });

  it('rejects a malformed --at with exit 2', () => {
    expect(runBin(['sla', '--at', 'tomorrow'])).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('runbook sla check', () => {
  const check = (file: string, ...extra: string[]) =>
    runBin(['sla', 'check', '--observations', file, '--at', AT, ...extra]);
  const status = (file: string) =>
    (
      JSON.parse(check(file, '--json').stdout) as { results: { pipeline: string; rule: string; status: string }[] }
    ).results.find((r) => r.rule === 'arrival')?.status;

  it('60 hours old: breach, exit 1', () => {
    expect(check(arrival(60)).code).toBe(1);
    expect(status(arrival(60))).toBe('breach');
  });

  it('40 hours old: warn, exit 0; exit 1 with --fail-on warn', () => {
    expect(check(arrival(40)).code).toBe(0);
    expect(status(arrival(40))).toBe('warn');
    expect(check(arrival(40), '--fail-on', 'warn').code).toBe(1);
  });

  it('10 hours old: pass; rules without observations are unknown', () => {
    const result = check(arrival(10), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      at: string;
      results: { pipeline: string; rule: string; status: string }[];
    };
    expect(report.at).toBe('2027-02-10T12:00:00.000Z');
    expect(report.results.map((r) => `${r.pipeline}.${r.rule}=${r.status}`)).toEqual([
      'aggregated.resolution=unknown',
      'engagement.arrival=pass',
      'engagement.resolution=unknown',
      'growth.statuses=unknown',
      'profit.review=unknown',
    ]);
  });

  it('prints a table for people', () => {
    const { stdout } = check(arrival(60));
    expect(stdout).toMatch(
      /engagement\s+arrival\s+BREACH\s+Wed 10 Feb 2027 00:00\s+newest data is 2 days 12 hours old, over the 48 hours limit/,
    );
    expect(stdout).toContain('5 rules: 0 pass, 0 warn, 1 breach, 4 unknown');
  });

  it('reads JSON observations with incidents and deadlines', () => {
    const file = observations(
      JSON.stringify({
        engagement: { resolution: [{ id: 'INC-42', opened: '2027-02-01T08:00:00Z' }] },
        growth: { statuses: '2027-02-05T15:00:00+00:00' },
        profit: { review: '2027-01-29T10:00:00Z' },
      }),
      'observed.json',
    );
    const report = JSON.parse(check(file, '--json').stdout) as {
      results: { rule: string; pipeline: string; status: string; message: string }[];
    };
    const byRule = Object.fromEntries(report.results.map((r) => [`${r.pipeline}.${r.rule}`, r]));
    expect(byRule['engagement.resolution']).toMatchObject({
      status: 'breach',
      message: 'INC-42 is open 2 days 4 hours past its due time (1 incident, 1 open)',
    });
    expect(byRule['growth.statuses']?.status).toBe('pass');
    expect(byRule['profit.review']?.status).toBe('pass');
  });

  it('a malformed timestamp: exit 2 naming the file and line', () => {
    const file = observations('engagement:\n  arrival: 2027-02-10 08:00\n');
    const result = check(file);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^runbook: .*observed\.yaml:2:12: error: `engagement\.arrival` "2027-02-10 08:00" is not a timestamp with an offset/,
    );
  });

  it('a timestamp without an offset is ambiguous: exit 2', () => {
    expect(check(observations('engagement:\n  arrival: "2027-02-10T08:00:00"\n')).stderr).toContain(
      'is not a timestamp with an offset',
    );
  });

  it('unknown pipelines and rule ids are named with their line, all in one run', () => {
    const result = check(
      observations(
        'engagment:\n  arrival: 2027-02-10T08:00:00Z\ngrowth:\n  status: 2027-02-10T08:00:00Z\n  statuses: [{ id: X, opened: 2027-02-10T08:00:00Z }]\n',
      ),
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /observed\.yaml:1:1: error: unknown pipeline "engagment": did you mean "engagement"\? \(observation\)$/,
      ),
      expect.stringMatching(
        /observed\.yaml:4:3: error: pipeline growth has no SLA rule "status": did you mean "statuses"\? \(observation\)$/,
      ),
      expect.stringMatching(
        /observed\.yaml:5:13: error: growth\.statuses is a deadline rule: give one timestamp \(observation\)$/,
      ),
    ]);
  });

  it('an observations file that is a list says what it should hold', () => {
    expect(check(observations('[1, 2]\n', 'observed.json')).stderr).toMatch(
      /observed\.json:1:1: error: the file must be a mapping of keys \(observations: pipeline id -> SLA rule id -> timestamp or incidents\), not a list \(file-not-mapping\)/,
    );
  });

  it('a missing observations file is an input error', () => {
    expect(check('/no/such/file.yaml')).toMatchObject({ code: 2, stdout: '' });
  });
});
