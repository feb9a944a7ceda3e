/**
 * One validator: lint, the loader behind every command, and the JSON Schema the editor uses must agree on
 * every mutant of the shipped runbooks. Where the JSON Schema cannot express a rule (it sees one file at a
 * time, and has no notion of a real calendar date or of the IANA zone list), the mutant says so: that is the
 * documented limit, listed in the README.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expandPaths, lintFiles } from '../src/lint/lint.js';
import { loadCatalog } from '../src/validate/validate.js';
import { lazyHolidayCatalog } from '../src/load/holidays.js';
import { PROJECT } from './helpers/run.js';

const schema = (name: string) => JSON.parse(readFileSync(join(PROJECT, 'schema', `${name}.schema.json`), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = { pipeline: ajv.compile(schema('pipeline')), roster: ajv.compile(schema('roster')) };
const holidays = lazyHolidayCatalog();

/** What the JSON Schema cannot say, and why. */
const LIMIT = {
  crossFile: 'needs another file (the roster, or the other pipelines)',
  uniqueBy: 'uniqueness by a field of list items is not expressible',
  fileName: 'the schema does not know the file name',
  order: 'comparing two values of a file is not expressible',
  calendar: 'a pattern cannot tell a real calendar date (format "date" is advisory)',
  zones: 'a pattern cannot hold the IANA zone list',
} as const;

interface Mutant {
  name: string;
  file: string;
  from: string | RegExp;
  to: string;
  /** The rule lint reports; none for a valid variant. */
  rule?: string;
  /** Set when the JSON Schema cannot reject it. */
  limit?: (typeof LIMIT)[keyof typeof LIMIT];
}

const MUTANTS: Mutant[] = [
  // Shape: all three refuse.
  {
    name: 'on-call mode misspelt',
    file: 'engagement.yaml',
    from: 'mode: rotation',
    to: 'mode: rota',
    rule: 'schema-enum',
  },
  {
    name: 'unknown top-level key',
    file: 'engagement.yaml',
    from: 'name: Engagement',
    to: 'name: Engagement\nownres: x',
    rule: 'schema-unknown-key',
  },
  { name: 'name missing', file: 'engagement.yaml', from: 'name: Engagement\n', to: '', rule: 'schema-required' },
  {
    name: 'duration as a list',
    file: 'engagement.yaml',
    from: 'within: 48h',
    to: 'within: [48h]',
    rule: 'schema-type',
  },
  {
    name: 'duration in words',
    file: 'engagement.yaml',
    from: 'within: 48h',
    to: 'within: 48 hours',
    rule: 'schema-value',
  },
  {
    name: 'id not kebab-case',
    file: 'engagement.yaml',
    from: '  - id: kafka-outage',
    to: '  - id: Kafka_Outage',
    rule: 'schema-value',
  },
  {
    name: 'blank issue title',
    file: 'engagement.yaml',
    from: /title: Kafka outages[^\n]*/,
    to: 'title: "   "',
    rule: 'schema-value',
  },
  {
    name: 'resolution with within and due',
    file: 'engagement.yaml',
    from: 'within: 7d',
    to: 'within: 7d\n    due: end-of-month',
    rule: 'schema-value',
  },
  {
    name: 'resolution with neither within nor due',
    file: 'aggregated.yaml',
    from: /\n\s+due: end-of-month/,
    to: '',
    rule: 'schema-value',
  },
  {
    name: 'every month due on a weekday',
    file: 'profit.yaml',
    from: /due: [^\n]+/,
    to: 'due: friday 17:00',
    rule: 'schema-value',
  },
  {
    name: 'every week due at month end',
    file: 'growth.yaml',
    from: 'due: end-of-week',
    to: 'due: end-of-month',
    rule: 'schema-value',
  },
  {
    name: 'calendar point in words',
    file: 'growth.yaml',
    from: 'due: end-of-week',
    to: 'due: end of week',
    rule: 'schema-value',
  },
  {
    name: 'rotation without a team',
    file: 'engagement.yaml',
    from: /\n  team: Data Engineering Team/,
    to: '',
    rule: 'schema-value',
  },
  {
    name: 'symptoms as one string',
    file: 'growth.yaml',
    from: /symptoms:\n(\s+- [^\n]+\n)+/,
    to: 'symptoms: gaps in the series\n',
    rule: 'schema-type',
  },
  {
    name: 'zone abbreviation',
    file: 'roster.yaml',
    from: 'timezone: Europe/London',
    to: 'timezone: BST',
    rule: 'schema-value',
  },
  {
    name: 'handover hour 25',
    file: 'roster.yaml',
    from: 'handover: monday 10:00',
    to: 'handover: monday 25:00',
    rule: 'schema-value',
  },
  {
    name: 'working hours without minutes',
    file: 'roster.yaml',
    from: 'hours: "09:00-17:00"',
    to: 'hours: "9-17"',
    rule: 'schema-value',
  },
  {
    name: 'e-mail without a domain',
    file: 'roster.yaml',
    from: 'email: ana@example.com',
    to: 'email: ana',
    rule: 'schema-value',
  },
  {
    name: 'level not senior or junior',
    file: 'roster.yaml',
    from: /level: junior/,
    to: 'level: lead',
    rule: 'schema-enum',
  },
  { name: 'month 13', file: 'roster.yaml', from: 'start: 2026-11-30', to: 'start: 2026-13-01', rule: 'schema-value' },
  {
    name: 'weekday spelt out',
    file: 'roster.yaml',
    from: 'days: [mon, tue, wed, thu, fri]',
    to: 'days: [monday, tue, wed, thu, fri]',
    rule: 'schema-enum',
  },
  {
    name: 'unknown roster key',
    file: 'roster.yaml',
    from: 'timezone: Europe/London',
    to: 'timezone: Europe/London\ntimezones: UTC',
    rule: 'schema-unknown-key',
  },
  {
    name: 'team member twice',
    file: 'roster.yaml',
    from: 'members: [ana, ben, chloe, dev, emma, farid, grace, hugo]',
    to: 'members: [ana, ben, chloe, dev, emma, farid, grace, hugo, ben]',
    rule: 'unique-member',
  },
  // Meaning: lint and the loader refuse; the JSON Schema cannot (a documented limit).
  {
    name: 'owner team not in the roster',
    file: 'engagement.yaml',
    from: 'primary: Software Frontend Team',
    to: 'primary: Software Frontend Tema',
    rule: 'team-exists',
    limit: LIMIT.crossFile,
  },
  {
    name: 'name of another pipeline',
    file: 'engagement.yaml',
    from: 'name: Engagement',
    to: 'name: Growth',
    rule: 'unique-name',
    limit: LIMIT.crossFile,
  },
  {
    name: 'issue id twice',
    file: 'engagement.yaml',
    from: 'id: duplicate-events',
    to: 'id: kafka-outage',
    rule: 'unique-issue-id',
    limit: LIMIT.uniqueBy,
  },
  {
    name: 'id differs from the file name',
    file: 'engagement.yaml',
    from: 'id: engagement',
    to: 'id: engagements',
    rule: 'id-matches-file',
    limit: LIMIT.fileName,
  },
  {
    name: 'team member not among the people',
    file: 'roster.yaml',
    from: 'members: [isla, jonas, kai, lena]',
    to: 'members: [isla, jonas, kai, lena, zoe]',
    rule: 'member-exists',
    limit: LIMIT.crossFile,
  },
  {
    name: 'warn not before within',
    file: 'engagement.yaml',
    from: 'within: 48h',
    to: 'within: 48h\n    warn: 50h',
    rule: 'warn-before-within',
    limit: LIMIT.order,
  },
  {
    name: 'joined after left',
    file: 'roster.yaml',
    from: /(  - id: ana\n)/,
    to: '$1    joined: 2027-05-01\n    left: 2027-01-01\n',
    rule: 'joined-before-left',
    limit: LIMIT.order,
  },
  {
    name: '30 February',
    file: 'roster.yaml',
    from: 'start: 2026-11-30',
    to: 'start: 2026-02-30',
    rule: 'schema-value',
    limit: LIMIT.calendar,
  },
  {
    name: 'zone that does not exist',
    file: 'roster.yaml',
    from: 'timezone: Europe/London',
    to: 'timezone: Europe/Atlantis',
    rule: 'schema-value',
    limit: LIMIT.zones,
  },
  {
    name: 'duplicate key',
    file: 'engagement.yaml',
    from: 'name: Engagement\n',
    to: 'name: Engagement\nname: Engagement\n',
    rule: 'yaml-duplicate-key',
  },
  // Valid variants: all three accept.
  { name: 'CRLF line ends', file: 'engagement.yaml', from: /\n/g, to: '\r\n' },
  {
    name: 'flow style owners',
    file: 'engagement.yaml',
    from: /owners:\n\s+primary: ([^\n]+)\n\s+secondary: ([^\n]+)\n/,
    to: 'owners: { primary: [$1], secondary: $2 }\n',
  },
  { name: 'keys in another order', file: 'growth.yaml', from: /^(id: growth\n)(name: Growth\n)/m, to: '$2$1' },
  { name: 'comments everywhere', file: 'roster.yaml', from: /\n(\s+- id: )/g, to: '\n  # a person\n$1' },
  {
    name: 'an alias for shared duties',
    file: 'engagement.yaml',
    from: 'aliases: [clicks]',
    to: 'aliases: &names [clicks]',
  },
];

function mutate(mutant: Mutant): { root: string; path: string; text: string } {
  const root = mkdtempSync(join(tmpdir(), 'runbook-mutant-'));
  cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  const path = join(root, 'runbooks', mutant.file);
  const original = readFileSync(path, 'utf8');
  const text = original.replace(mutant.from, mutant.to);
  expect(text, `${mutant.name}: the mutation applies`).not.toBe(original);
  writeFileSync(path, text);
  return { root, path, text };
}

describe('lint, the loader and the JSON Schema agree', () => {
  it.each(MUTANTS.map((mutant) => [mutant.name, mutant] as const))('%s', async (_, mutant) => {
    const { root, path, text } = mutate(mutant);
    const file = `runbooks/${mutant.file}`;
    const dir = join(root, 'runbooks');

    const report = await lintFiles(expandPaths([dir], root), root, { holidays });
    const lintErrors = report.problems.filter((problem) => problem.severity === 'error');
    const loaded = loadCatalog(dir, root, { holidays });
    // The loader refuses the file, or (a roster error about one team or person) that part of it.
    const faults = file.endsWith('roster.yaml') ? loaded.catalog.roster?.faults : undefined;
    const refusedPart = faults
      ? [...(faults.rotation ? [faults.rotation] : []), ...faults.teams.map((t) => t.problem)]
      : [];
    const refusedByLoader = loaded.catalog.broken.some((entry) => entry.file === file) || refusedPart.length > 0;
    let data: unknown;
    try {
      data = parse(text);
    } catch {
      data = undefined;
    }
    const validate = mutant.file === 'roster.yaml' ? validators.roster : validators.pipeline;
    const refusedBySchema = data === undefined || !validate(data);

    if (!mutant.rule) {
      expect(lintErrors).toEqual([]);
      expect(refusedByLoader).toBe(false);
      expect(refusedBySchema, JSON.stringify(validate.errors)).toBe(false);
      return;
    }
    // Lint: exactly the expected error, in the mutated file.
    expect(lintErrors.map((problem) => `${problem.file} ${problem.rule}`)).toEqual([`${file} ${mutant.rule}`]);
    // The loader: the same file left out, with the same problems, the others kept.
    expect(refusedByLoader).toBe(true);
    if (refusedPart.length) {
      expect(loaded.catalog.broken).toEqual([]);
      for (const problem of refusedPart) expect(lintErrors).toContainEqual(problem);
    } else {
      expect(loaded.catalog.broken.map((entry) => entry.file)).toEqual([file]);
      expect(loaded.catalog.broken[0]!.errors).toEqual(lintErrors);
    }
    // The JSON Schema: refuses whatever it can express.
    expect(refusedBySchema, mutant.limit ? `documented limit: ${mutant.limit}` : JSON.stringify(validate.errors)).toBe(
      mutant.limit === undefined,
    );
    void path;
  });
});
