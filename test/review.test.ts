/** Review dates: `reviewed` and `review-every` on a pipeline (or the roster), and contacts who have left. */
import { describe, expect, it } from 'vitest';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';
import { runInProcess } from './helpers/run.js';

const NOW = new Date('2027-02-10T12:00:00Z');
const folder = (pipeline: string, roster = ROSTER_YAML) =>
  runbooksFolder({ 'clicks.yaml': pipeline, 'roster.yaml': roster });
const run = (root: string, ...args: string[]) => runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: NOW });

describe('review dates', () => {
  it('an overdue runbook: a lint warning at its reviewed line (exit 0), and list marks it', async () => {
    const { root } = folder(
      PIPELINE_YAML.replace('name: Clicks\n', 'name: Clicks\nreviewed: 2026-08-01\nreview-every: 90d\n'),
    );
    const lint = await run(root, 'lint', '--format', 'json');
    expect(lint.code).toBe(0);
    expect(JSON.parse(lint.stdout).problems).toEqual([
      {
        file: 'runbooks/clicks.yaml',
        line: 3,
        column: 11,
        severity: 'warning',
        rule: 'review-overdue',
        message:
          'review overdue since 2026-10-30 (reviewed 2026-08-01, every 90d): check the steps and contacts against the pipeline, then set reviewed: 2027-02-10',
      },
    ]);
    const list = await run(root, 'list');
    expect(list.stdout).toMatch(/^clicks +Clicks \(review overdue\) /m);
    const json = JSON.parse((await run(root, 'list', '--json')).stdout) as { review: unknown }[];
    expect(json[0]!.review).toEqual({ reviewed: '2026-08-01', every: '90d', due: '2026-10-30', overdue: true });
  });

  it('the roster’s review-every applies to every runbook; one never reviewed is due at once; a recent one is not', async () => {
    const roster = ROSTER_YAML.replace('timezone: Europe/London\n', 'timezone: Europe/London\nreview-every: 26w\n');
    const never = folder(PIPELINE_YAML, roster);
    const lint = JSON.parse((await run(never.root, 'lint', '--format', 'json')).stdout) as { problems: object[] };
    expect(lint.problems).toMatchObject([
      { line: 1, rule: 'review-overdue', message: expect.stringMatching(/^never reviewed/) },
    ]);
    const recent = folder(PIPELINE_YAML.replace('name: Clicks\n', 'name: Clicks\nreviewed: 2027-01-05\n'), roster);
    expect((await run(recent.root, 'lint')).stdout).toBe('✔ 2 files checked, no problems\n');
    expect((await run(recent.root, 'list')).stdout).not.toContain('review overdue');
  });

  it('a team reached through someone who has left: a warning at the contact', async () => {
    const roster = `${ROSTER_YAML.replace('contact: "#data"', 'contact: ana@example.com').replace(
      '{ id: ana, name: Ana, email: ana@example.com, level: senior }',
      '{ id: ana, name: Ana, email: ana@example.com, level: senior, left: 2027-01-31 }',
    )}`;
    const { root } = folder(PIPELINE_YAML, roster);
    const problems = JSON.parse((await run(root, 'lint', '--format', 'json')).stdout).problems as object[];
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'runbooks/roster.yaml',
        rule: 'contact-left',
        severity: 'warning',
        message: expect.stringContaining("Data Team's contact names ana, who left on 2027-01-31; clicks escalates"),
      }),
    );
  });

  it('contact-left counts from the day after the leaving day: on the day itself they are still there', async () => {
    const leaving = (left: string) =>
      ROSTER_YAML.replace('contact: "#data"', 'contact: ana@example.com').replace(
        '{ id: ana, name: Ana, email: ana@example.com, level: senior }',
        `{ id: ana, name: Ana, email: ana@example.com, level: senior, left: ${left} }`,
      );
    const rules = async (left: string) => {
      const { root } = folder(PIPELINE_YAML, leaving(left));
      // run() answers as of 2027-02-10: leaving that day is not yet gone.
      const problems = JSON.parse((await run(root, 'lint', '--format', 'json')).stdout).problems as { rule: string }[];
      return problems.map((problem) => problem.rule);
    };
    expect(await rules('2027-02-10')).not.toContain('contact-left');
    expect(await rules('2027-02-09')).toContain('contact-left');
  });

  it('warn-before-within: a freshness warn equal to within never warns before the breach, and is an error', async () => {
    const { root } = folder(PIPELINE_YAML.replace(/within: 48h/, 'within: 48h\n    warn: 48h'), ROSTER_YAML);
    const problems = JSON.parse((await run(root, 'lint', '--format', 'json')).stdout).problems as { rule: string }[];
    expect(problems.map((problem) => problem.rule)).toContain('warn-before-within');
  });
});
