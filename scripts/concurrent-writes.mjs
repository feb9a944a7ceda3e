#!/usr/bin/env node
// Writers at the same moment, at scale, with the built CLI on a copy of the shipped runbooks: PAIRS pairs of
// `override add` run two at a time, then ROUNDS rounds of a `swap` against a `rotate --publish`. Prints how many
// writes were accepted, how many of those the files hold, lint's verdict, and what was left in the folder.
// (test/writers.test.ts runs a smaller share of the same on every `npm test`.)
//
//   npm run build && node scripts/concurrent-writes.mjs [PAIRS] [ROUNDS]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(here, 'bin', 'runbook.js');
const pairs = Number(process.argv[2] ?? 50);
const rounds = Number(process.argv[3] ?? 20);
const root = mkdtempSync(join(tmpdir(), 'runbook-concurrent-'));
const dir = join(root, 'runbooks');
cpSync(join(here, 'runbooks'), dir, { recursive: true });
const env = { ...process.env, NO_COLOR: '1' };

const runSync = (args) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const run = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

// One accepted cover a week: a senior of the pipeline's team who holds no shift that week covers its Wednesday.
const weeks = 2 * pairs + 2 * rounds + 8;
const plan = JSON.parse(
  runSync(['rotate', '--weeks', String(weeks), '--start', '2027-03-01', '--format', 'json']).stdout,
);
const seniors = { engagement: ['ana', 'ben', 'chloe'], profit: ['isla', 'jonas'] };
const day = (week, offset) => new Date(Date.UTC(2027, 2, 1 + 7 * week + offset)).toISOString().slice(0, 10);
const covers = [];
for (let week = 0; covers.length < 2 * pairs && week < weeks; week++) {
  const busy = new Set(
    plan.shifts.filter((shift) => shift.start.startsWith(day(week, 0))).map((shift) => shift.person),
  );
  const pipeline = week % 2 === 0 ? 'engagement' : 'profit';
  const person = seniors[pipeline].find((id) => !busy.has(id));
  if (person)
    covers.push([
      'override',
      'add',
      '-p',
      pipeline,
      '--from',
      day(week, 2),
      '--to',
      day(week, 3),
      '--person',
      person,
      '--reason',
      `cover ${week}`,
    ]);
}

let accepted = 0;
const refusals = new Map();
for (let pair = 0; pair < covers.length; pair += 2) {
  const results = await Promise.all(covers.slice(pair, pair + 2).map(run));
  for (const result of results) {
    if (result.code === 0) accepted++;
    else {
      // Why, without the names and dates: a hard rule, or a writer that waited too long.
      const why = result.stderr
        .replace(/^runbook: /, '')
        .replace(/.*: /, '')
        .trim();
      refusals.set(why, (refusals.get(why) ?? 0) + 1);
    }
  }
}
const refused = [...refusals.values()].reduce((sum, n) => sum + n, 0);
const held = () => parse(readFileSync(join(dir, 'overrides.yaml'), 'utf8')) ?? [];
console.log(
  `override add, ${covers.length / 2} pairs at once: ${accepted} accepted, ${refused} refused; overrides.yaml holds ${held().length}`,
);

// Swaps against publishing: each round a publish and a swap start together (the swap tries people until the
// hard rules accept one; a refusal writes nothing).
let swaps = 0;
let publishes = 0;
const people = ['ana', 'ben', 'chloe', 'dev', 'emma', 'farid', 'grace', 'hugo'];
for (let round = 0; round < rounds; round++) {
  const week = day(2 * pairs + 2 * round + 4, 0);
  const publish = run(['rotate', '--weeks', String(weeks), '--start', '2027-03-01', '--publish']);
  let swapped = false;
  for (const a of people) {
    for (const b of people) {
      if (a === b || swapped) continue;
      const result = await run(['swap', a, b, '--week', week, '--pipeline', 'engagement']);
      if (result.code === 0) swapped = true;
    }
    if (swapped) break;
  }
  if (swapped) swaps++;
  if ((await publish).code === 0) publishes++;
}
const lint = runSync(['lint', '--at', '2027-02-22']);
const left = readdirSync(dir).filter((name) => name.startsWith('.'));
console.log(
  `swap against publish, ${rounds} rounds: ${swaps} swaps and ${publishes} publishes accepted; overrides.yaml holds ${held().length} (expected ${accepted + 2 * swaps})`,
);
console.log(
  `lint: exit ${lint.code} (${lint.stdout.trim().split('\n').at(-1)}); left in the folder: ${left.length ? left.join(', ') : 'nothing'}`,
);
process.exitCode = held().length === accepted + 2 * swaps && left.length === 0 && lint.code !== 2 ? 0 : 1;
