/**
 * The files given to `sla check --observations`, each read by what its content is (README, "SLA deadlines and checks"): a runbook
 * observations file (YAML or JSON), a dbt source-freshness artifact (`target/sources.json`, schema
 * `dbt/sources/v1`–`v3`), or OpenLineage run events, one JSON object a line. Every problem is an input
 * error at its file and line.
 */
import type { RuleId } from '../model/rule-ids.js';
import { readFileSync } from 'node:fs';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import { lineageKey, type DbtResult, type ObservedFacts } from '../sla/sources.js';
import { timestampProblem, TIMESTAMP_PATTERN } from '../util/dates.js';
import { InputError } from '../model/errors.js';
import { displayPath } from '../read/find.js';
import { loadObservations } from './observations.js';
import { regularFile } from '../read/regular-file.js';
import { MAX_FILE_BYTES } from '../read/source-limits.js';

/** The largest artifact read: dbt and lineage files of large projects run to many megabytes. */
const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024;

export type ObservationFormat = 'runbook' | 'dbt' | 'openlineage';

export function loadObservationFiles(
  paths: readonly string[],
  cwd: string,
  pipelines: readonly Pipeline[],
  broken: ReadonlyMap<string, string> = new Map(),
): ObservedFacts {
  const facts: ObservedFacts = { runbook: [], dbt: [], lineage: [] };
  const problems: Problem[] = [];
  for (const path of paths) {
    const file = displayPath(path, cwd);
    const fail = (message: string, line = 1, column = 1, rule: RuleId = 'observation'): void =>
      void problems.push({ file, line, column, severity: 'error', rule, message });
    const checked = regularFile(path);
    if ('rule' in checked) {
      fail(checked.message, 1, 1, checked.rule);
      continue;
    }
    if (checked.size > MAX_ARTIFACT_BYTES) {
      fail(
        `the file is ${(checked.size / 1024 / 1024).toFixed(0)} MiB; observation files are limited to 256 MiB`,
        1,
        1,
        'file-too-large',
      );
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const format = detect(text);
    try {
      if (format === 'dbt') facts.dbt.push({ file, results: readDbt(text, fail) });
      else if (format === 'openlineage') facts.lineage.push({ file, ...readLineage(text, fail) });
      else {
        if (checked.size > MAX_FILE_BYTES) {
          fail(
            'the file is larger than 1 MiB: a runbook observations file is written by hand or a small script',
            1,
            1,
            'file-too-large',
          );
          continue;
        }
        facts.runbook.push({ file, observations: loadObservations(path, cwd, pipelines, broken) });
      }
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return facts;
}

/** What a file holds, from its content: dbt's schema version, or run events a line, else runbook observations. */
export function detect(text: string): ObservationFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('{')) return 'runbook';
  const firstLine = start.split('\n', 1)[0]!;
  try {
    const first = JSON.parse(firstLine) as Record<string, unknown>;
    if (typeof first.eventType === 'string' && typeof first.eventTime === 'string') return 'openlineage';
  } catch {
    // Not one object a line: a JSON document.
  }
  return /"dbt_schema_version"\s*:/.test(start.slice(0, 4096)) ? 'dbt' : 'runbook';
}

type Fail = (message: string, line?: number, column?: number) => void;

/** The timestamp, or undefined after reporting why it is not one. */
function checkedTime(value: unknown, what: string, fail: Fail, line = 1): string | undefined {
  const problem =
    typeof value !== 'string'
      ? 'is not a string'
      : !TIMESTAMP_PATTERN.test(value)
        ? 'is not a timestamp with an offset'
        : timestampProblem(value);
  if (problem) {
    fail(`${what} ${JSON.stringify(value)} ${problem}`, line);
    return undefined;
  }
  return value as string;
}

function readDbt(text: string, fail: Fail): Map<string, DbtResult> {
  const results = new Map<string, DbtResult>();
  let data: { metadata?: { dbt_schema_version?: unknown }; results?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch (error) {
    fail(`JSON syntax: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '')}`);
    return results;
  }
  const schema = data.metadata?.dbt_schema_version;
  const version = typeof schema === 'string' ? schema : '';
  if (!/\/dbt\/sources\/v[123]\.json$/.test(version)) {
    fail(
      `a dbt artifact, but not a source-freshness result of schema dbt/sources v1 to v3 (its schema: ${version || 'none'}); give target/sources.json from \`dbt source freshness\``,
    );
    return results;
  }
  if (!Array.isArray(data.results)) {
    fail('a dbt sources.json without a results list');
    return results;
  }
  for (const [index, entry] of (data.results as Record<string, unknown>[]).entries()) {
    const id = entry?.unique_id;
    if (typeof id !== 'string' || typeof entry.status !== 'string') {
      fail(`results[${index}] has no unique_id and status: not a dbt source-freshness result`);
      continue;
    }
    const result: DbtResult = { status: entry.status };
    if (entry.max_loaded_at !== undefined && entry.max_loaded_at !== null) {
      const loaded = checkedTime(entry.max_loaded_at, `${id}: max_loaded_at`, fail);
      if (loaded) result.maxLoadedAt = loaded;
    }
    if (typeof entry.error === 'string') result.error = entry.error;
    // A runtime error has no max_loaded_at: the rule is unknown, with dbt's own words.
    if (entry.status === 'runtime error') delete result.maxLoadedAt;
    results.set(id, result);
  }
  return results;
}

function readLineage(text: string, fail: Fail): { completes: Map<string, string[]>; seen: Set<string> } {
  const completes = new Map<string, string[]>();
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let event: { eventType?: unknown; eventTime?: unknown; job?: { namespace?: unknown; name?: unknown } };
    try {
      event = JSON.parse(raw) as typeof event;
    } catch (error) {
      fail(
        `line ${line} is not JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '')}; OpenLineage files hold one run event a line`,
        line,
      );
      return;
    }
    const { namespace, name } = event.job ?? {};
    if (typeof event.eventType !== 'string' || typeof namespace !== 'string' || typeof name !== 'string') {
      fail('not an OpenLineage run event: it needs eventType, eventTime and job { namespace, name }', line);
      return;
    }
    const time = checkedTime(event.eventTime, 'eventTime', fail, line);
    if (!time) return;
    const key = lineageKey(namespace, name);
    seen.add(key);
    // COMPLETE marks the job done (and its outputs arrived); START, RUNNING, FAIL and ABORT do not.
    if (event.eventType === 'COMPLETE') completes.set(key, [...(completes.get(key) ?? []), time]);
  });
  return { completes, seen };
}
