#!/usr/bin/env node
// npm run mutants: breaks the code on purpose, one mutation at a time, rebuilds, and runs the whole suite: a
// mutation no test notices is a rule the tests claim and do not check. Prints a table; exits 1 if any
// mutation survives. Each mutation names the rule it breaks and the test aimed at it. It works in a copy of
// the checked-in files (node_modules linked), so the working tree is never touched.
//
//   npm run mutants            (all of them; a build and a whole suite each, about two minutes)
//   npm run mutants -- 3 7     (just those)
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** [rule broken, file, text, replacement, the test aimed at it]. */
const MUTANTS = [
  [
    'planner: nobody takes another holiday week while a free teammate has fewer',
    'src/rotation/ranking.ts',
    'isHoliday && holidayWeeks(person, role) > fewestHolidays ? 1 : 0,',
    '0,',
    'test/planner-rules.test.ts',
  ],
  [
    'planner: a repair avoids next week’s published people',
    'src/rotation/lock-repair.ts',
    '.sort((x, y) => Number(onNext.has(x.id)) - Number(onNext.has(y.id)));',
    ';',
    'test/planner-rules.test.ts',
  ],
  [
    'sla: a deadline missed when done exactly at the due point before last (done at or before P0 is a breach)',
    'src/sla/evaluate.ts',
    'if (done.getTime() > p0.getTime()) {',
    'if (done.getTime() >= p0.getTime()) {',
    'test/sla-pinned.test.ts',
  ],
  [
    'sla: the message names an open incident before a resolved one of the same status',
    'src/sla/evaluate.ts',
    '.sort((a, b) => Number(b.open) - Number(a.open) || a.due.getTime() - b.due.getTime())[0]!;',
    '.sort((a, b) => a.due.getTime() - b.due.getTime())[0]!;',
    'test/sla-evaluate.test.ts',
  ],
  [
    'lint: a freshness warn equal to within never warns (warn-before-within)',
    'src/validate/rules.ts',
    'if (durationMs(rule.warn) < durationMs(rule.within)) return [];',
    'if (durationMs(rule.warn) <= durationMs(rule.within)) return [];',
    'test/review.test.ts',
  ],
  [
    'lint: contact-left only after the leaving day',
    'src/validate/rules.ts',
    'person.left !== undefined && person.left < today',
    'person.left !== undefined && person.left <= today',
    'test/review.test.ts',
  ],
  [
    'calendars: a person’s calendar cancels a shift given to someone else',
    'src/rotation/published.ts',
    'item.current.filter((shift) => person === undefined || shift.person === person).map((shift) => shiftUid(shift)),',
    'item.current.map((shift) => shiftUid(shift)),',
    'test/calendars-over-time.test.ts',
  ],
  [
    'planner: the forecast holds back whoever a later holiday week needs',
    'src/rotation/forecast.ts',
    'if (eligible.length <= now || eligible.length > FORECAST_PEOPLE) return undefined;',
    'return undefined;',
    'test/planner-rules.test.ts',
  ],
  [
    'planner: covered time counts toward whoever covered it',
    'src/rotation/schedule.ts',
    'if (taker) taker[key] += share;',
    '',
    'test/planner-rules.test.ts',
  ],
  [
    'planner: nobody on call two weeks running while a rested teammate is free',
    'src/rotation/ranking.ts',
    'rested && last === index - 1 ? 1 : 0,',
    '0,',
    'test/planner.test.ts',
  ],
  [
    'planner: a junior primary gets a senior backup',
    'src/rotation/ranking.ts',
    'const backups = needsBackup(team, primary) ? bestBackups : [undefined];',
    'const backups = needsBackup(team, primary) ? [undefined, ...bestBackups] : [undefined];',
    'test/planner.test.ts',
  ],
  [
    'planner: an away range on a shift’s partial last day keeps the person off it',
    'src/rotation/people.ts',
    'return unavailableBetween(person, week.days[0]!, week.lastDay);',
    'return unavailableBetween(person, week.days[0]!, week.days[6]!);',
    'test/planner.test.ts',
  ],
  [
    'overrides: nobody holds two shifts at once',
    'src/rotation/overlay.ts',
    '  if (other)\n',
    "  if (other?.person === 'no one')\n",
    'test/living.test.ts',
  ],
  [
    'calendars: a removed cover’s parts stay cancelled after it is published',
    'src/rotation/published.ts',
    'for (const part of [...item.retired, ...item.published])',
    'for (const part of [...item.published])',
    'test/calendars-over-time.test.ts',
  ],
  [
    'calendars: a changed shift’s SEQUENCE rises',
    'src/rotation/published.ts',
    'return compared.changed ? entry.revision + 1 : entry.revision;',
    'return entry.revision;',
    'test/living.test.ts',
  ],
  [
    'lock: a second entry for the same shift is refused',
    'src/validate/state-entries.ts',
    'if (first === undefined) seen.set(key, shift.index);',
    'if (first === undefined || first >= 0) seen.set(key, shift.index);',
    'test/living.test.ts',
  ],
  [
    'terminal: bidirectional marks and line separators are shown, never passed through',
    'src/util/sanitize.ts',
    ".replace(CONTROL, '').replace(DISPLAY_CHANGING, visible);",
    ".replace(CONTROL, '');",
    'test/hostile-text.test.ts',
  ],
  [
    'writers: two writers at once never lose a write (the folder lock)',
    'src/util/folder-lock.ts',
    '  await acquire(path, holder);\n',
    '',
    'test/writers.test.ts',
  ],
];

const chosen = process.argv.slice(2).map(Number);
const copy = mkdtempSync(join(tmpdir(), 'runbook-mutants-'));
const files = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
for (const file of files) {
  if (!existsSync(join(ROOT, file))) continue;
  mkdirSync(dirname(join(copy, file)), { recursive: true });
  copyFileSync(join(ROOT, file), join(copy, file));
}
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
const run = (command, args) => spawnSync(command, args, { cwd: copy, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const report = join(copy, 'mutant-report.json');
const rows = [];
for (const [n, [rule, file, text, replacement, aimed]] of MUTANTS.entries()) {
  if (chosen.length && !chosen.includes(n + 1)) continue;
  const path = join(copy, file);
  const original = readFileSync(path, 'utf8');
  if (original.split(text).length !== 2) throw new Error(`mutant ${n + 1}: ${file} must hold its text exactly once`);
  const started = Date.now();
  writeFileSync(path, original.replace(text, replacement));
  let caughtBy = [];
  try {
    const build = run('npm', ['run', '-s', 'build']);
    // A mutation that does not compile proves nothing about the tests: it must be rewritten, not counted.
    if (build.status !== 0) throw new Error(`mutant ${n + 1} does not build: ${build.stdout}${build.stderr}`);
    else {
      rmSync(report, { force: true });
      run('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${report}`]);
      caughtBy = JSON.parse(readFileSync(report, 'utf8'))
        .testResults.filter((result) => result.status === 'failed')
        .map((result) => relative(copy, result.name));
    }
  } finally {
    writeFileSync(path, original);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  rows.push({ n: n + 1, rule, caught: caughtBy.length > 0, aimed: caughtBy.includes(aimed), caughtBy, seconds });
  console.log(
    `${String(n + 1).padStart(2)}  ${caughtBy.length ? 'caught  ' : 'SURVIVED'}  ${rule}\n    by ${caughtBy.join(', ') || 'no test'} (aimed: ${aimed}${caughtBy.includes(aimed) ? ', which failed' : ', which did NOT fail'}; ${seconds} s)`,
  );
}
rmSync(copy, { recursive: true, force: true });
const caught = rows.filter((row) => row.caught).length;
const aimed = rows.filter((row) => row.aimed).length;
console.log(`\n${caught} of ${rows.length} mutations caught; ${aimed} by the test aimed at them`);
process.exitCode = caught === rows.length ? 0 : 1;
