/** `runbook import` and `runbook docs`. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importMarkdown } from '../src/import/markdown.js';
import { expandPaths, lintFiles } from '../src/lint/lint.js';
import { PROJECT, runBin } from './helpers/run.js';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';

const SEED = join(PROJECT, 'seeds', 'data-pipeline-runbooks.md');
const tmp = () => mkdtempSync(join(tmpdir(), 'runbook-docs-'));
const shipped = (id: string) => parse(readFileSync(join(PROJECT, 'runbooks', `${id}.yaml`), 'utf8'));

/** Imports a Markdown document into a fresh folder (the import must succeed), then lints what it wrote. */
function importThenLint(doc: string) {
  const out = tmp();
  writeFileSync(join(out, 'billing.md'), doc);
  expect(runBin(['import', 'billing.md', '-o', 'rb'], { cwd: out }).code).toBe(0);
  return runBin(['lint', 'rb', '--format', 'json'], { cwd: out });
}

describe('runbook import', () => {
  it('turns the seed into four pipelines whose owners and issue titles equal the shipped runbooks', () => {
    const { pipelines } = importMarkdown(readFileSync(SEED, 'utf8'), 'seed.md');
    expect(pipelines.map(({ pipeline }) => pipeline.name)).toEqual([
      'Profit',
      'Growth',
      'Engagement',
      'Aggregated Data for Executives and Investors',
    ]);
    for (const { pipeline } of pipelines) {
      const id = { 'Aggregated Data for Executives and Investors': 'aggregated' }[pipeline.name] ?? pipeline.id;
      const original = shipped(id);
      const list = (value: string | string[] | undefined) =>
        value === undefined ? [] : Array.isArray(value) ? value : [value];
      expect(pipeline.owners.primary).toEqual(list(original.owners.primary));
      expect(pipeline.owners.secondary).toEqual(list(original.owners.secondary));
      expect(pipeline.issues.map((issue) => issue.title)).toEqual(
        original.issues.map((issue: { title: string }) => issue.title),
      );
      expect(pipeline.oncall.mode).toBe(original.oncall.mode);
      expect(pipeline.oncall.weeks).toBe(original.oncall.weeks);
      expect(pipeline.oncall.team).toBe(original.oncall.team);
      expect(pipeline.oncall.duties).toEqual(original.oncall.duties);
      expect(pipeline.sla.map((rule) => [rule.kind, rule.within, rule.due, rule.every, rule.description])).toEqual(
        original.sla.map((rule: Record<string, string>) => [
          rule.kind,
          rule.within,
          rule.due,
          rule.every,
          rule.description,
        ]),
      );
    }
  });

  it('writes files that lint with no errors, and never overwrites without --force', async () => {
    const out = join(tmp(), 'imported');
    const result = runBin(['import', SEED, '-o', out, '--at', '2026-11-30']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('engagement.yaml (Engagement)');
    expect(result.stderr).toContain(
      'runbook: note: section "Fair On-call Schedule Considerations" is not a pipeline: not imported',
    );
    expect(readdirSync(out).sort()).toEqual([
      'aggregated-data-for-executives-and-investors.yaml',
      'engagement.yaml',
      'growth.yaml',
      'profit.yaml',
      'roster.yaml',
    ]);
    // The starter roster has every team named, and example people enough for rotate to work on the import.
    const roster = readFileSync(join(out, 'roster.yaml'), 'utf8');
    expect(roster).toContain('  - name: Business Analytics Team\n');
    expect(roster).toContain('    members:\n      - data-engineering-team-senior-1\n');
    const table = runBin(['--dir', out, 'rotate', '--weeks', '4', '--start', '2026-11-30', '--format', 'table']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /^Mon 30 Nov 2026 10:00 ME +data-engineering-team-senior-\d +data-engineering-team-senior-\d +profit-bi-/m,
    );
    const report = await lintFiles(expandPaths([out], out), out);
    expect(report.errors).toBe(0);
    expect(runBin(['--dir', out, 'lint', '--at', '2026-11-30']).code).toBe(0);

    writeFileSync(join(out, 'growth.yaml'), 'kept\n');
    const again = runBin(['import', SEED, '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/growth\.yaml.* already exist.*nothing written \(import never writes over a file/);
    expect(readFileSync(join(out, 'growth.yaml'), 'utf8')).toBe('kept\n');
    // --force is gone: import never writes over a file, whatever it is asked.
    const forced = runBin(['import', SEED, '-o', out, '--force']);
    expect(forced).toMatchObject({ code: 2, stdout: '' });
    expect(forced.stderr).toMatch(/import never writes over existing files/);
    expect(readFileSync(join(out, 'growth.yaml'), 'utf8')).toBe('kept\n');
  });

  it('never names a pipeline after a state file: a section called "Overrides" becomes overrides-2.yaml', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'doc.md'),
      '## Pipeline: Overrides\n### Owners\n- **Primary Owner:** Billing Team\n### SLA\n- Data within 48 hours.\n',
    );
    const result = runBin(['import', 'doc.md', '-o', 'rb', '--at', '2026-11-30'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, 'rb')).sort()).toEqual(['overrides-2.yaml', 'roster.yaml']);
    expect(result.stderr).toMatch(
      /overrides\.yaml is a state file of the runbooks folder, so it is imported as overrides-2\.yaml/,
    );
  });

  it('keeps SLA and on-call text it cannot map, with a lint warning', () => {
    const doc =
      '## Pipeline: Billing\n### Owners\n- **Primary Owner:** Billing Team\n### SLA\n- Invoices reconciled before the board meeting.\n### On-call Schedule\n- Ask in the channel.\n';
    const { pipelines, notes } = importMarkdown(doc, 'billing.md');
    expect(pipelines[0]!.pipeline.unmapped).toEqual([
      'SLA: Invoices reconciled before the board meeting',
      'On call: Ask in the channel.',
    ]);
    expect(notes).toContain(
      'billing: could not map "SLA: Invoices reconciled before the board meeting"; kept under unmapped',
    );
    const lint = importThenLint(doc);
    expect(lint.code).toBe(0);
    expect(JSON.parse(lint.stdout).problems.map((p: { rule: string; line: number }) => `${p.rule}@${p.line}`)).toEqual([
      'unmapped-text@14',
      'unmapped-text@15',
    ]);
  });

  it.each([
    [
      '# Notes\n\nNothing here.\n',
      /^runbook: .*bad\.md:1:1: error: no pipeline sections found: each pipeline needs a heading like "## Pipeline: Engagement" \(import\)\n$/,
    ],
    [
      '## Pipeline: Orphan\n\n### Common Issues\n- Something breaks.\n',
      /^runbook: .*bad\.md:1:1: error: section "Pipeline: Orphan" has no owners: add a "### Owners" list/,
    ],
    [
      '# Doc\n\n## Pipeline: Half\n### Owners:\n- **Secondary Owner:** Data Team\n',
      /^runbook: .*bad\.md:4:1: error: section "Pipeline: Half" has no primary owner/,
    ],
  ])('refuses malformed Markdown with exit 2 and the line', (text, stderr) => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.md'), text);
    const result = runBin(['import', 'bad.md', '-o', 'out'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(stderr);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('gives two sections with one name two files, and never writes over the roster', () => {
    const section = (name: string, team: string) => `## Pipeline: ${name}\n### Owners\n- **Primary Owner:** ${team}\n`;
    const { pipelines, notes } = importMarkdown(
      section('Growth', 'A Team') + section('Growth', 'B Team') + section('Roster', 'C Team'),
      'two.md',
    );
    expect(pipelines.map(({ pipeline }) => pipeline.id)).toEqual(['growth', 'growth-2', 'roster-2']);
    expect(notes).toContain(
      'section "Growth" (line 4): the id growth is taken, so it is imported as growth-2.yaml; rename or merge it',
    );
  });

  it('makes bullets nested under an issue its steps, cause and symptoms', () => {
    const doc = [
      '## Pipeline: Billing',
      '### Owners',
      '- **Primary Owner:** Billing Team',
      '### Common Issues',
      '- Invoices missing after the nightly export.',
      '  - Cause: the export job timed out.',
      '  - Symptom: the invoices table has no rows for yesterday.',
      '  - Fix: re-run the export for the missing day.',
      '  - Check the row count against the billing system.',
      '- Duplicate invoices.',
      '    1. De-duplicate on invoice id.',
      '',
    ].join('\n');
    const { pipelines } = importMarkdown(doc, 'billing.md');
    expect(pipelines[0]!.pipeline.issues).toEqual([
      {
        id: 'invoices-missing-after-the-nightly',
        title: 'Invoices missing after the nightly export',
        cause: 'The export job timed out.',
        symptoms: ['The invoices table has no rows for yesterday.'],
        resolution: ['Re-run the export for the missing day.', 'Check the row count against the billing system.'],
      },
      { id: 'duplicate-invoices', title: 'Duplicate invoices', resolution: ['De-duplicate on invoice id.'] },
    ]);
  });

  it('keeps a schedule it cannot plan ("every two weeks") under unmapped, with a note and a lint warning', () => {
    const doc =
      '## Pipeline: Billing\n### Owners\n- **Primary Owner:** Billing Team\n### On-call Schedule\n- Rotation every two weeks among the billing engineers.\n';
    const { pipelines, notes } = importMarkdown(doc, 'billing.md');
    const { pipeline } = pipelines[0]!;
    expect(pipeline.oncall.mode).toBe('none');
    expect(pipeline.unmapped).toEqual(['On call: Rotation every two weeks among the billing engineers.']);
    expect(notes).toContain(
      'billing: could not map "On call: Rotation every two weeks among the billing engineers."; kept under unmapped',
    );
    const lint = importThenLint(doc);
    expect(JSON.parse(lint.stdout).problems.map((p: { rule: string }) => p.rule)).toEqual(['unmapped-text']);
  });

  it('refuses a missing file with exit 2', () => {
    expect(runBin(['import', 'no/such.md', '-o', tmp()])).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('runbook docs', () => {
  const AT = '2026-12-24T12:00:00Z';

  it('writes index, on-call practice and a page per pipeline whose links resolve', () => {
    const out = join(tmp(), 'handbook');
    const result = runBin(['docs', '-o', out, '--at', AT]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).sort();
    expect(files).toEqual([
      'index.md',
      'oncall.md',
      'people',
      'people/hugo.md',
      'pipelines',
      'pipelines/aggregated.md',
      'pipelines/engagement.md',
      'pipelines/growth.md',
      'pipelines/profit.md',
    ]);
    for (const file of files.filter((name) => name.endsWith('.md'))) {
      for (const [, target] of readFileSync(join(out, file), 'utf8').matchAll(/\]\(([^)]+)\)/g)) {
        // The runbooks' own links (dashboards, logs) are absolute; the handbook's between its pages resolve.
        if (/^https?:\/\//.test(target!)) continue;
        expect(existsSync(join(out, dirname(file), target!)), `${file} links ${target}`).toBe(true);
      }
    }
  });

  it('is deterministic for a given --at and matches the snapshot', () => {
    const first = join(tmp(), 'a');
    const second = join(tmp(), 'b');
    runBin(['docs', '-o', first, '--at', AT]);
    runBin(['docs', '-o', second, '--at', AT]);
    for (const file of readdirSync(first, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .sort()) {
      const text = readFileSync(join(first, file), 'utf8');
      expect(readFileSync(join(second, file), 'utf8')).toBe(text);
      expect(text).toMatchSnapshot(file);
    }
  });

  it('prints a first-week guide with docs --person: shadow and first weeks, what to read, whom to call, the checklist', () => {
    const { code, stdout, stderr } = runBin(['docs', '--person', 'hugo', '--at', '2026-12-14T12:00:00Z']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    const flat = stdout.replace(/\s+/g, ' ');
    for (const heading of [
      '# First-week guide: Hugo Example',
      '## Your first weeks',
      '## The pipelines you will cover',
      '## Whom to call',
      '## Before your first shift',
      '## Swaps, cover and time off',
      '## Words the SLAs use',
    ])
      expect(stdout).toContain(heading);
    expect(flat).toMatch(
      /Shadow week, engagement: Mon 4 Jan 2027 10:00 to Mon 11 Jan 2027 10:00\. You stand beside \w+ Example/,
    );
    expect(flat).toMatch(/Shadow week, engagement: Mon 11 Jan 2027 10:00/);
    expect(flat).toMatch(/Your first primary week, engagement: .*is your senior backup/);
    expect(flat).toMatch(/hands over to you/);
    // The issue marked read-first, and the pipeline's links.
    expect(flat).toContain('Read first: Late-arriving click data in Kafka causing missing aggregations');
    expect(flat).toContain('https://grafana.example.com/d/engagement');
    // Phone and chat before e-mail, the roster's checklist, the commands to swap and take time off.
    expect(flat).toContain('Data Engineering Team (+44 20 7946 0100, #data-eng)');
    expect(flat).toContain('- [ ] Ask to be added to the pager schedule and to the #data-eng channel.');
    expect(flat).toContain('runbook swap hugo ');
    expect(flat).toContain('runbook away add hugo --from <day> --to <day> --reason leave');
    expect(flat).toMatch(/Freshness: the newest data must be no older than/);
  });

  it('writes the guide with -o, and refuses a person the roster does not have (exit 2)', () => {
    const out = join(tmp(), 'book');
    expect(runBin(['docs', '--person', 'hugo', '-o', out, '--at', AT]).code).toBe(0);
    expect(readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()).toEqual(['people', 'people/hugo.md']);
    const unknown = runBin(['docs', '--person', 'zed']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/--person zed: no such person in the roster/);
  });

  it('never lets a pipeline page overwrite the index or on-call practice', () => {
    const { dir, root } = runbooksFolder({
      'index.yaml': PIPELINE_YAML.replace('id: clicks', 'id: index'),
      'oncall.yaml': PIPELINE_YAML.replace('id: clicks', 'id: oncall')
        .replace('name: Clicks', 'name: Views')
        .replace('aliases: [tap]', 'aliases: [view]'),
      'roster.yaml': ROSTER_YAML,
    });
    expect(runBin(['--dir', dir, 'docs', '-o', 'book', '--at', AT], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, 'book', 'index.md'), 'utf8')).toMatch(/^# /);
    expect(readFileSync(join(root, 'book', 'index.md'), 'utf8')).toContain('(pipelines/index.md)');
    expect(readFileSync(join(root, 'book', 'oncall.md'), 'utf8')).toMatch(/^# On-call practice/);
    expect(readFileSync(join(root, 'book', 'pipelines', 'oncall.md'), 'utf8')).toMatch(/^# Views/);
  });

  it('tells who is on call this week and the next deadline', () => {
    const out = tmp();
    runBin(['docs', '-o', out, '--at', AT]);
    expect(readFileSync(join(out, 'pipelines', 'engagement.md'), 'utf8')).toContain(
      '**On call this week:** Emma Example, backed by Chloe Example, until Mon 2026-12-28 10:00 Europe/London.',
    );
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain(
      '| [Growth](pipelines/growth.md) | Accounts Team | Data Engineering Team | working hours | Thu 2026-12-31 17:00 Europe/London (statuses) |',
    );
  });
});
