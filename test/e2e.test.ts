/** End-to-end runs of the built bin/runbook.js (npm test builds first). */
import { describe, expect, it } from 'vitest';
import { PIPELINE_YAML, runbooksFolder } from './helpers/fixtures.js';
import { spawnSync } from 'node:child_process';
import { BIN, PROJECT, runBin } from './helpers/run.js';

describe('runbook (built CLI)', () => {
  it('shows engagement: owners, three issues with steps, SLA and on-call', () => {
    const { code, stdout, stderr } = runBin(['show', 'engagement']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const text of [
      'Engagement [engagement]',
      'Primary    Software Frontend Team (#frontend)',
      'Secondary  Data Engineering Team (+44 20 7946 0100, #data-eng)',
      'Late-arriving click data in Kafka causing missing aggregations',
      'Kafka outages leading to missing user event data',
      'Duplicate events in the pipeline requiring de-duplication',
      '1. Check consumer lag on the click topics',
      'Data must arrive within 48 hours.',
      'Issues must be resolved within a week.',
      'Handover meeting: 30 minutes',
      'One data engineer assigned weekly.',
    ]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).not.toMatch(/\x1b/);
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('lists the four pipelines as JSON with owners as arrays', () => {
    const { code, stdout } = runBin(['list', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as {
      id: string;
      owners: { primary: string[]; secondary: string[] };
      oncall: { mode: string };
    }[];
    expect(list.map((entry) => entry.id).sort()).toEqual(['aggregated', 'engagement', 'growth', 'profit']);
    expect(list.find((entry) => entry.id === 'profit')).toMatchObject({
      name: 'Profit',
      owners: { primary: ['Finance Team', 'Risk Team'], secondary: ['Data Engineering Team'] },
      oncall: { mode: 'rotation' },
    });
  });

  it('shows the aggregated pipeline by its alias as JSON', () => {
    const shown = JSON.parse(runBin(['show', 'exec', '--json']).stdout) as {
      id: string;
      owners: { primary: string[] };
      sla: { id: string }[];
    };
    expect(shown.id).toBe('aggregated');
    expect(shown.owners.primary).toEqual(['Business Analytics Team']);
    expect(shown.sla.map((rule) => rule.id)).toEqual(['resolution']);
  });

  it('puts the Spark OOM issue first for "oom" and engagement issues first for "kafka"', () => {
    const oom = JSON.parse(runBin(['search', 'oom', '--json']).stdout) as { pipeline: string; issue: { id: string } }[];
    expect(oom[0]).toMatchObject({ pipeline: 'aggregated', issue: { id: 'spark-oom' } });
    const kafka = JSON.parse(runBin(['search', 'kafka', '--json']).stdout) as { pipeline: string }[];
    expect(kafka.length).toBeGreaterThan(0);
    const firstOther = kafka.findIndex((hit) => hit.pipeline !== 'engagement');
    expect(kafka.slice(0, firstOther === -1 ? undefined : firstOther).length).toBeGreaterThanOrEqual(3);
    expect(runBin(['search', 'oom']).stdout).toMatch(
      /^1\. Spark joins failing due to large data volume \(OOM errors\)/,
    );
  });

  it('lists owners and searches in words', () => {
    expect(runBin(['owners', 'data engineering team']).stdout).toMatch(/Data Engineering Team\s+#data-eng/);
    expect(runBin(['search', 'nothing-like-this']).stdout).toContain('No common issue matches');
  });

  it.each([
    [
      ['show', '../../etc/passwd'],
      /^runbook: unknown pipeline "\.\.\/\.\.\/etc\/passwd": known pipelines: aggregated, engagement, growth, profit \(runbook list shows them\)\n$/,
    ],
    [['show', 'nosuch'], /^runbook: unknown pipeline "nosuch": known pipelines: .*\n$/],
    [['show', 'engagment'], /^runbook: unknown pipeline "engagment": did you mean "engagement"\?\n$/],
  ])('%j: exit 2, one line on stderr, nothing on stdout', (args, stderr) => {
    const result = runBin(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(stderr);
  });

  it('reports a wrong type as file:line:col with exit 2 and no stack trace', () => {
    const { root } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML.replace('within: 48h', 'within: [48h]') });
    const result = runBin(['show', 'clicks'], { cwd: root });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'runbook: runbooks/clicks.yaml:16:13: error: `sla[0].within` must be a string, not a list (schema-type)\n',
    });
  });

  it('reports a missing runbooks folder with exit 2', () => {
    const result = runBin(['list'], { cwd: '/' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no runbooks folder found');
  });

  it('strips ANSI escapes and bell characters from runbook text', () => {
    const hostile = PIPELINE_YAML.replace(
      'name: Clicks',
      'name: "Clicks \\e[31mRED\\e[0m \\a done"\ndescription: "Counts \\e[2J\\a clicks\\x9b31m"',
    );
    const { root } = runbooksFolder({ 'clicks.yaml': hostile });
    for (const env of [{}, { FORCE_COLOR: '1', NO_COLOR: '' }]) {
      const result = runBin(['show', 'clicks'], { cwd: root, env });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Clicks RED done');
      expect(result.stdout).toContain('Counts clicks');
      expect(result.stdout).not.toMatch(/\x07|\x1b\[31m|\x1b\[2J|\x9b/);
    }
  });

  it('colours only when asked and never with NO_COLOR', () => {
    expect(runBin(['list'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout).toMatch(/\x1b\[/);
    expect(runBin(['list'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
    expect(runBin(['list', '--no-color'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout).not.toMatch(/\x1b\[/);
  });

  it('prints the version and help with examples', () => {
    expect(runBin(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    for (const command of ['list', 'show', 'owners', 'search'])
      expect(runBin([command, '--help']).stdout).toContain(`$ runbook ${command}`);
  });
});

describe('output into a pipe that closes early', () => {
  it('stops quietly, without a stack trace', () => {
    const result = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" rotate --weeks 52 --start 2026-11-30 | head -c 10`],
      { cwd: PROJECT, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(result.stdout).toBe('BEGIN:VCAL');
    expect(result.stderr).toBe('');
  });
});
