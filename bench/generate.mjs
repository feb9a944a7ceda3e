// Generates the benchmark inputs: a 10,000-file runbook corpus, and rosters of 500 and 1,000 people.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
