// npm run coverage: line and branch coverage of src/, counting both the code the tests run in process and the
// built CLI they start as a child process (V8 coverage of its compiled modules, mapped back to src/).
// Prints the in-process figures, then the merged ones.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'coverage');
const raw = join(out, 'raw');
const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

rmSync(out, { recursive: true, force: true });
// 1. The build, its compiled modules with source maps: in a coverage run the CLI runs those (src/boot.ts), so
// its coverage maps back to src/ line by line.
run('npx', ['tsc', '-p', 'tsconfig.build.json', '--sourceMap']);
run('node', ['build.mjs']);
// 2. The tests, with vitest's coverage of what runs in process; every child process writes V8 coverage to raw/.
run(
  'npx',
  [
    'vitest',
    'run',
    '--coverage.enabled',
    '--coverage.provider=v8',
    '--coverage.include=src/**',
    '--coverage.reporter=json',
    `--coverage.reportsDirectory=${join(out, 'in-process')}`,
  ],
  { NODE_V8_COVERAGE: raw, RUNBOOK_COVERAGE: '1' },
);
// 3. The child processes' coverage of the built CLI, mapped to src/.
run('npx', [
  'c8',
  'report',
  `--temp-directory=${raw}`,
  `--report-dir=${join(out, 'cli')}`,
  '--reporter=json',
  '--exclude-after-remap',
  '--include=src/**',
  '--exclude=**/node_modules/**',
]);

const load = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
const inProcess = libCoverage.createCoverageMap(load(join(out, 'in-process', 'coverage-final.json')));
const cli = libCoverage.createCoverageMap(load(join(out, 'cli', 'coverage-final.json')));

// The two maps come from different converters (vitest's and c8's), so their statements and branches do not
// line up one to one: they are merged by line. A line counts as run when either ran it. A branch arm counts
// as run when the tests ran it in process, or when the CLI ran every line of it and no other arm of the same
// branch shares those lines (so a one-line `a ? b : c` is never credited from line hits): a lower estimate.
const merged = libCoverage.createCoverageMap({});
for (const file of new Set([...inProcess.files(), ...cli.files()])) {
  const own = inProcess.data[file] ? inProcess.fileCoverageFor(file) : undefined;
  const child = cli.data[file] ? cli.fileCoverageFor(file) : undefined;
  if (!own || !child) {
    merged.addFileCoverage((own ?? child).toJSON());
    continue;
  }
  const ran = child.getLineCoverage();
  const data = structuredClone(own.toJSON());
  for (const [id, statement] of Object.entries(data.statementMap))
    if (!data.s[id] && ran[statement.start.line] > 0 && ran[statement.end.line] > 0) data.s[id] = 1;
  for (const [id, branch] of Object.entries(data.branchMap)) {
    branch.locations.forEach((location, arm) => {
      if (data.b[id][arm] || !location?.start?.line) return;
      const lines = [];
      for (let line = location.start.line; line <= (location.end?.line ?? location.start.line); line++)
        lines.push(line);
      const shared = branch.locations.some(
        (other, index) =>
          index !== arm && other?.start?.line <= lines.at(-1) && (other.end?.line ?? other.start.line) >= lines[0],
      );
      if (!shared && lines.every((line) => ran[line] > 0)) data.b[id][arm] = 1;
    });
  }
  merged.addFileCoverage(data);
}

const summary = (map) => {
  const total = libCoverage.createCoverageSummary();
  for (const file of map.files()) total.merge(map.fileCoverageFor(file).toSummary());
  return total;
};
const pct = (metric) => `${metric.pct.toFixed(1)}% (${metric.covered}/${metric.total})`;
const before = summary(inProcess);
const after = summary(merged);
const context = libReport.createContext({ dir: join(out, 'merged'), coverageMap: merged, defaultSummarizer: 'pkg' });
reports.create('text', { skipFull: true }).execute(context);
reports.create('html').execute(context);
reports.create('json').execute(context);
console.log('\n| coverage of src/ | lines | branches |');
console.log('|---|---|---|');
console.log(`| tests in process only | ${pct(before.lines)} | ${pct(before.branches)} |`);
console.log(`| with the built CLI's runs (merged by line) | ${pct(after.lines)} | ${pct(after.branches)} |`);
console.log(`\nHTML report: ${join('coverage', 'merged', 'index.html')}`);
