import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers/run.js';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';

describe('CLI wiring (in process)', () => {
  it.each([
    [['list'], 0, /engagement/],
    [['show', 'engagement'], 0, /Late-arriving click data/],
    [['show', 'exec'], 0, /Aggregated Data for Executives and Investors/],
    [['owners'], 0, /Data Engineering/],
    [['owners', 'accounts'], 0, /growth/],
    [['search', 'oom'], 0, /Spark joins failing/],
    [['--help'], 0, /Examples:/],
    [['show', '--help'], 0, /\$ runbook show engagement/],
  ])('runbook %j exits %i', async (args, code, stdout) => {
    const result = await runInProcess(args);
    expect(result).toMatchObject({ code, stderr: '' });
    expect(result.stdout).toMatch(stdout);
  });

  it.each([
    [
      ['show', 'nosuch'],
      'runbook: unknown pipeline "nosuch": known pipelines: aggregated, engagement, growth, profit (runbook list shows them)\n',
    ],
    [['show', 'engagment'], 'runbook: unknown pipeline "engagment": did you mean "engagement"?\n'],
    [['owners', 'nobody'], expect.stringContaining('runbook: no pipeline is owned by a team "nobody"')],
    [['frobnicate'], "runbook: unknown command 'frobnicate'\n"],
    [['lnt'], "runbook: unknown command 'lnt' (did you mean lint?)\n"],
    [['list', '--frob'], "runbook: unknown option '--frob'\n"],
    [['rotate', '--week', '12'], "runbook: unknown option '--week' (did you mean --weeks?)\n"],
    [['rotate', '--weeks'], "runbook: option '-w, --weeks <n>' argument missing\n"],
    [['rotate'], 'runbook: --weeks <n> is required: for example, runbook rotate --weeks 12\n'],
    [['docs'], 'runbook: -o, --output <dir> is required: for example, runbook docs -o handbook\n'],
    [
      ['sla', 'check'],
      'runbook: --observations <file> is required: for example, runbook sla check --observations observed.yaml\n',
    ],
    [['show'], "runbook: missing required argument 'pipeline'\n"],
    [['rotate', '--weeks', '2', '--person', 'anna'], 'runbook: no person "anna" in the roster: did you mean "ana"?\n'],
    [['sla', 'chek'], 'runbook: no pipeline or subcommand "chek": did you mean `runbook sla check`?\n'],
  ])('runbook %j is a usage error (exit 2)', async (args, stderr) => {
    const result = await runInProcess(args);
    expect(result).toEqual({ code: 2, stdout: '', stderr });
  });

  it("shows a subcommand's help through help, with each option once", async () => {
    const help = await runInProcess(['help', 'sla', 'check']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: runbook sla check \[options\]/);
    const direct = await runInProcess(['sla', 'check', '--help']);
    expect(direct.stdout).toBe(help.stdout);
    expect(direct.stdout.match(/^ +--at <time>/gm)).toHaveLength(1);
  });

  it('shows one common issue, steps first, found by id or by words from it', async () => {
    const byId = await runInProcess(['show', 'engagement', 'late-click-data']);
    expect(byId).toMatchObject({ code: 0, stderr: '' });
    expect(byId.stdout).toMatch(
      /^Late-arriving click data in Kafka causing missing aggregations \[late-click-data\]\n/,
    );
    // Steps, the links they need, symptoms, cause, the way up.
    const order = [
      '\nSteps\n',
      '\n  → Click consumer lag: https://',
      '\nSymptoms\n',
      '\nCause: ',
      '\nWho to call: ',
    ].map((mark) => byId.stdout.indexOf(mark));
    expect(
      order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)),
      order.join(' '),
    ).toBe(true);
    expect(byId.stdout).toContain('1. Check consumer lag on the click topics');
    const byWords = await runInProcess(['show', 'engagement', 'aggregations', 'look', 'low']);
    expect(byWords.stdout).toBe(byId.stdout);
    const json = JSON.parse((await runInProcess(['show', 'engagement', 'late-click-data', '--json'])).stdout);
    expect(json).toMatchObject({ pipeline: 'engagement', issue: { id: 'late-click-data' } });
    expect(await runInProcess(['show', 'engagement', 'nothing', 'matches'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'runbook: no common issue of engagement matches "nothing matches": its issues are late-click-data, kafka-outage, duplicate-events\n',
    });
  });

  it('prints JSON for every look-up command, with the answer the text gives', async () => {
    const json = async (...args: string[]) => {
      const result = await runInProcess([...args, '--json']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(result.stdout) as unknown;
    };
    const list = (await json('list')) as { id: string; issues: number; oncall: { mode: string } }[];
    expect(list.map((entry) => `${entry.id} ${entry.issues} ${entry.oncall.mode}`)).toEqual([
      'aggregated 3 rotation',
      'engagement 3 rotation',
      'growth 1 business-hours',
      'profit 1 rotation',
    ]);
    const growth = (await json('show', 'growth')) as { id: string; owners: unknown; issues: { id: string }[] };
    expect(growth).toMatchObject({ id: 'growth', owners: { primary: ['Accounts Team'] } });
    expect(growth.issues.map((issue) => issue.id)).toContain('missing-time-series');
    const owners = (await json('owners')) as { team: string; primary: string[]; secondary: string[] }[];
    expect(owners.find((owner) => owner.team === 'Data Engineering Team')).toMatchObject({
      primary: [],
      secondary: ['aggregated', 'engagement', 'growth', 'profit'],
    });
    const found = (await json('search', 'kafka')) as { pipeline: string; issue: { id: string }; score: number }[];
    // Best first: the issue named for Kafka outranks the one that mentions Kafka in passing.
    expect(found.map((hit) => `${hit.pipeline}/${hit.issue.id}`)).toEqual([
      'engagement/kafka-outage',
      'engagement/late-click-data',
      'engagement/duplicate-events',
    ]);
    expect(found.map((hit) => hit.score)).toEqual([...found.map((hit) => hit.score)].sort((x, y) => y - x));
  });

  it('finds the runbooks folder from RUNBOOK_DIR and --dir', async () => {
    const { root, dir } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML, 'roster.yaml': ROSTER_YAML });
    expect((await runInProcess(['list', '--json'], { cwd: '/', env: { RUNBOOK_DIR: dir } })).stdout).toContain(
      '"clicks"',
    );
    expect((await runInProcess(['--dir', dir, 'show', 'tap'], { cwd: '/' })).stdout).toContain('Clicks [clicks]');
    expect((await runInProcess(['list', '-d', 'runbooks'], { cwd: root })).code).toBe(0);
    expect(await runInProcess(['list', '--dir', '/no/such/folder'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'runbook: --dir /no/such/folder: no such folder; point it at the folder holding your runbook YAML files\n',
    });
  });

  it('refuses to run on an invalid runbook, naming every problem with its position', async () => {
    const { dir } = runbooksFolder({
      'clicks.yaml': PIPELINE_YAML.replace('within: 48h', 'within: 48').replace('mode: rotation', 'mode: rota'),
    });
    const result = await runInProcess(['--dir', dir, 'show', 'clicks']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /^runbook: .*clicks\.yaml:16:13: error: `sla\[0\]\.within` must be a string, not a number \(schema-type\)$/,
      ),
      expect.stringMatching(
        /^runbook: .*clicks\.yaml:18:9: error: `oncall\.mode` is "rota": use one of rotation, business-hours, none \(did you mean rotation\?\) \(schema-enum\)$/,
      ),
    ]);
  });
});

describe('the terminal: tables sized to it, one line a row when piped, the issue page on one screen', () => {
  const tty = (columns: number, ...args: string[]) =>
    runInProcess(args, { columns, env: { NO_COLOR: '1' }, now: new Date('2026-12-02T12:00:00Z') });

  it('piped: every row of list on one line, however long', async () => {
    const { stdout } = await runInProcess(['list']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines[1]).toMatch(
      /^aggregated .*Business Analytics Team then Data Engineering Team .*Fri 26 Feb 2027 17:00 resolution$/,
    );
  });

  it('on a terminal: within its width, and using a wide one', async () => {
    const narrow = (await tty(80, 'list')).stdout.trimEnd().split('\n');
    expect(Math.max(...narrow.map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(narrow.length).toBeLessThanOrEqual(1 + 10 + 1);
    const wide = (await tty(200, 'list')).stdout.trimEnd().split('\n');
    expect(wide[1]).toMatch(/Aggregated Data for Executives and Investors {2}Business Analytics Team /);
    expect(wide.length).toBeLessThan(narrow.length);
  });

  it('show <pipeline> <issue> at 80 × 24: who is on call first with phone and chat, the steps next, all in 23 lines', async () => {
    const { stdout } = await tty(80, 'show', 'engagement', 'late-click-data');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^Engagement \[engagement\], on call now: \w+ Example \(\+44 20 7946 \d{4}, @\w+\)/);
    expect(lines.findIndex((line) => line === 'Steps')).toBeLessThanOrEqual(4);
    // Every shipped issue, in each of eight weeks (the people on call, and so the header, change).
    const pages = JSON.parse((await runInProcess(['list', '--json'])).stdout) as { id: string }[];
    for (const { id } of pages) {
      const shown = JSON.parse((await runInProcess(['show', id, '--json'])).stdout) as { issues: { id: string }[] };
      for (const issue of shown.issues)
        for (let week = 0; week < 8; week++) {
          const at = new Date(Date.UTC(2026, 11, 2 + 7 * week, 12)).toISOString();
          const page = (await tty(80, 'show', id, issue.id, '--at', at)).stdout.trimEnd().split('\n');
          expect(page.length, `${id} ${issue.id} at ${at}`).toBeLessThanOrEqual(23);
          expect(Math.max(...page.map((line) => line.length))).toBeLessThanOrEqual(80);
        }
    }
  });
});

describe('runbook init', () => {
  it('writes a starter folder that lints clean, and never over existing files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'runbook-init-'));
    const init = await runInProcess(['init', 'demo'], { cwd: root });
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain('wrote demo/runbooks/roster.yaml');
    expect(readFileSync(join(root, 'demo', 'runbooks', 'orders.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\/pipeline\.schema\.json\n/,
    );
    expect(existsSync(join(root, 'demo', 'schema', 'pipeline.schema.json'))).toBe(true);
    const lint = await runInProcess(['--dir', 'demo/runbooks', 'lint'], { cwd: root });
    expect(lint).toMatchObject({ code: 0, stdout: '✔ 2 files checked, no problems\n' });
    const roster = readFileSync(join(root, 'demo', 'runbooks', 'roster.yaml'), 'utf8');
    const again = await runInProcess(['init', 'demo'], { cwd: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^runbook: demo\/runbooks\/roster\.yaml, .* already exist: nothing written\n$/);
    expect(readFileSync(join(root, 'demo', 'runbooks', 'roster.yaml'), 'utf8')).toBe(roster);
  });
});

describe('sla check reads observations with -i', () => {
  it('takes -i and --observations; -o (an output file everywhere else) is refused with the flag meant', async () => {
    const refused = await runInProcess(['sla', 'check', '-o', 'observed.json']);
    expect(refused).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'runbook: sla check reads what was observed with -i, --observations (-o is for output files): runbook sla check -i observed.json\n',
    });
    const help = await runInProcess(['sla', 'check', '--help']);
    expect(help.stdout).toContain('-i, --observations <file>');
    expect(help.stdout).not.toMatch(/-o, --output/);
  });
});
