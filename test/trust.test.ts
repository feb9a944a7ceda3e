/**
 * Answers that can be trusted: one validator for lint and every command, answers about the good files while
 * another is broken, and the hostile or odd inputs a careful user tries.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeUri } from '../src/render/lint/sarif.js';
import { writeAtomically } from '../src/util/write.js';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';
import { BIN, PROJECT, runBin } from './helpers/run.js';

/** The shipped runbooks, copied into a fresh project folder to break in one way. */
function shippedCopy(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'runbook-trust-'));
  cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  cpSync(join(PROJECT, 'schema'), join(root, 'schema'), { recursive: true });
  return { root, dir: join(root, 'runbooks') };
}

const edit = (path: string, from: string | RegExp, to: string) => {
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
};

const lintJson = (root: string, ...paths: string[]) => {
  const result = runBin(['lint', ...paths, '--format', 'json'], { cwd: root });
  return {
    code: result.code,
    report: JSON.parse(result.stdout) as {
      files: number;
      problems: { file: string; line: number; rule: string; message: string }[];
    },
  };
};

/** Every Profit BI member away over one week in the planned horizon: that week cannot be staffed. */
const PROFIT_TEAM_AWAY = (roster: string) =>
  roster.replace(
    /(  - id: (isla|jonas|kai|lena)\n)/g,
    '$1    away: [{ from: 2026-12-15, to: 2026-12-20, reason: offsite }]\n',
  );

describe('answers while something else is broken', () => {
  it('show engagement answers while growth.yaml is invalid; lint reports growth', () => {
    const { root, dir } = shippedCopy();
    edit(join(dir, 'growth.yaml'), 'mode: business-hours', 'mode: buisness-hours');
    for (const cache of [[], ['--no-cache']]) {
      const result = runBin(['show', 'engagement', ...cache], { cwd: root });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Engagement [engagement]');
      expect(result.stderr).toBe('runbook: left out runbooks/growth.yaml: it has errors (`runbook lint` lists them)\n');
    }
    expect(runBin(['search', 'kafka'], { cwd: root })).toMatchObject({ code: 0 });
    const list = runBin(['list', '--json'], { cwd: root });
    expect(JSON.parse(list.stdout).map((entry: { id: string }) => entry.id)).toEqual([
      'aggregated',
      'engagement',
      'profit',
    ]);
    const shown = runBin(['show', 'growth'], { cwd: root });
    expect(shown).toMatchObject({ code: 2, stdout: '' });
    expect(shown.stderr).toMatch(/^runbook: runbooks\/growth\.yaml:\d+:\d+: error: `oncall\.mode` is "buisness-hours"/);
    const { code, report } = lintJson(root);
    expect(code).toBe(1);
    expect(report.problems.map((problem) => `${problem.file} ${problem.rule}`)).toEqual([
      'runbooks/growth.yaml schema-enum',
    ]);
  });

  it('show engagement and who answer while Profit BI has an uncoverable week; lint names week, pipeline and who is away', () => {
    const { root, dir } = shippedCopy();
    writeFileSync(join(dir, 'roster.yaml'), PROFIT_TEAM_AWAY(readFileSync(join(dir, 'roster.yaml'), 'utf8')));
    const at = ['--at', '2026-12-16T12:00:00Z'];
    const note =
      'runbook: runbooks/profit.yaml: a rotation week no one can take (the first: week of 2026-12-14); `runbook lint` says why\n';
    const show = runBin(['show', 'engagement', ...at], { cwd: root });
    expect(show).toMatchObject({ code: 0, stderr: note });
    // The look-ahead kept in the cache answers the same as one planned afresh.
    expect(runBin(['show', 'engagement', ...at], { cwd: root })).toEqual(show);
    expect(runBin(['show', 'engagement', ...at, '--no-cache'], { cwd: root })).toEqual(show);
    expect(show.stdout).toMatch(/On call now: \S+ Example/);
    // Weeks ahead: the same one line, as lint's look-ahead would report it; after the week, none.
    expect(runBin(['show', 'engagement', '--at', '2026-12-01T12:00:00Z'], { cwd: root })).toMatchObject({
      code: 0,
      stderr: note,
    });
    expect(runBin(['show', 'engagement', '--at', '2026-12-22T12:00:00Z'], { cwd: root })).toMatchObject({
      code: 0,
      stderr: '',
    });
    const who = runBin(['who', ...at], { cwd: root });
    expect(who.code).toBe(0);
    expect(who.stdout).toMatch(/engagement +\S+ Example/);
    expect(who.stdout.replace(/\s+/g, ' ')).toMatch(
      /profit no one: this week cannot be staffed under the rotation rules: no one can take the profit shift: everyone in Profit BI is unavailable \(isla away 2026-12-15 to 2026-12-20 \(offsite\);/,
    );
    expect(who.stderr).toBe('');
    // Asked about that pipeline alone: the same answer on stdout, the same exit (an answer, not an error).
    const profit = runBin(['who', 'profit', ...at], { cwd: root });
    expect(profit.code).toBe(0);
    expect(profit.stdout).toMatch(/profit +no one: this week cannot be staffed/);
    const json = JSON.parse(runBin(['who', 'profit', '--json', ...at], { cwd: root }).stdout);
    expect(json).toEqual([
      {
        pipeline: 'profit',
        primary: null,
        until: null,
        reason: expect.stringMatching(/no one can take the profit shift: everyone in Profit BI is unavailable/),
      },
    ]);
    // The week after is planned as usual.
    expect(runBin(['who', 'profit', '--at', '2026-12-23T12:00:00Z'], { cwd: root }).code).toBe(0);
    // lint, as of a day before that week.
    const lint = spawnSync(process.execPath, [BIN, 'lint', '--format', 'json', '--at', '2026-12-10T12:00:00Z'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const problems = JSON.parse(lint.stdout).problems as {
      file: string;
      line: number;
      rule: string;
      message: string;
    }[];
    const coverage = problems.filter((problem) => problem.rule === 'rotation-coverage');
    expect(lint.status).toBe(1);
    expect(coverage).toEqual([
      expect.objectContaining({
        file: 'runbooks/profit.yaml',
        line: 38,
        message: expect.stringMatching(
          /^week of 2026-12-14 .*profit shift: everyone in Profit BI is unavailable \(isla away/,
        ),
      }),
    ]);
  });

  it('rotate refuses the uncoverable week, but writes a calendar that starts after it', () => {
    const { root, dir } = shippedCopy();
    writeFileSync(join(dir, 'roster.yaml'), PROFIT_TEAM_AWAY(readFileSync(join(dir, 'roster.yaml'), 'utf8')));
    const refused = runBin(['rotate', '--weeks', '4', '--start', '2026-12-07', '--format', 'json'], { cwd: root });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^runbook: week of 2026-12-14 .*profit shift/);
    expect(runBin(['rotate', '--weeks', '4', '--start', '2026-12-21', '--format', 'json'], { cwd: root }).code).toBe(0);
    expect(
      runBin(['rotate', '--weeks', '4', '--start', '2026-12-07', '--pipeline', 'engagement', '--format', 'json'], {
        cwd: root,
      }).code,
    ).toBe(0);
  });

  it('a roster error in one team makes only that team’s on-call unknown: every runbook still answers', () => {
    const { root, dir } = shippedCopy();
    edit(join(dir, 'roster.yaml'), 'members: [isla, jonas, kai, lena]', 'members: [isla, jonas, kai, lena, zoe]');
    const at = ['--at', '2027-01-13T12:00:00Z'];
    const line =
      readFileSync(join(dir, 'roster.yaml'), 'utf8')
        .split('\n')
        .findIndex((text) => text.includes('zoe')) + 1;
    const unknown = new RegExp(
      `^runbook: on-call unknown[^\\n]*Profit BI has an error in runbooks/roster\\.yaml \\(line ${line}: "zoe" is not one of the people`,
      'm',
    );
    const show = runBin(['show', 'engagement', ...at], { cwd: root });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/On call now: Emma Example/);
    expect(show.stderr).toMatch(unknown);
    const profit = runBin(['show', 'profit', ...at], { cwd: root });
    expect(profit.code).toBe(0);
    expect(profit.stdout).toMatch(/Numbers not aligning/);
    expect(profit.stdout).toMatch(/On call now: unknown/);
    expect(profit.stdout).toMatch(/1\. On-call engineer: unknown \(a file it depends on has errors\)/);
    expect(profit.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(runBin(['list'], { cwd: root })).toMatchObject({ code: 0 });
    const who = runBin(['who', ...at], { cwd: root });
    expect(who.code).toBe(0);
    expect(who.stdout).toMatch(/engagement +Emma Example/);
    expect(who.stdout).toMatch(/profit +unknown: Profit BI has an error in runbooks\/roster\.yaml/);
    const whoProfit = runBin(['who', 'profit', ...at], { cwd: root });
    expect(whoProfit).toMatchObject({ code: 2, stdout: '' });
    expect(whoProfit.stderr).toMatch(/^runbook: on-call unknown for profit: Profit BI has an error/);
    expect(lintJson(root).report.problems.map((problem) => problem.rule)).toEqual(['member-exists']);
  });

  it('a roster error outside its teams and people (the time zone) stops the answers that need it', () => {
    const { root, dir } = shippedCopy();
    edit(join(dir, 'roster.yaml'), 'timezone: Europe/London', 'timezone: Europe/Londn');
    for (const args of [['show', 'engagement'], ['list'], ['who']]) {
      const result = runBin(args, { cwd: root });
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/^runbook: runbooks\/roster\.yaml:\d+:\d+: error: `timezone`/);
    }
    expect(runBin(['search', 'kafka'], { cwd: root }).code).toBe(0);
  });
});

describe('one validator: what lint refuses, the commands leave out', () => {
  it.each([
    [
      'unknown owner team',
      'engagement.yaml',
      'primary: Software Frontend Team',
      'primary: Software Frontend Tema',
      'team-exists',
    ],
    ['a name another pipeline has', 'engagement.yaml', 'name: Engagement', 'name: Growth', 'unique-name'],
    ['duplicate issue ids', 'engagement.yaml', 'id: duplicate-events', 'id: kafka-outage', 'unique-issue-id'],
    ['id differing from the file name', 'engagement.yaml', 'id: engagement', 'id: engagements', 'id-matches-file'],
    [
      'every month due on a weekday',
      'growth.yaml',
      'due: end-of-week',
      'due: friday 17:00\n    # every: week above is now month',
      'schema-value',
    ],
  ])('%s', (_, file, from, to, rule) => {
    const { root, dir } = shippedCopy();
    edit(join(dir, file), from, to);
    if (rule === 'schema-value') edit(join(dir, file), 'every: week', 'every: month');
    const { report } = lintJson(root);
    expect(report.problems.map((problem) => `${problem.file} ${problem.rule}`)).toEqual([`runbooks/${file} ${rule}`]);
    const list = runBin(['list', '--json'], { cwd: root });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((entry: { id: string }) => entry.id)).not.toContain(file.replace('.yaml', ''));
    expect(list.stderr).toBe(`runbook: left out runbooks/${file}: it has errors (\`runbook lint\` lists them)\n`);
  });

  it('a file with a duplicate key and a type error still gets its cross-file errors, in one run', () => {
    const { root, dir } = shippedCopy();
    edit(join(dir, 'engagement.yaml'), 'name: Engagement\n', 'name: Engagement\nname: Engagement again\n');
    edit(join(dir, 'engagement.yaml'), 'within: 48h', 'within: [48h]');
    edit(join(dir, 'engagement.yaml'), 'primary: Software Frontend Team', 'primary: Software Frontend Tema');
    const { report } = lintJson(root);
    expect(report.problems.map((problem) => problem.rule)).toEqual([
      'yaml-duplicate-key',
      'team-exists',
      'schema-type',
    ]);
    expect(report.problems.find((problem) => problem.rule === 'team-exists')!.message).toContain(
      'did you mean "Software Frontend Team"?',
    );
  });

  it('linting the roster alone (as pre-commit does) catches a team rename that breaks a pipeline', () => {
    const { root, dir } = shippedCopy();
    edit(join(dir, 'roster.yaml'), 'name: Profit BI', 'name: Profit Analytics');
    const { code, report } = lintJson(root, 'runbooks/roster.yaml');
    expect(code).toBe(1);
    expect(report.files).toBe(1);
    expect(report.problems.map((problem) => `${problem.file}:${problem.line} ${problem.rule}`)).toEqual([
      'runbooks/profit.yaml:38 team-exists',
    ]);
  });

  it('linting one pipeline does not report the other files’ own problems', () => {
    const { root, dir } = shippedCopy();
    edit(join(dir, 'growth.yaml'), 'mode: business-hours', 'mode: buisness-hours');
    expect(lintJson(root, 'runbooks/engagement.yaml')).toMatchObject({ code: 0, report: { files: 1, problems: [] } });
  });

  it('lint at a project root lints its runbooks folder; hidden YAML files (.pre-commit-hooks.yaml) are no runbooks', () => {
    const { root } = shippedCopy();
    writeFileSync(join(root, '.pre-commit-hooks.yaml'), readFileSync(join(PROJECT, '.pre-commit-hooks.yaml')));
    expect(runBin(['lint', '.', '--at', '2026-11-30'], { cwd: root })).toEqual({
      code: 0,
      stdout: '✔ 5 files checked, no problems\n',
      stderr: '',
    });
    // A folder with neither runbook files nor a runbooks folder: nothing to lint is no pass.
    const empty = runBin(['lint', mkdtempSync(join(tmpdir(), 'runbook-empty-'))], { cwd: root });
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toMatch(/no runbook files \(\*\.yaml, \*\.yml\) in .*: nothing to lint/);
  });
});

describe('odd and hostile inputs', () => {
  it('refuses BST and EST as time zones, naming the zone meant', () => {
    const { root, dir } = shippedCopy();
    edit(join(dir, 'roster.yaml'), 'timezone: Europe/London', 'timezone: BST');
    const { report } = lintJson(root);
    expect(report.problems).toEqual([
      expect.objectContaining({
        line: 6,
        rule: 'schema-value',
        message: '`timezone` "BST" an abbreviation, not an IANA time zone: write Europe/London (or the zone you mean)',
      }),
    ]);
    expect(runBin(['show', 'engagement'], { cwd: root }).code).toBe(2);
  });

  it('follows a symbolic link to a runbook, and refuses a link loop by name', () => {
    const { root, dir } = runbooksFolder({ 'roster.yaml': ROSTER_YAML });
    writeFileSync(join(root, 'clicks-source.yaml'), PIPELINE_YAML);
    symlinkSync(join(root, 'clicks-source.yaml'), join(dir, 'clicks.yaml'));
    expect(runBin(['show', 'clicks'], { cwd: root })).toMatchObject({ code: 0, stderr: '' });
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    const { report } = lintJson(root);
    expect(report.problems.map((problem) => `${problem.file} ${problem.rule}`)).toEqual([
      'runbooks/loop-a.yaml file-unreadable',
      'runbooks/loop-b.yaml file-unreadable',
    ]);
    expect(report.problems[0]!.message).toContain('loops back on itself');
    expect(runBin(['show', 'clicks'], { cwd: root })).toMatchObject({
      code: 0,
      stderr:
        'runbook: left out runbooks/loop-a.yaml, runbooks/loop-b.yaml: they have errors (`runbook lint` lists them)\n',
    });
  });

  it('refuses a FIFO, a device and a folder named *.yaml without reading them', () => {
    const { root, dir } = runbooksFolder({ 'clicks.yaml': PIPELINE_YAML, 'roster.yaml': ROSTER_YAML });
    expect(spawnSync('mkfifo', [join(dir, 'pipe.yaml')]).status).toBe(0);
    spawnSync('mkdir', [join(dir, 'folder.yaml')]);
    // Named on the command line: a usage error at once (it would hang or read forever).
    expect(runBin(['lint', 'runbooks/pipe.yaml'], { cwd: root })).toMatchObject({
      code: 2,
      stderr:
        'runbook: cannot lint runbooks/pipe.yaml: it is a named pipe (FIFO), not a file; name a runbook file or folder\n',
    });
    expect(runBin(['lint', '/dev/zero'], { cwd: root })).toMatchObject({
      code: 2,
      stderr: 'runbook: cannot lint /dev/zero: it is a device or socket, not a file; name a runbook file or folder\n',
    });
    // Found in the folder: a problem by name.
    const { report } = lintJson(root);
    expect(report.problems.map((problem) => `${problem.file} ${problem.rule}`)).toEqual([
      'runbooks/folder.yaml file-not-regular',
      'runbooks/pipe.yaml file-not-regular',
    ]);
    expect(runBin(['show', 'clicks'], { cwd: root }).code).toBe(0);
  });

  it('refuses a Latin-1 file at its first byte that is not UTF-8, instead of reading mojibake', () => {
    const { root, dir } = runbooksFolder({ 'roster.yaml': ROSTER_YAML });
    writeFileSync(
      join(dir, 'clicks.yaml'),
      Buffer.from(PIPELINE_YAML.replace('Producers lag.', 'Producers lag (caf\xe9).'), 'latin1'),
    );
    const { report } = lintJson(root);
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: 'runbooks/clicks.yaml',
        line: 11,
        column: 30,
        rule: 'file-encoding',
        message: 'the file is not UTF-8 (byte 0xE9 here): save it as UTF-8',
      }),
    ]);
  });

  it('lints 50,000 unknown keys in one file (linear, not quadratic)', () => {
    const { root, dir } = runbooksFolder({ 'roster.yaml': ROSTER_YAML });
    const keys = Array.from({ length: 50_000 }, (_, i) => `zz${i}: 1`).join('\n');
    writeFileSync(join(dir, 'clicks.yaml'), `${PIPELINE_YAML}${keys}\n`);
    const { report } = lintJson(root);
    expect(report.problems).toHaveLength(50_000);
    expect(report.problems[49_999]).toMatchObject({
      line: PIPELINE_YAML.split('\n').length + 49_999,
      rule: 'schema-unknown-key',
    });
  });

  it('accepts 101 aliases of shared defaults; refuses a file that aliases multiply', () => {
    const { root, dir } = runbooksFolder({ 'roster.yaml': ROSTER_YAML });
    const issues = Array.from(
      { length: 101 },
      (_, i) => `  - id: issue-${i}\n    title: Issue ${i}\n    resolution: *steps`,
    ).join('\n');
    const text = PIPELINE_YAML.replace('aliases: [tap]', 'aliases: &steps [tap, check lag]').replace(
      /issues:\n[\s\S]*?sla:/,
      `issues:\n${issues}\nsla:`,
    );
    writeFileSync(join(dir, 'clicks.yaml'), text);
    expect(lintJson(root).report.problems).toEqual([]);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`),
    ].join('\n');
    writeFileSync(join(dir, 'bomb.yaml'), bomb);
    expect(lintJson(root).report.problems).toEqual([
      expect.objectContaining({
        file: 'runbooks/bomb.yaml',
        rule: 'yaml-syntax',
        message: expect.stringContaining('alias bomb'),
      }),
    ]);
  });

  it('keeps messages short when a file quotes something huge', () => {
    const { root, dir } = runbooksFolder({ 'roster.yaml': ROSTER_YAML });
    writeFileSync(join(dir, 'clicks.yaml'), PIPELINE_YAML.replace('mode: rotation', `mode: "${'r'.repeat(170_000)}"`));
    const { report } = lintJson(root);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.message.length).toBeLessThanOrEqual(400);
    expect(report.problems[0]!.message.endsWith('…')).toBe(true);
  });

  it('prints no escape sequence from any string of a file, in any command', () => {
    const evil = 'Accounts\u001b[2J\u001b]0;pwned\u0007\u009b31m Team';
    const { root } = runbooksFolder({
      'growth.yaml': `id: growth\nname: "Growth\\e[31m"\nowners: { primary: "${evil
        .replace(/\u001b/g, '\\e')
        .replace(/\u0007/g, '\\a')
        .replace(
          /\u009b/g,
          '\\x9b',
        )}" }\nissues: []\nsla:\n  - { id: statuses, kind: deadline, every: week, due: end-of-week, by: "${evil
        .replace(/\u001b/g, '\\e')
        .replace(/\u0007/g, '\\a')
        .replace(/\u009b/g, '\\x9b')}" }\noncall: { mode: business-hours }\n`,
    });
    for (const args of [
      ['sla'],
      ['sla', 'growth'],
      ['show', 'growth'],
      ['list'],
      ['owners'],
      ['sla', '--json'],
      ['list', '--json'],
    ]) {
      const result = runBin(args, { cwd: root, env: { FORCE_COLOR: '1' } });
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout.replace(/\u001b\[[0-9;]*m/g, ''), args.join(' ')).not.toMatch(/[\u001b\u0007\u009b]/);
      expect(result.stdout).toMatch(/Accounts(\[2J)? ?(31m)? ?Team|Accounts.*Team/);
    }
  });

  it('keeps the exit code when the reader of the output goes away (lint | head -c 20)', async () => {
    const { root, dir } = runbooksFolder({ 'roster.yaml': ROSTER_YAML });
    for (let i = 0; i < 40; i++)
      writeFileSync(
        join(dir, `p${i}.yaml`),
        PIPELINE_YAML.replace('id: clicks', `id: p${i}`)
          .replace('name: Clicks', `name: P${i}`)
          .replace('aliases: [tap]', `aliases: [t${i}]`)
          .replace('within: 48h', 'within: soon'),
      );
    for (let run = 0; run < 5; run++) {
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'lint'], {
          cwd: root,
          env: { PATH: process.env.PATH, NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        child.stdout.once('data', () => child.stdout.destroy());
        child.stdout.destroy();
        child.on('close', resolve);
      });
      expect(code).toBe(1);
    }
  });

  it('percent-encodes SARIF file URIs', () => {
    expect(relativeUri('runbooks/my file#2.yaml')).toBe('runbooks/my%20file%232.yaml');
    expect(relativeUri('runbooks\\100%.yaml')).toBe('runbooks/100%25.yaml');
  });

  it('writes atomically through a random temporary file, replacing a symbolic link instead of following it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-write-'));
    writeFileSync(join(dir, 'elsewhere.txt'), 'keep me');
    symlinkSync(join(dir, 'elsewhere.txt'), join(dir, 'out.ics'));
    writeAtomically(join(dir, 'out.ics'), 'calendar');
    expect(readFileSync(join(dir, 'elsewhere.txt'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, 'out.ics')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'out.ics'), 'utf8')).toBe('calendar');
    expect(readdirSync(dir).sort()).toEqual(['elsewhere.txt', 'out.ics']);
    expect(realpathSync(join(dir, 'out.ics'))).toBe(join(realpathSync(dir), 'out.ics'));
  });

  it('prints the version of this build', () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string };
    expect(runBin(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});
