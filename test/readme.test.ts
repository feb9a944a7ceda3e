/**
 * Every example command the README shows, run against the shipped runbooks at a pinned time: each `sh` block's
 * commands in order in a fresh copy of the project (exit 0), each `console` block's command with its printed
 * output (a `...` line stands for any lines), and each example of the command table. An HTML comment before a
 * block sets it up: `<!-- file: NAME -->` makes the YAML block below a file of every example folder;
 * `<!-- example: after the block above[, but the last command] -->` runs the sh block before it first;
 * `<!-- example: in DIR, with A as B -->` runs in a copy of DIR with file A copied to B.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, runInProcess } from './helpers/run.js';

const README = readFileSync(join(PROJECT, 'README.md'), 'utf8');
const NOW = new Date('2026-11-27T12:00:00Z');

interface Block {
  lang: string;
  body: string;
  line: number;
  /** The HTML comment just above the block, if any. */
  setup?: string;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const comment = /^<!-- (.*) -->$/.exec(lines[start - 1] ?? '');
    out.push({ lang: open[1]!, body: body.join('\n'), line: start + 1, ...(comment ? { setup: comment[1] } : {}) });
  }
  return out;
}

/** One shell line as commands: continuations joined, comments cut, `&&` chains split, `> file` kept. */
function commands(body: string): { args: string[]; to?: string }[] {
  const joined = body.replace(/\\\n\s*/g, '');
  const out: { args: string[]; to?: string }[] = [];
  for (const line of joined.split('\n')) {
    for (const part of line.replace(/\s+#\s.*$/, '').split(' && ')) {
      const words = [...part.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
      if (words[0] === 'npx') words.shift();
      if (words[0] !== 'runbook') continue;
      const redirect = words.indexOf('>');
      out.push(redirect >= 0 ? { args: words.slice(1, redirect), to: words[redirect + 1]! } : { args: words.slice(1) });
    }
  }
  return out;
}

const files = new Map<string, string>();
for (const block of blocks(README)) {
  const named = /^file: (\S+)$/.exec(block.setup ?? '');
  if (named) files.set(named[1]!, `${block.body}\n`);
}

/** A fresh copy of the project's runbooks and seed (or of another folder), with the README's files in it. */
function folder(setup?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-readme-'));
  const place = /^example: in (\S+),/.exec(setup ?? '');
  if (place) cpSync(join(PROJECT, place[1]!), root, { recursive: true });
  else {
    cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
    cpSync(join(PROJECT, 'seeds'), join(root, 'seeds'), { recursive: true });
    mkdirSync(join(root, 'target'));
    cpSync(join(PROJECT, 'test/fixtures/observations/dbt-1.11-sources.json'), join(root, 'target/sources.json'));
  }
  for (const [, from, to] of (setup ?? '').matchAll(/(\S+) as (\S+?)(?:,| and |$)/g)) {
    mkdirSync(dirname(join(root, to!)), { recursive: true });
    cpSync(join(root, from!), join(root, to!));
  }
  for (const [name, text] of files) writeFileSync(join(root, name), text);
  return root;
}

const runbook = async (root: string, args: string[]) =>
  runInProcess(args, { cwd: root, now: NOW, env: { SOURCE_DATE_EPOCH: '1790000000' } });

async function runAll(root: string, list: { args: string[]; to?: string }[]): Promise<void> {
  for (const { args, to } of list) {
    const result = await runbook(root, args);
    expect(result.code, `runbook ${args.join(' ')}: ${result.stderr}`).toBe(0);
    if (to) writeFileSync(join(root, to), result.stdout);
  }
}

/** Lines against expected lines, where a `...` line stands for any lines (none included). */
function matches(actual: string[], expected: string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [first, ...rest] = expected;
  if (first === '...') return actual.some((_, i) => matches(actual.slice(i), rest)) || matches([], rest);
  return actual.length > 0 && actual[0] === first && matches(actual.slice(1), rest);
}

const all = blocks(README);

describe('the README’s examples, run', () => {
  const shell = all.filter((block) => block.lang === 'sh' && commands(block.body).length > 0);
  it.each(shell.map((block) => [block.line, block] as const))(
    'the commands of the sh block at line %i',
    async (_, block) => {
      // A block that sets up its own project (init) runs in an empty folder.
      const root = /runbook init/.test(block.body)
        ? mkdtempSync(join(tmpdir(), 'runbook-readme-'))
        : folder(block.setup);
      await runAll(root, commands(block.body));
    },
  );

  const consoles = all.filter((block) => block.lang === 'console');
  it.each(consoles.map((block) => [block.line, block] as const))(
    'the console block at line %i prints what it shows',
    async (_, block) => {
      const root = folder(block.setup);
      if (block.setup?.startsWith('example: after the block above')) {
        const before = all.filter((other) => other.lang === 'sh' && other.line < block.line).at(-1)!;
        const list = commands(before.body);
        await runAll(root, block.setup.includes('but the last command') ? list.slice(0, -1) : list);
      }
      // A block indented inside a list item: its own indentation goes, the output's stays.
      const indent = /^ */.exec(block.body)![0];
      const [command, ...expected] = block.body
        .split('\n')
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      const args = commands(command!.replace(/^\$ /, ''))[0]!.args;
      const result = await runbook(root, args);
      expect(result.code, result.stderr).toBeLessThanOrEqual(1);
      const actual = result.stdout.replace(/\n$/, '').split('\n');
      expect(matches(actual, expected), `$ runbook ${args.join(' ')}\n${result.stdout}`).toBe(true);
    },
  );

  const lines = README.split('\n');
  const header = lines.indexOf('| command | what it prints | example |');
  const end = lines.indexOf('', header);
  const table = lines.slice(header + 2, end).map((line) => /`([^`]+)` \|$/.exec(line)![1]!);
  it.each(table)('the command table’s example: %s', async (example) => {
    await runAll(folder(), commands(example));
  });
});
