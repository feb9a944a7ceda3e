/** lint end to end: the built CLI over folders of real files, every format, hostile inputs. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths, lintFiles } from '../src/lint/lint.js';
import { renderGithub } from '../src/render/lint/github.js';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';
import { runBin, runInProcess } from './helpers/run.js';

const threeFaults = () =>
  runbooksFolder({
    'roster.yaml': ROSTER_YAML.replace('members: [ana, ben]', 'members: [ana, ben, cara]'),
    'clicks.yaml': PIPELINE_YAML.replace('within: 48h', 'within: two days'),
    'views.yaml': PIPELINE_YAML.replace('id: clicks', 'id: views')
      .replace('name: Clicks', 'name: Views')
      .replace('aliases: [tap]', 'aliases: [look]')
      .replace('primary: Web Team', 'primary: Web Taem'),
  });

describe('runbook lint', () => {
  it('passes the shipped runbooks', () => {
    expect(runBin(['lint'])).toEqual({ code: 0, stdout: '✔ 5 files checked, no problems\n', stderr: '' });
  });

  it('reports the faults of three files in one run, grouped by file, exit 1', () => {
    const { root } = threeFaults();
    const result = runBin(['lint'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'runbooks/clicks.yaml',
        '  16:13   error    `sla[0].within` "two days" is not a duration: write a duration like 30m, 48h, 7d, 2w or PT48H  schema-value',
        '',
        'runbooks/roster.yaml',
        '  6:25    error    "cara" is not one of the people: add them under people  member-exists',
        '',
        'runbooks/views.yaml',
        '  5:12    error    team "Web Taem" is not in the roster: did you mean "Web Team"?  team-exists',
        '',
        '✖ 3 problems (3 errors, 0 warnings) in 3 files',
        '',
      ].join('\n'),
    );
  });

  it('prints the documented JSON shape', () => {
    const { root } = threeFaults();
    const report = JSON.parse(runBin(['lint', '--format', 'json'], { cwd: root }).stdout);
    expect(report).toMatchObject({ files: 3, errors: 3, warnings: 0 });
    expect(report.problems[0]).toEqual({
      file: 'runbooks/clicks.yaml',
      line: 16,
      column: 13,
      severity: 'error',
      rule: 'schema-value',
      message: '`sla[0].within` "two days" is not a duration: write a duration like 30m, 48h, 7d, 2w or PT48H',
    });
    expect(JSON.parse(runBin(['lint', '--json'], { cwd: root }).stdout)).toEqual(report);
  });

  it('writes GitHub annotations, chosen automatically under GitHub Actions', () => {
    const { root } = threeFaults();
    const explicit = runBin(['lint', '--format', 'github'], { cwd: root });
    const auto = runBin(['lint'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } });
    expect(auto.stdout).toBe(explicit.stdout);
    const lines = explicit.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(/^::error file=runbooks\/[a-z]+\.yaml,line=\d+,col=\d+,title=[a-z-]+::[^\n]+$/);
    expect(lines[2]).toBe(
      '::error file=runbooks/views.yaml,line=5,col=12,title=team-exists::team "Web Taem" is not in the roster: did you mean "Web Team"?',
    );
  });

  it('escapes %, newlines, commas and colons in annotations', () => {
    const text = renderGithub({
      files: 1,
      errors: 1,
      warnings: 1,
      problems: [
        {
          file: 'a,b:c.yaml',
          line: 1,
          column: 2,
          severity: 'error',
          rule: 'yaml-syntax',
          message: '100% sure\nsecond line',
        },
        { file: 'x.yaml', line: 3, column: 4, severity: 'warning', rule: 'unmapped-text', message: 'a, b: c' },
      ],
    });
    expect(text).toBe(
      '::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=yaml-syntax::100%25 sure%0Asecond line\n::warning file=x.yaml,line=3,col=4,title=unmapped-text::a, b: c',
    );
  });

  it('writes SARIF 2.1.0 with the fields code scanning requires', () => {
    const { root } = threeFaults();
    const sarif = JSON.parse(runBin(['lint', '--format', 'sarif'], { cwd: root }).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe('runbook');
    expect(run.tool.driver.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.results).toHaveLength(3);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(typeof result.message.text).toBe('string');
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uri).toMatch(/^runbooks\/[a-z]+\.yaml$/);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
    }
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(0);
  });

  it('exits 0 on warnings alone unless --max-warnings is exceeded', () => {
    const { root } = runbooksFolder({
      'roster.yaml': ROSTER_YAML,
      'clicks.yaml': PIPELINE_YAML.replace('    resolution: [Check lag, Re-run]\n', ''),
    });
    const warned = runBin(['lint'], { cwd: root });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('warning  issue "late-data" has no resolution steps');
    expect(runBin(['lint', '--max-warnings', '1'], { cwd: root }).code).toBe(0);
    expect(runBin(['lint', '--max-warnings', '0'], { cwd: root })).toMatchObject({
      code: 1,
      stderr: 'runbook: 1 warnings, more than --max-warnings 0\n',
    });
    expect(runBin(['lint', '--max-warnings', 'many'], { cwd: root })).toMatchObject({ code: 2, stdout: '' });
  });

  it('lints named files, checking them against the roster beside them', () => {
    const { root } = threeFaults();
    const result = runBin(['lint', 'runbooks/views.yaml', '--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).problems.map((problem: { rule: string }) => problem.rule)).toEqual([
      'team-exists',
    ]);
  });

  it('checks contacts and links: absolute http(s) URLs, telephone numbers, chat handles, each at its line', () => {
    const { root } = runbooksFolder({
      'roster.yaml': ROSTER_YAML.replace(
        '    contact: "#data"\n',
        '    contact: "#data"\n    phone: call me\n',
      ).replace(
        '{ id: ana, name: Ana, email: ana@example.com, level: senior }',
        '{ id: ana, name: Ana, email: ana@example.com, level: senior, phone: "+44 20 7946 0101", chat: "@ana" }',
      ),
      'clicks.yaml': PIPELINE_YAML.replace(
        '    resolution: [Check lag, Re-run]\n',
        '    resolution: [Check lag, Re-run]\n    links:\n      - { title: Lag, url: "https://grafana.example.com/d/lag" }\n      - { title: Logs, url: "javascript:alert(1)" }\n',
      ).replace('oncall:\n', 'links:\n  - { title: DAG, url: /dags/clicks }\noncall:\n'),
    });
    const report = JSON.parse(runBin(['lint', '--format', 'json'], { cwd: root }).stdout) as {
      problems: { file: string; line: number; message: string }[];
    };
    expect(report.problems.map((problem) => `${problem.file}:${problem.line} ${problem.message}`)).toEqual([
      'runbooks/clicks.yaml:15 `issues[0].links[1].url` "javascript:alert(1)" is not an absolute http(s) URL: write one like https://grafana.example.com/d/engagement',
      'runbooks/clicks.yaml:21 `links[0].url` "/dags/clicks" is not an absolute http(s) URL: write one like https://grafana.example.com/d/engagement',
      'runbooks/roster.yaml:6 `teams[0].phone` "call me" is not a telephone number: write one like +44 20 7946 0000',
    ]);
  });

  it('gives exit 2 for a path that does not exist', () => {
    expect(runBin(['lint', 'no/such/path'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'runbook: cannot lint no/such/path: no such file or folder\n',
    });
  });
});

describe('hostile files', () => {
  const hostile = (): string => {
    const { dir } = runbooksFolder({ 'roster.yaml': ROSTER_YAML });
    writeFileSync(join(dir, 'huge.yaml'), `id: huge\nname: ${'x'.repeat(10 * 1024 * 1024)}\n`);
    writeFileSync(join(dir, 'garbage.yaml'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(dir, 'deep.yaml'), `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    writeFileSync(
      join(dir, 'bomb.yaml'),
      [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'proto.yaml'),
      `${PIPELINE_YAML.replace('id: clicks', 'id: proto')}__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n`,
    );
    writeFileSync(join(dir, 'tabs.yaml'), 'id: tabs\nowners:\n\tprimary: x\n');
    mkdirSync(join(dir, 'sub'));
    return dir;
  };

  it('reports each as a positioned or file-level problem, in bounded time, without crashing', () => {
    const dir = hostile();
    const result = runBin(['lint', dir, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { problems: { file: string; rule: string; message: string }[] };
    const rules = Object.fromEntries(
      report.problems.map((problem) => [problem.file.replace(/.*\//, ''), problem.rule]),
    );
    expect(rules).toMatchObject({
      'huge.yaml': 'file-too-large',
      'garbage.yaml': 'file-binary',
      'deep.yaml': 'yaml-syntax',
      'bomb.yaml': 'yaml-syntax',
      'proto.yaml': 'schema-unknown-key',
      'tabs.yaml': 'yaml-syntax',
    });
  });

  it('never pollutes the prototype', async () => {
    const dir = hostile();
    await lintFiles([join(dir, 'proto.yaml'), join(dir, 'roster.yaml')], dir);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(readFileSync(join(dir, 'proto.yaml'), 'utf8')).toContain('__proto__');
  });
});

describe('lint on many files', () => {
  it('gives the same report from worker threads (built CLI) as from one thread', async () => {
    const files: Record<string, string> = { 'roster.yaml': ROSTER_YAML };
    for (let i = 0; i < 900; i++) {
      const id = `p${String(i).padStart(4, '0')}`;
      let text = PIPELINE_YAML.replace('id: clicks', `id: ${id}`)
        .replace('name: Clicks', `name: Pipeline ${i}`)
        .replace('aliases: [tap]', `aliases: [a${i}]`);
      if (i % 97 === 0) text = text.replace('within: 48h', 'within: soon');
      if (i % 101 === 0) text = text.replace('primary: Web Team', 'primary: Web Taem');
      if (i % 103 === 0) text = text.replace('    resolution: [Check lag, Re-run]\n', '');
      if (i % 107 === 0) text = text.replace('mode: rotation', 'mode: rotaton');
      // Two people can staff one rotation a week: the others are handled in working hours.
      else if (i > 0) text = text.replace('mode: rotation', 'mode: business-hours');
      files[`${id}.yaml`] = text;
    }
    const { root, dir } = runbooksFolder(files);
    const built = runBin(['lint', 'runbooks', '--format', 'json'], { cwd: root });
    expect(built.code).toBe(1);
    const threaded = JSON.parse(built.stdout);
    const single = await lintFiles(expandPaths([dir], root), root);
    expect(threaded).toEqual(JSON.parse(JSON.stringify(single)));
    expect(threaded.problems.map((p: { rule: string }) => p.rule).sort()).toEqual(
      expect.arrayContaining(['schema-value', 'team-exists', 'issue-resolution', 'schema-enum']),
    );
    expect(threaded.errors).toBeGreaterThan(20);
  });
});

describe('lint formats', () => {
  it('the command offers exactly the registry’s formats', async () => {
    const { LINT_FORMAT_NAMES } = await import('../src/render/lint/formats.js');
    const help = await runInProcess(['lint', '--help']);
    const offered = /choices: ([^)]*)\)/.exec(help.stdout.replace(/\s+/g, ' '))![1]!.replace(/"/g, '').split(', ');
    expect(offered).toEqual(LINT_FORMAT_NAMES);
  });
});
