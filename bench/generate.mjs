// Generates the benchmark inputs: a 10,000-file runbook corpus, and rosters of 500 and 1,000 people.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pad = (n, width = 4) => String(n).padStart(width, '0');

function roster(people, teams) {
  const perTeam = people / teams;
  const lines = [
    'timezone: Europe/London',
    'holidays: { country: GB, region: ENG, extra: [2026-12-24] }',
    'rotation: { start: 2026-11-30, handover: monday 10:00 }',
    'teams:',
  ];
  for (let t = 0; t < teams; t++) {
    const members = Array.from({ length: perTeam }, (_, i) => `p${pad(t * perTeam + i)}`);
    lines.push(
      `  - name: Team ${pad(t, 2)}`,
      `    contact: "#team-${pad(t, 2)}"`,
      `    members: [${members.join(', ')}]`,
    );
  }
  lines.push('  - name: Owners', 'people:');
  for (let i = 0; i < people; i++) {
    const away =
      i % 7 === 0 ? `, away: [{ from: 2027-0${1 + (i % 9)}-0${1 + (i % 5)}, to: 2027-0${1 + (i % 9)}-1${i % 9} }]` : '';
    const country = i % 11 === 0 ? ', country: DE' : i % 13 === 0 ? ', country: US, region: NY' : '';
    lines.push(
      `  - { id: p${pad(i)}, name: Person ${i}, email: p${pad(i)}@example.com, level: ${i % 3 === 0 ? 'senior' : 'junior'}${country}${away} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function pipeline(id, team, lastOfMonth, rotating = true) {
  return `id: ${id}
name: Pipeline ${id}
owners:
  primary: Owners
  secondary: [${team}]
issues:
  - id: late-data
    title: Late data in ${id}
    symptoms: [Row counts drop, Consumer lag grows]
    cause: Upstream producers lag behind.
    resolution: [Check consumer lag, Re-run the load, Compare row counts]
    escalate: ${team}
  - id: duplicates
    title: Duplicate rows in ${id}
    symptoms: [Totals jump]
    resolution: [De-duplicate on the event id]
sla:
  - { id: arrival, kind: freshness, within: 48h }
  - { id: fixes, kind: resolution, within: 7d }
  - { id: monthly, kind: deadline, every: month, due: end-of-month }
oncall:
${
  rotating
    ? `  mode: rotation
  team: ${team}
  weeks: ${lastOfMonth ? 'last-of-month' : 'all'}
  handover-meeting: 30m`
    : '  mode: business-hours'
}
  duties: [Watch the dashboards]
`;
}

/**
 * Writes a runbooks folder with `pipelines` pipelines spread over `teams` teams of `people / teams`; the first
 * `rotating` of them (default: all) take weekly rotations, the others are handled in working hours, so a large
 * corpus stays coverable (one shift a week per person).
 */
export function generate(dir, { pipelines, people, teams, rotating = pipelines }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'roster.yaml'), roster(people, teams));
  for (let i = 0; i < pipelines; i++) {
    const id = `pipeline-${pad(i, 5)}`;
    writeFileSync(join(dir, `${id}.yaml`), pipeline(id, `Team ${pad(i % teams, 2)}`, i % 5 === 4, i < rotating));
  }
  return dir;
}

/**
 * For `sla check`: a folder with one pipeline whose resolution rule has `incidents` incidents (observed.json),
 * and 100 pipelines of 100 freshness rules each read from a dbt sources.json of `results` results.
 */
export function generateSla(dir, { incidents, results }) {
  rmSync(dir, { recursive: true, force: true });
  const runbooks = join(dir, 'runbooks');
  mkdirSync(runbooks, { recursive: true });
  writeFileSync(
    join(runbooks, 'tickets.yaml'),
    'id: tickets\nname: Tickets\nowners: { primary: Support }\nissues: []\nsla:\n  - { id: fixes, kind: resolution, within: 7d }\noncall: { mode: none }\n',
  );
  const opened = (i) => new Date(Date.UTC(2027, 0, 1) + i * 600_000).toISOString().replace('.000Z', 'Z');
  const list = Array.from({ length: incidents }, (_, i) => ({
    id: `INC-${i}`,
    opened: opened(i),
    ...(i % 3 ? { resolved: opened(i + 50) } : {}),
  }));
  writeFileSync(join(dir, 'observed.json'), JSON.stringify({ tickets: { fixes: list } }));
  const perPipeline = 100;
  const dbt = [];
  for (let p = 0; p < results / perPipeline; p++) {
    const rules = [];
    for (let r = 0; r < perPipeline; r++) {
      const id = `source.shop.events.table_${p}_${r}`;
      rules.push(`  - { id: t${r}, kind: freshness, within: 48h, source: { dbt: ${id} } }`);
      dbt.push({ unique_id: id, max_loaded_at: opened(p * perPipeline + r), status: 'pass' });
    }
    writeFileSync(
      join(runbooks, `feed-${pad(p, 3)}.yaml`),
      `id: feed-${pad(p, 3)}\nname: Feed ${p}\nowners: { primary: Data }\nissues: []\nsla:\n${rules.join('\n')}\noncall: { mode: none }\n`,
    );
  }
  writeFileSync(
    join(dir, 'sources.json'),
    JSON.stringify({
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json' },
      results: dbt,
    }),
  );
  return dir;
}

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'runbook.js');

/**
 * `count` copies of the shipped engagement runbook, ids and names made unique, handled in working hours (so
 * nothing needs planning), with the shipped roster: a real runbook's size and shape, many times over.
 */
export function engagementCopies(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(join(ROOT, 'runbooks', 'engagement.yaml'), 'utf8')
    .replace(/\noncall:\n(?: {2}.*\n|\s*\n)*/, '\noncall:\n  mode: business-hours\n')
    .replace(/^aliases: .*\n/m, '');
  writeFileSync(join(dir, 'roster.yaml'), readFileSync(join(ROOT, 'runbooks', 'roster.yaml')));
  for (let i = 0; i < count; i++) {
    const id = `engagement-${pad(i, 5)}`;
    writeFileSync(
      join(dir, `${id}.yaml`),
      text.replace(/^id: engagement$/m, `id: ${id}`).replace(/^name: Engagement$/m, `name: Engagement ${pad(i, 5)}`),
    );
  }
  return dir;
}

/**
 * The inputs that once made a command run for seconds or minutes, each with the command that reads it: the
 * bench times them (each must end in under a second) and reports their peak memory.
 */
export function hostileInputs(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const copy = (name) => {
    const root = join(dir, name);
    cpSync(join(ROOT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
    return root;
  };
  const doc = (name, text) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const out = join(dir, 'imported');
  const fresh = () => rmSync(out, { recursive: true, force: true });
  const importOf = (label, text) => ({
    label,
    args: [BIN, 'import', doc(`${label.replace(/\W+/g, '-')}.md`, text), '-o', out, '--at', '2026-11-30'],
    cwd: dir,
    expectCode: 0,
    before: fresh,
  });
  const lockIn = (year) => {
    const root = copy(`lock-${year}`);
    writeFileSync(
      join(root, 'runbooks', 'rotation.lock.yaml'),
      `shifts:\n  - { week: ${year}-01-03, pipeline: engagement, role: primary, person: ana, revision: 0 }\n`,
    );
    return root;
  };
  const overrideIn = copy('override-2199');
  writeFileSync(
    join(overrideIn, 'runbooks', 'overrides.yaml'),
    '- { pipeline: engagement, role: primary, from: 2027-03-02, to: 2199-12-30, person: ana, reason: far }\n',
  );
  const searched = copy('search');
  const growth = join(searched, 'runbooks', 'growth.yaml');
  const words = Array.from({ length: 60_000 }, (_, i) => `word${i}`).join(' ');
  writeFileSync(growth, readFileSync(growth, 'utf8').replace(/cause: .*/, `cause: ${words}`));
  const far = copy('far');
  return [
    importOf('import: a 4 KB heading', `## Pipeline: ${'x '.repeat(2_000)}#\n### Owners\n- Primary: A Team\n`),
    importOf(
      'import: an owners line of 200,000 spaces',
      `## Pipeline: A\n### Owners\n- Primary: A${' '.repeat(200_000)}x\n`,
    ),
    importOf(
      'import: 80,000 "5 minutes" in one bullet',
      `## Pipeline: A\n### Owners\n- Primary: A Team\n### On-call Schedule\n- Weekly rotation ${'5 minutes '.repeat(80_000)}\n`,
    ),
    {
      label: 'lint: a lock entry in 9999',
      args: [BIN, 'lint', '--at', '2026-11-30'],
      cwd: lockIn(9999),
      expectCode: 1,
    },
    {
      label: 'lint: a lock entry in 2199',
      args: [BIN, 'lint', '--at', '2026-11-30'],
      cwd: lockIn(2199),
      expectCode: 1,
    },
    { label: 'override list: one ending in 2199', args: [BIN, 'override', 'list'], cwd: overrideIn, expectCode: 0 },
    {
      label: 'rotate --diff: an override ending in 2199',
      args: [BIN, 'rotate', '--diff'],
      cwd: overrideIn,
      expectCode: 0,
    },
    { label: 'who --at 2150', args: [BIN, 'who', '--at', '2150-01-01'], cwd: far, expectCode: 2 },
    { label: 'show --at 2150', args: [BIN, 'show', 'engagement', '--at', '2150-01-01'], cwd: far, expectCode: 0 },
    {
      label: 'docs --at 2150',
      args: [BIN, 'docs', '-o', join(dir, 'handbook'), '--at', '2150-01-01'],
      cwd: far,
      expectCode: 0,
    },
    {
      label: 'search: 3,000 words, an issue of 60,000',
      args: [BIN, 'search', ...Array.from({ length: 3_000 }, (_, i) => `q${i}`)],
      cwd: searched,
      expectCode: 0,
    },
  ];
}
