/**
 * A rule's observation from every file given to `sla check` (README, "SLA deadlines and checks"): runbook observations files by pipeline
 * and rule id; dbt source-freshness results and OpenLineage run events by the rule's `source`. Pure: the files
 * are read and checked in `load/observation-files.ts`.
 */
import type { Incident, Observation, Observations } from '../model/observations.js';
import type { Pipeline, SlaRule } from '../model/pipeline.js';

/** One dbt source-freshness result: `max_loaded_at` is the arrival of the newest data. */
export interface DbtResult {
  status: string;
  maxLoadedAt?: string;
  error?: string;
}

/** What the files given hold, each kind with the names of the files it came from (for the messages). */
export interface ObservedFacts {
  runbook: { file: string; observations: Observations }[];
  dbt: { file: string; results: Map<string, DbtResult> }[];
  /** Per `namespace job`: the times of its COMPLETE events (FAIL and ABORT are not done). */
  lineage: { file: string; completes: Map<string, string[]>; seen: Set<string> }[];
}

export type Resolved = { observation: Observation } | { unknown: string } | undefined;

const time = (timestamp: string): number => Date.parse(timestamp);
const newest = (timestamps: readonly string[]): string | undefined =>
  timestamps.reduce<string | undefined>(
    (best, t) => (best === undefined || time(t) > time(best) ? t : best),
    undefined,
  );
const files = (entries: readonly { file: string }[]): string =>
  entries.map((entry) => entry.file).join(', ') || 'no file of that kind';

export const lineageKey = (namespace: string, job: string): string => `${namespace}\u0000${job}`;

/**
 * The observation of a rule. With several files, the newest observation wins (for incidents: every incident,
 * the later file's copy of one with the same id). Times after `at` are left to the evaluation (they have not
 * happened yet as of `at`), except where choosing the newest: the newest at or before `at` is taken.
 */
export function observationFor(pipeline: Pipeline, rule: SlaRule, facts: ObservedFacts, at: Date): Resolved {
  const notAfter = (timestamps: readonly string[]): string | undefined =>
    newest(timestamps.filter((t) => time(t) <= at.getTime())) ?? newest(timestamps);
  const source = rule.source;
  if (source && 'dbt' in source) {
    const found = facts.dbt.flatMap((entry) => {
      const result = entry.results.get(source.dbt);
      return result ? [{ file: entry.file, result }] : [];
    });
    if (found.length === 0) return { unknown: `no result for ${source.dbt} in ${files(facts.dbt)}` };
    const loaded = found.flatMap(({ result }) => (result.maxLoadedAt ? [result.maxLoadedAt] : []));
    if (loaded.length > 0) return { observation: notAfter(loaded)! };
    const failed = found.find(({ result }) => result.error !== undefined) ?? found[0]!;
    return {
      unknown: `dbt could not check ${source.dbt} (${failed.result.status}): ${(
        failed.result.error ?? 'no max_loaded_at'
      )
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' ')}`,
    };
  }
  if (source && 'openlineage' in source) {
    const key = lineageKey(source.openlineage.namespace, source.openlineage.job);
    const name = `${source.openlineage.namespace}/${source.openlineage.job}`;
    const completes = facts.lineage.flatMap((entry) => entry.completes.get(key) ?? []);
    if (completes.length > 0) return { observation: notAfter(completes)! };
    const seen = facts.lineage.some((entry) => entry.seen.has(key));
    return {
      unknown: seen
        ? `no COMPLETE event for ${name} in ${files(facts.lineage)} (its runs failed or were aborted)`
        : `no event for ${name} in ${files(facts.lineage)}`,
    };
  }
  const given = facts.runbook.flatMap((entry) => {
    const observation = entry.observations[pipeline.id]?.[rule.id];
    return observation === undefined ? [] : [observation];
  });
  if (given.length === 0) return undefined;
  if (given.every((observation) => typeof observation === 'string')) return { observation: notAfter(given)! };
  const byId = new Map<string, Incident>();
  for (const observation of given)
    if (Array.isArray(observation)) for (const incident of observation) byId.set(incident.id, incident);
  return { observation: [...byId.values()] };
}
