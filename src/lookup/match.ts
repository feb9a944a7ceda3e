/** Finds one pipeline by id, name or alias (case-insensitive) or a unique prefix of one (README, "Commands"). */
import type { Pipeline } from '../model/pipeline.js';
import { UsageError } from '../util/errors.js';
import { closest } from '../util/suggest.js';

function namesOf(pipeline: Pipeline): string[] {
  return [pipeline.id, pipeline.name, ...(pipeline.aliases ?? [])];
}

/** Matches only against the loaded pipelines: the query is never used as a path. */
export function findPipeline<T extends { value: Pipeline }>(pipelines: readonly T[], query: string): T {
  const needle = query.trim().toLowerCase();
  const exact = pipelines.filter((entry) => namesOf(entry.value).some((name) => name.toLowerCase() === needle));
  if (exact.length === 1) return exact[0]!;
  const prefixed = needle
    ? pipelines.filter((entry) => namesOf(entry.value).some((name) => name.toLowerCase().startsWith(needle)))
    : [];
  if (exact.length === 0 && prefixed.length === 1) return prefixed[0]!;
  const shown = JSON.stringify(query);
  const ambiguous = exact.length > 1 ? exact : prefixed;
  if (ambiguous.length > 1) {
    throw new UsageError(
      `pipeline ${shown} is ambiguous: it matches ${ambiguous.map((entry) => entry.value.id).join(', ')}; type more of the name`,
    );
  }
  const guess = closest(
    needle,
    pipelines.flatMap((entry) => namesOf(entry.value)),
  );
  const match = guess === undefined ? undefined : pipelines.find((entry) => namesOf(entry.value).includes(guess));
  const hint = match
    ? `did you mean ${JSON.stringify(match.value.id)}?`
    : `known pipelines: ${pipelines.map((entry) => entry.value.id).join(', ') || 'none'} (runbook list shows them)`;
  throw new UsageError(`unknown pipeline ${shown}: ${hint}`);
}
