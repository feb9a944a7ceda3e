#!/usr/bin/env node
// The site's feeds as a subscriber sees them (README, "The team's site and calendar feeds"): on a copy of the
// shipped runbooks with reminders [1d, 1h], publish 8 weeks and build the site; import dev's feed and the
// engagement feed into khal (Debian's `khal`); then swap grace and dev, publish, build again and import over
// what khal held, as a subscribed calendar is refreshed. Checks that khal then holds exactly the feeds' current
// events (no stale one), and reads every VALARM with Python's icalendar (the library khal is built on) to check
// it fires at its lead before the event. Needs khal and faketime; not part of the tests:
//
//   sudo apt-get install khal faketime && npm run build && node scripts/site-khal.mjs

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { khalWith } from './khal.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'runbook-site-khal-'));
cpSync(join(here, 'runbooks'), join(work, 'runbooks'), { recursive: true });
const roster = join(work, 'runbooks', 'roster.yaml');
writeFileSync(roster, readFileSync(roster, 'utf8').replace(/^rotation:/m, 'reminders: [1d, 1h]\nrotation:'));
const env = { PATH: process.env.PATH, HOME: work, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1764676800', TZ: 'UTC' };

const run = (...args) => {
  const result = spawnSync(
    'faketime',
    ['2026-12-02 12:00:00', process.execPath, join(here, 'bin', 'runbook.js'), ...args],
    { cwd: work, encoding: 'utf8', env },
  );
  if (result.status !== 0) throw new Error(`runbook ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};
const FEEDS = { dev: 'person-dev.ics', engagement: 'pipeline-engagement.ics' };
const khal = khalWith(work, Object.keys(FEEDS), env);

/** The feed's live events as `uid|start|end` (UTC), read with Python's icalendar; and its alarms' firing leads. */
function readFeed(file) {
  const script = `
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for event in cal.walk('VEVENT'):
    if str(event.get('STATUS', '')) == 'CANCELLED':
        continue
    start = event.decoded('DTSTART'); end = event.decoded('DTEND')
    leads = sorted(int(-alarm.decoded('TRIGGER').total_seconds()) for alarm in event.walk('VALARM'))
    print('%s|%s|%s|%s' % (event['UID'], start.strftime('%Y-%m-%dT%H:%M'), end.strftime('%Y-%m-%dT%H:%M'), ','.join(map(str, leads))))
`;
  const result = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.split('\n').filter(Boolean);
}

function importAndCompare(step) {
  let ok = true;
  for (const [name, feed] of Object.entries(FEEDS)) {
    const file = join(work, 'public', 'feeds', feed);
    khal('import', '--batch', '-a', name, file);
    const held = [
      ...new Set(
        khal('list', '-a', name, '--day-format', '', '--format', '{uid}|{start}|{end}|{status}', '2026-11-01', '200d')
          .split('\n')
          .filter(Boolean),
      ),
    ];
    const live = readFeed(file);
    const current = live.map((line) => line.split('|').slice(0, 3).join('|')).sort();
    const inKhal = held
      .filter((line) => !line.trim().endsWith('CANCELLED'))
      .map((line) => line.split('|').slice(0, 3).join('|'));
    const same = JSON.stringify(current) === JSON.stringify([...inKhal].sort());
    // Reminders: a person's own events fire a day and an hour before; the pipeline's feed carries none.
    const leads = new Set(live.map((line) => line.split('|')[3]));
    const expected = name === 'dev' ? '3600,86400' : '';
    ok &&= same && leads.size === 1 && leads.has(expected);
    console.log(
      `${step}: ${name}: khal holds ${inKhal.length} current events (${held.length - inKhal.length} cancelled), the feed ${current.length}: ${same ? 'the same' : 'DIFFERENT'}; alarms at ${[...leads].map((l) => l || 'none').join(' / ')} s before`,
    );
  }
  return ok;
}

console.log(run('--dir', 'runbooks', 'rotate', '--weeks', '8', '--publish', '-o', join(work, 'all.ics')));
console.log(run('--dir', 'runbooks', 'site', '-o', 'public'));
let ok = importAndCompare('subscribed');
console.log(run('--dir', 'runbooks', 'swap', 'grace', 'dev', '--week', '2026-12-28').split('\n')[0]);
console.log(run('--dir', 'runbooks', 'rotate', '--weeks', '8', '--publish', '-o', join(work, 'all.ics')));
console.log(run('--dir', 'runbooks', 'site', '-o', 'public'));
ok = importAndCompare('after a swap and a publish') && ok;
const moved = readFileSync(join(work, 'public', 'feeds', FEEDS.dev), 'utf8').replace(/\r\n /g, '');
console.log(
  `dev's feed: ${/Moved from Grace Example to you on 2026-12-28/.test(moved) ? 'says' : 'does NOT say'} the shift moved to dev`,
);
rmSync(work, { recursive: true, force: true });
if (!ok) process.exit(1);
