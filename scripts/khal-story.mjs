#!/usr/bin/env node
// Lives the seeded rotation story of scripts/calendar-story.mjs (seed 1) with the built CLI, and after every
// step imports each calendar (everyone's and each person's) into its own khal calendar (Debian's `khal`), over
// what it imported before, then records what khal holds. test/calendars-over-time.test.ts checks, from the
// committed record, that khal holds exactly the current events of every calendar after every step, and that
// this build still writes the calendars khal was given (their SHA-256). khal is needed only here:
//
//   sudo apt-get install khal faketime && npm run build && node scripts/khal-story.mjs
//
// Every run is pinned: the CLI's clock by faketime (the story's present), DTSTAMP by SOURCE_DATE_EPOCH.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { khalWith } from './khal.mjs';
import { calendars, NOW, runStep, storySteps } from './calendar-story.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(here, 'test', 'fixtures', 'khal', 'story.json');
const work = mkdtempSync(join(tmpdir(), 'runbook-khal-'));
cpSync(join(here, 'runbooks'), join(work, 'runbooks'), { recursive: true });
const env = { ...process.env, SOURCE_DATE_EPOCH: '1790000000', TZ: 'UTC', NO_COLOR: '1' };
const clock = NOW.replace('T', ' ').replace(/Z$/, '');

const run = (args) => {
  const result = spawnSync(
    'faketime',
    [clock, process.execPath, join(here, 'bin', 'runbook.js'), '--no-cache', '--dir', 'runbooks', ...args],
    { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
};
const edit = (name, change) => {
  const path = join(work, 'runbooks', name);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
};

const names = calendars().map((calendar) => calendar.name);
const khal = khalWith(work, names, env);

const record = { khal: khal('--version').trim(), seed: 1, steps: [] };
for (const step of storySteps(1)) {
  const { done } = await runStep(step, { run, edit });
  const held = {};
  for (const calendar of calendars()) {
    const result = run(calendar.args);
    if (result.code !== 0) throw new Error(`${calendar.args.join(' ')}: ${result.stderr}`);
    const file = join(work, `${calendar.name}.ics`);
    writeFileSync(file, result.stdout);
    khal('import', '--batch', '-a', calendar.name, file);
    const listing = khal(
      'list',
      '-a',
      calendar.name,
      '--day-format',
      '',
      '--format',
      '{uid}|{status}|{start}|{end}',
      '2026-11-01',
      '200d',
    );
    held[calendar.name] = {
      sha256: createHash('sha256').update(result.stdout).digest('hex'),
      held: [...new Set(listing.split('\n').filter(Boolean))].sort(),
    };
  }
  record.steps.push({ step: step.name, done, calendars: held });
  console.log(`${done}: ${Object.values(held).reduce((sum, entry) => sum + entry.held.length, 0)} events held`);
}
writeFileSync(out, `${JSON.stringify(record, null, 1)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${out}`);
