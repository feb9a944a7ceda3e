// npm run bench: startup, lint and rotate, each run several times after a warm-up; medians and ratios
// measured side by side in the same run, written to bench/results.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engagementCopies, generate, generateSla, hostileInputs } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'runbook.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(join(tmpdir(), 'runbook-bench-'));
const env = { PATH: process.env.PATH, NO_COLOR: '1', HOME: work, XDG_CACHE_HOME: join(work, 'cache') };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Runs a command `RUNS` times after one warm-up; returns the median wall time (ms) and, with `memory`, the
 * peak memory (MiB), read by a hook that is loaded into the process (it adds a few milliseconds of its own).
 */
function measure(label, args, { cwd = ROOT, expectCode = 0, memory = true, before } = {}) {
  const times = [];
  const peaks = [];
  for (let run = 0; run <= RUNS; run++) {
    // Untimed preparation of each run (an edit of a runbook, say).
    before?.(run);
    const rssFile = join(work, 'rss');
    const started = process.hrtime.bigint();
    const hook = memory ? ['--import', join(ROOT, 'bench', 'peak-rss.mjs')] : [];
    const result = spawnSync(process.execPath, [...hook, ...args], {
      cwd,
      env: { ...env, RUNBOOK_BENCH_RSS: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (expectCode !== null && result.status !== expectCode)
      throw new Error(`${label}: exit ${result.status}\n${result.stderr}`);
    if (run === 0) continue; // warm-up
    times.push(elapsed);
    if (memory) peaks.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
  }
  const entry = {
    label,
    medianMs: Math.round(median(times)),
    runsMs: times.map(Math.round),
    ...(memory ? { peakMiB: Math.round(Math.max(...peaks)) } : {}),
  };
  console.log(
    `  ${label.padEnd(44)} median ${String(entry.medianMs).padStart(6)} ms${memory ? `   peak ${String(entry.peakMiB).padStart(4)} MiB` : ''}`,
  );
  return entry;
}

/** Runs yamllint from PATH on a folder (a script, so `measure` can start it like the others). */
const yamllintRunner =
  "require('node:child_process').spawnSync('yamllint', ['-f', 'parsable', process.argv[1]], { stdio: 'ignore' })";

const ratio = (a, b) => Math.round((a.medianMs / b.medianMs) * 100) / 100;
const results = { node: process.version, runs: RUNS, date: new Date().toISOString() };
// `node bench/run.mjs startup` (or lint, rotate) runs just those parts; results.json is written only for a full run.
const only = new Set(process.argv.slice(2));
const part = (name) => only.size === 0 || only.has(name);

console.log(`runbook bench: ${RUNS} runs each after a warm-up, medians (node ${process.version})\n`);

if (part('startup')) {
  console.log('1. startup: runbook show engagement against node -e 0');
  // Both without the memory hook, so the ratio is of the two programs alone. The first run (the warm-up)
  // fills the look-up cache, as an engineer's first `show` of the day does.
  const bare = measure('node -e 0', ['-e', '0'], { memory: false });
  const show = measure('node bin/runbook.js show engagement', [BIN, 'show', 'engagement'], { memory: false });
  const cold = measure('same, --no-cache (YAML, schemas, holidays)', [BIN, 'show', 'engagement', '--no-cache'], {
    memory: false,
  });
  // The first show after a runbook changed: each run edits a copy of the shipped runbooks (a comment with the run
  // number appended), so the look-up cache misses every time, as it does for an engineer who just pulled.
  const edited = join(work, 'edited');
  cpSync(join(ROOT, 'runbooks'), join(edited, 'runbooks'), { recursive: true });
  const growth = join(edited, 'runbooks', 'growth.yaml');
  const original = readFileSync(growth, 'utf8');
  const afterEdit = measure('same, first run after a runbook changed', [BIN, 'show', 'engagement'], {
    cwd: edited,
    memory: false,
    before: (run) => writeFileSync(growth, `${original}# edit ${run}\n`),
  });
  // The code cache against none (the look-up cache still answers): warm, and first after an edit (loading zod).
  const plain = join(ROOT, 'bench', 'no-code-cache.cjs');
  const showPlain = measure('same, without the code cache', [plain, 'show', 'engagement'], { memory: false });
  const afterEditPlain = measure('first run after a change, without the code cache', [plain, 'show', 'engagement'], {
    cwd: edited,
    memory: false,
    before: (run) => writeFileSync(growth, `${original}# plain edit ${run}\n`),
  });
  results.startup = {
    bare,
    show,
    cold,
    afterEdit,
    showPlain,
    afterEditPlain,
    codeCacheSavesMs: {
      warm: showPlain.medianMs - show.medianMs,
      afterEdit: afterEditPlain.medianMs - afterEdit.medianMs,
    },
    ratio: ratio(show, bare),
    coldRatio: ratio(cold, bare),
    afterEditRatio: ratio(afterEdit, bare),
    target: 1.5,
    afterEditTarget: 3,
  };
  console.log(
    `  warm ratio ${results.startup.ratio} (target <= 1.5); first after an edit ${results.startup.afterEditRatio} (target <= 3); without the cache ${results.startup.coldRatio}\n` +
      `  the code cache saves ${results.startup.codeCacheSavesMs.warm} ms warm, ${results.startup.codeCacheSavesMs.afterEdit} ms after an edit\n`,
  );
}

if (part('lint')) {
  console.log('2. lint: 10,000 pipeline files against parsing them with yaml alone');
  // 100 of the pipelines rotate (ten per team of 50), the rest are handled in working hours: a coverable corpus.
  const corpus = generate(join(work, 'corpus'), { pipelines: 10_000, people: 500, teams: 10, rotating: 100 });
  const floor = measure('yaml parse of the same files (floor)', [join(ROOT, 'bench', 'yaml-floor.mjs'), corpus]);
  const lint = measure('runbook lint (10,000 files)', [BIN, 'lint', corpus, '--format', 'json']);
  // list through the same validator: with no cache at all (every file parsed, as lint does), after an edit of one
  // file (the look-up cache misses; the others' check results are reused), and warm from the cache.
  const listCold = measure('runbook list (10,000 files), --no-cache', [BIN, '--dir', corpus, 'list', '--no-cache']);
  const edited = join(corpus, 'pipeline-00000.yaml');
  const text = readFileSync(edited, 'utf8');
  const list = measure('runbook list (10,000 files), after an edit', [BIN, '--dir', corpus, 'list'], {
    before: (run) => writeFileSync(edited, `${text}# edit ${run}\n`),
  });
  const listWarm = measure('runbook list (10,000 files), warm cache', [BIN, '--dir', corpus, 'list']);
  results.lint = {
    files: 10_001,
    floor,
    lint,
    ratio: ratio(lint, floor),
    targetRatio: 1.5,
    targetMs: 2500,
    listCold,
    list,
    listWarm,
    listColdToLint: ratio(listCold, lint),
    listToLint: ratio(list, lint),
  };
  console.log(`  ratio ${results.lint.ratio} (target <= 1.5), ${lint.medianMs} ms (target <= 2500)`);
  console.log(
    `  list / lint: ${results.lint.listColdToLint} with no cache, ${results.lint.listToLint} after an edit (target <= 1); warm list ${listWarm.medianMs} ms\n`,
  );
}

if (part('rotate')) {
  console.log('3. rotate: 20 people in 2 teams; 500 people in 10 teams, 100 pipelines, 52 weeks');
  const base = generate(join(work, 'people-500'), { pipelines: 100, people: 500, teams: 10 });
  const double = generate(join(work, 'people-1000'), { pipelines: 100, people: 1000, teams: 10 });
  const rotate = (dir, weeks) => [
    BIN,
    '--dir',
    dir,
    'rotate',
    '--weeks',
    String(weeks),
    '--start',
    '2026-11-30',
    '--format',
    'ics',
    '-o',
    join(work, 'out.ics'),
  ];
  const small = generate(join(work, 'people-20'), { pipelines: 4, people: 20, teams: 2 });
  const r20 = measure('rotate 20 people x 4 pipelines x 52 weeks', rotate(small, 52));
  const r52 = measure('rotate 500 people x 100 pipelines x 52 weeks', rotate(base, 52));
  const r104 = measure('rotate 500 people x 100 pipelines x 104 weeks', rotate(base, 104));
  const p1000 = measure('rotate 1000 people x 100 pipelines x 52 weeks', rotate(double, 52));
  // The first run after the roster changed: the look-up cache misses, every file is read and checked again.
  const roster = join(base, 'roster.yaml');
  const rosterText = readFileSync(roster, 'utf8');
  const cold = measure('same, first run after the roster changed', rotate(base, 52), {
    before: (run) => writeFileSync(roster, `${rosterText}# edit ${run}\n`),
  });
  writeFileSync(roster, rosterText);
  const report = measure('report, 500 people, 52 weeks of hours (CSV)', [
    BIN,
    '--dir',
    base,
    'report',
    '--from',
    '2026-11-30',
    '--to',
    '2027-11-28',
    '--format',
    'csv',
    '--at',
    '2026-11-30T12:00:00Z',
  ]);
  results.rotate = {
    twentyPeople: r20,
    twentyPeopleTargetMs: 300,
    base: r52,
    weeksDoubled: r104,
    peopleDoubled: p1000,
    growthWhenWeeksDouble: ratio(r104, r52),
    growthWhenPeopleDouble: ratio(p1000, r52),
    afterRosterEdit: cold,
    report,
    reportTargetMs: 1000,
    targetMs: 2000,
    targetMiB: 300,
  };
  console.log(`  20 people: ${r20.medianMs} ms (target <= 300)`);
  console.log(`  ${r52.medianMs} ms (target <= 2000), ${r52.peakMiB} MiB (target <= 300)`);
  console.log(
    `  growth x${results.rotate.growthWhenWeeksDouble} when weeks double, x${results.rotate.growthWhenPeopleDouble} when people double (linear: <= 2)`,
  );
  console.log(
    `  after a roster edit ${cold.medianMs} ms (target <= 2000); report ${report.medianMs} ms (target <= 1000)\n`,
  );
}

if (part('site')) {
  console.log('3b. site: 10,000 pipelines (100 in rotation), 500 people in 10 teams, 52 weeks');
  const corpus = generate(join(work, 'site-corpus'), { pipelines: 10_000, people: 500, teams: 10, rotating: 100 });
  const out = join(work, 'site-out');
  const site = measure('site -o, 10,000 pipelines x 500 people x 52 weeks', [
    BIN,
    '--dir',
    corpus,
    'site',
    '-o',
    out,
    '--weeks',
    '52',
    '--at',
    '2026-11-30T12:00:00Z',
  ]);
  const startPageKiB = Math.round(statSync(join(out, 'index.html')).size / 1024);
  results.site = { base: site, startPageKiB, targetMs: 10_000, targetMiB: 500 };
  console.log(
    `  ${site.medianMs} ms (target <= 10000), ${site.peakMiB} MiB (target <= 500); start page ${startPageKiB} KiB\n`,
  );
}

if (part('living')) {
  console.log(
    '5. a living rotation: a 52-week lock and 200 overrides, against the plan alone (20 people, 4 pipelines)',
  );
  const plain = generate(join(work, 'living-plain'), { pipelines: 4, people: 20, teams: 2 });
  const living = generate(join(work, 'living'), { pipelines: 4, people: 20, teams: 2 });
  const cli = (dir, ...args) => spawnSync(process.execPath, [BIN, '--dir', dir, ...args], { env, encoding: 'utf8' });
  cli(living, 'rotate', '--weeks', '52', '--start', '2026-11-30', '--publish');
  // 200 overrides, each by a teammate on no shift that week (a senior, or a junior for a primary backed by a
  // senior), written as a team's file would be: in `living`, Tuesday 00:00 to Thursday 00:00 UTC of a shift (the
  // shift splits in three, so the calendar has 400 more events); in `swapped`, whole shifts (as swaps write).
  const plan = JSON.parse(cli(living, 'rotate', '--weeks', '52', '--start', '2026-11-30', '--format', 'json').stdout);
  const swapped = generate(join(work, 'living-swapped'), { pipelines: 4, people: 20, teams: 2 });
  cpSync(join(living, 'rotation.lock.yaml'), join(swapped, 'rotation.lock.yaml'));
  const rosterText = readFileSync(join(living, 'roster.yaml'), 'utf8');
  const teams = [...rosterText.matchAll(/members: \[([^\]]*)\]/g)].map((match) => match[1].split(', '));
  const senior = (id) => Number(id.slice(1)) % 3 === 0;
  const partial = [];
  const whole = [];
  const covering = new Map();
  for (const shift of plan.shifts) {
    if (partial.length === 200) break;
    if (!covering.has(shift.start)) covering.set(shift.start, new Set());
    const busy = new Set([
      ...plan.shifts.filter((other) => other.start === shift.start).map((other) => other.person),
      ...covering.get(shift.start),
    ]);
    const team = teams.find((members) => members.includes(shift.person));
    const backed = plan.shifts.some(
      (other) => other.start === shift.start && other.pipeline === shift.pipeline && other.role === 'backup',
    );
    const cover = team.find((id) => !busy.has(id) && (senior(id) || (shift.role === 'primary' && backed)));
    if (!cover) continue;
    covering.get(shift.start).add(cover);
    const tuesday = new Date(Date.parse(shift.start) + 86_400_000);
    const from = `${tuesday.toISOString().slice(0, 10)}T00:00:00Z`;
    const to = `${new Date(tuesday.getTime() + 2 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`;
    const entry = (start, end) =>
      `- { pipeline: ${shift.pipeline}, role: ${shift.role}, from: ${start}, to: ${end}, person: ${cover}, reason: cover ${partial.length + 1} }`;
    partial.push(entry(from, to));
    whole.push(entry(shift.start.replace('.000Z', 'Z'), shift.end.replace('.000Z', 'Z')));
  }
  writeFileSync(join(living, 'overrides.yaml'), `${partial.join('\n')}\n`);
  writeFileSync(join(swapped, 'overrides.yaml'), `${whole.join('\n')}\n`);
  const inForce = (dir) =>
    JSON.parse(cli(dir, 'override', 'list', '--json').stdout).filter((entry) => entry.status === 'in force').length;
  const lockLines = readFileSync(join(living, 'rotation.lock.yaml'), 'utf8').match(/^ {2}- \{/gm).length;
  console.log(
    `  lock: ${lockLines} shifts over 52 weeks; overrides: ${partial.length} (in force: ${inForce(living)} partial, ${inForce(swapped)} whole)`,
  );
  const who = (dir) => [BIN, '--dir', dir, 'who', '--at', '2027-09-01T12:00:00Z'];
  const rotate = (dir) => [
    BIN,
    '--dir',
    dir,
    'rotate',
    '--weeks',
    '52',
    '--start',
    '2026-11-30',
    '-o',
    join(work, 'living.ics'),
  ];
  const whoPlain = measure('who, plan alone', who(plain), { memory: false });
  const whoLiving = measure('who, lock + 200 partial covers', who(living), { memory: false });
  const rotatePlain = measure('rotate --weeks 52, plan alone', rotate(plain), { memory: false });
  const rotateLiving = measure('rotate --weeks 52, lock + 200 partial covers', rotate(living), { memory: false });
  const rotateSwapped = measure('rotate --weeks 52, lock + 200 whole-shift covers', rotate(swapped), { memory: false });
  results.living = {
    lockShifts: lockLines,
    overrides: partial.length,
    who: { plain: whoPlain, living: whoLiving, overhead: ratio(whoLiving, whoPlain) },
    rotate: { plain: rotatePlain, living: rotateLiving, overhead: ratio(rotateLiving, rotatePlain) },
    rotateWholeShifts: { swapped: rotateSwapped, overhead: ratio(rotateSwapped, rotatePlain) },
    targetOverhead: 1.2,
  };
  console.log(
    `  who x${results.living.who.overhead}, rotate x${results.living.rotate.overhead} with partial covers (946 events instead of 548), x${results.living.rotateWholeShifts.overhead} with whole-shift covers (target <= 1.2 each)\n`,
  );
}

if (part('sla')) {
  console.log('4. sla check: 10,000 incidents, and a 10,000-result dbt sources.json');
  const dir = generateSla(join(work, 'sla'), { incidents: 10_000, results: 10_000 });
  const at = ['--at', '2027-03-10T09:00:00Z', '--json'];
  // Exit 1: the generated observations include breaches, as real ones would.
  const incidents = measure(
    'sla check, 10,000 incidents',
    [BIN, '--dir', join(dir, 'runbooks'), 'sla', 'check', '-i', join(dir, 'observed.json'), ...at],
    { expectCode: 1 },
  );
  const dbt = measure(
    'sla check, 10,000 dbt results',
    [BIN, '--dir', join(dir, 'runbooks'), 'sla', 'check', '-i', join(dir, 'sources.json'), ...at],
    { expectCode: 1 },
  );
  results.sla = { incidents, dbt, targetMs: 1000 };
  console.log(`  ${incidents.medianMs} ms and ${dbt.medianMs} ms (target <= 1000 each)\n`);
}

/** yamllint on PATH (Debian's package), or undefined: the lint ratios against it are then left out, said so. */
const yamllint = (() => {
  const found = spawnSync('yamllint', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
})();

if (part('yamllint')) {
  console.log(`6. lint against yamllint (${yamllint ?? 'not installed: apt-get install yamllint'}), on the same files`);
  if (yamllint) {
    // The generated corpus of part 2, and 10,000 copies of the shipped engagement runbook (ids and names made
    // unique, handled in working hours so no rotation needs planning): a real runbook's size and shape.
    const corpus = generate(join(work, 'corpus-yamllint'), {
      pipelines: 10_000,
      people: 500,
      teams: 10,
      rotating: 100,
    });
    const copies = engagementCopies(join(work, 'engagement-copies'), 10_000);
    const row = (label, dir) => {
      // yamllint's exit code is 1 where it has something to say (document-start and the like): any is fine.
      const theirs = measure(`yamllint, ${label}`, ['-e', yamllintRunner, dir], { expectCode: null, memory: false });
      const ours = measure(`runbook lint, ${label}`, [BIN, 'lint', dir, '--format', 'json'], { memory: false });
      return { yamllint: theirs, lint: ours, ratio: ratio(ours, theirs) };
    };
    results.yamllint = {
      version: yamllint,
      corpus: row('10,000 generated pipelines', corpus),
      engagement: row('10,000 copies of engagement.yaml', copies),
      target: 0.1,
    };
    console.log(
      `  ratio ${results.yamllint.corpus.ratio} on the generated corpus, ${results.yamllint.engagement.ratio} on the engagement copies (target <= 0.1 each)\n`,
    );
  }
}

if (part('inputs')) {
  console.log('7. hostile inputs: each ends in under a second, whatever one file or argument holds');
  const rows = hostileInputs(join(work, 'hostile'));
  results.inputs = rows.map(({ label, args, cwd, expectCode, before }) =>
    measure(label, args, { cwd, expectCode, before }),
  );
  results.inputs.targetMs = 1000;
  const slowest = results.inputs.reduce((max, entry) => Math.max(max, entry.medianMs), 0);
  console.log(`  slowest ${slowest} ms (target < 1000)\n`);
}

if (only.size === 0) {
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/results.json');
}
