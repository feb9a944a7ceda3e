/** One common issue of a pipeline, by its id or by words from it (ranked as `runbook search` ranks). */
import type { CommonIssue, Pipeline } from '../model/pipeline.js';
import { UsageError } from '../util/errors.js';
import { searchIssues } from './search.js';

export function findIssue(pipeline: Pipeline, words: readonly string[]): CommonIssue {
  const id = words.join('-').trim().toLowerCase();
  const exact = pipeline.issues.find((issue) => issue.id === id);
  if (exact) return exact;
  const [best] = searchIssues([pipeline], words);
  const found = best && pipeline.issues.find((issue) => issue.id === best.issue.id);
  if (found) return found;
  const known = pipeline.issues.map((issue) => issue.id);
  throw new UsageError(
    `no common issue of ${pipeline.id} matches "${words.join(' ')}"${known.length ? `: its issues are ${known.join(', ')}` : ': it has none recorded'}`,
  );
}
