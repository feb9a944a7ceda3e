import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSource } from '../src/read/catalog.js';
import { loadCatalog } from '../src/validate/validate.js';
import { findRunbooksDir } from '../src/read/find.js';
import { parseSource, readSource } from '../src/read/source.js';
import { Pipeline } from '../src/model/pipeline.js';
import type { Problem } from '../src/model/problem.js';
import { PIPELINE_YAML, ROSTER_YAML, runbooksFolder } from './helpers/fixtures.js';

function problemsOf(text: string): Problem[] {
  const read = parseSource(text, 'clicks.yaml');
  const problems = [...read.problems];
  if (read.source) validateSource(read.source, Pipeline, problems);
  return problems;
}

const brief = (problems: Problem[]) =>
  problems.map(({ line, column, rule, message }) => ({ at: `${line}:${column}`, rule, message }));

describe('positioned schema problems', () => {
  it('points at the value of a wrong type', () => {
    const text = PIPELINE_YAML.replace('    within: 48h', '    within: 48');
    expect(brief(problemsOf(text))).toEqual([
      { at: '16:13', rule: 'schema-type', message: '`sla[0].within` must be a string, not a number' },
    ]);
  });

  it('points at an unknown key and guesses the intended one', () => {
    const text = PIPELINE_YAML.replace('    cause: Producers lag.', '    cuase: Producers lag.');
    expect(brief(problemsOf(text))).toEqual([
      { at: '11:5', rule: 'schema-unknown-key', message: 'unknown key `issues[0].cuase`: did you mean `cause`?' },
    ]);
  });

  it('points at the parent key of a missing key', () => {
    const text = PIPELINE_YAML.replace('  primary: Web Team\n', '');
    expect(brief(problemsOf(text))).toEqual([
      { at: '4:1', rule: 'schema-required', message: 'missing required key `owners.primary`: add it' },
    ]);
  });

  it('names the allowed values of an enum with a guess', () => {
    const text = PIPELINE_YAML.replace('  mode: rotation', '  mode: rotaton');
    expect(brief(problemsOf(text))).toEqual([
      {
        at: '18:9',
        rule: 'schema-enum',
        message: '`oncall.mode` is "rotaton": use one of rotation, business-hours, none (did you mean rotation?)',
      },
    ]);
  });

  it('reports an unknown SLA kind at the kind', () => {
    const text = PIPELINE_YAML.replace('    kind: freshness', '    kind: fresh');
    expect(brief(problemsOf(text))[0]).toMatchObject({ at: '15:11', rule: 'schema-enum' });
  });

  it('reports every problem of a file, not just the first', () => {
    const text = PIPELINE_YAML.replace('id: clicks', 'id: Clicks')
      .replace('    within: 48h', '    within: soon')
      .replace('  mode: rotation', '  mode: 3');
    expect(problemsOf(text).map((problem) => problem.line)).toEqual([1, 16, 18]);
  });

  it('reports duplicate keys and syntax errors at their line', () => {
    expect(brief(parseSource('id: a\nid: b\n', 'x.yaml').problems)).toEqual([
      {
        at: '2:1',
        rule: 'yaml-duplicate-key',
        message: 'duplicate key: each key may appear once in a mapping; remove or rename one of them',
      },
    ]);
    expect(parseSource('a: [1, 2\nb: 3\n', 'x.yaml').problems[0]).toMatchObject({ line: 2, rule: 'yaml-syntax' });
  });

  it('reads a file with a BOM and CRLF line ends', () => {
    expect(problemsOf(`\uFEFF${PIPELINE_YAML.replace(/\n/g, '\r\n')}`)).toEqual([]);
  });

  it('stops an alias bomb with a file-level problem', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(parseSource(bomb, 'x.yaml').problems[0]?.message).toMatch(/alias bomb/);
  });

  it('keeps __proto__ keys as data and reports them as unknown keys', () => {
    const problems = problemsOf(`${PIPELINE_YAML}__proto__: { polluted: yes }\nconstructor: 1\n`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('unknown key `__proto__`'),
      expect.stringContaining('unknown key `constructor`'),
    ]);
  });

  it('refuses binary files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-bin-'));
    writeFileSync(join(dir, 'x.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x00, 0xff]));
    expect(readSource(join(dir, 'x.yaml'), 'x.yaml').problems[0]?.rule).toBe('file-binary');
  });
});

describe('finding the runbooks folder', () => {
  it('prefers --dir, then RUNBOOK_DIR, then the nearest runbooks/ above', () => {
    const { root, dir } = runbooksFolder({});
    const nested = join(root, 'a', 'b');
    expect(findRunbooksDir({ cwd: root, dir: 'runbooks', env: '/nowhere' })).toBe(dir);
    expect(findRunbooksDir({ cwd: '/', env: dir })).toBe(dir);
    expect(findRunbooksDir({ cwd: nested })).toBe(dir);
  });

  it('says how to point at one when there is none', () => {
    expect(() => findRunbooksDir({ cwd: '/' })).toThrow(
      'no runbooks folder found here or above; run inside a project with a runbooks/ folder, or pass --dir <path> or set RUNBOOK_DIR',
    );
  });
});

describe('loading a folder', () => {
  it('loads pipelines and the roster', () => {
    const { root, dir } = runbooksFolder({
      'clicks.yaml': PIPELINE_YAML,
      'roster.yaml': ROSTER_YAML,
      'notes.txt': 'ignored',
    });
    const catalog = loadCatalog(dir, root);
    expect(catalog.problems).toEqual([]);
    expect(catalog.catalog.pipelines.map((entry) => entry.value.id)).toEqual(['clicks']);
    expect(catalog.catalog.roster?.value.people.map((person) => person.id)).toEqual(['ana', 'ben']);
  });

  it('names files relative to the working folder and reports empty and list files', () => {
    const { root, dir } = runbooksFolder({ 'empty.yaml': '# nothing\n', 'list.yaml': '- a\n' });
    expect(loadCatalog(dir, root).problems.map((p) => [p.file, p.rule])).toEqual([
      ['runbooks/empty.yaml', 'file-empty'],
      ['runbooks/list.yaml', 'file-not-mapping'],
    ]);
  });
});
