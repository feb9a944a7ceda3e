/** Ranks common issues across pipelines by how well they match the query words. */
import type { CommonIssue, Pipeline } from '../model/pipeline.js';
import { compareText } from '../util/compare.js';

export interface SearchHit {
  pipeline: string;
  issue: { id: string; title: string };
  score: number;
}

/** How much a word found in each field counts. */
const WEIGHTS = { title: 5, id: 4, symptoms: 3, cause: 2, resolution: 1 } as const;

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Each field's distinct tokens, sorted: a query word is looked up, not compared with every token. */
function fieldsOf(issue: CommonIssue): Record<keyof typeof WEIGHTS, string[]> {
  const sorted = (text: string) => [...new Set(tokens(text))].sort();
  return {
    title: sorted(issue.title),
    id: sorted(issue.id),
    symptoms: sorted((issue.symptoms ?? []).join(' ')),
    cause: sorted(issue.cause ?? ''),
    resolution: sorted((issue.resolution ?? []).join(' ')),
  };
}

/**
 * A query word matches a token equal to it, or one it starts (3 letters or more: "dedup" finds "deduplication").
 * In sorted tokens the first one not before the word is the only candidate for either.
 */
function matches(word: string, sorted: readonly string[]): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < word) low = middle + 1;
    else high = middle;
  }
  const token = sorted[low];
  return token !== undefined && (token === word || (word.length >= 3 && token.startsWith(word)));
}

export function searchIssues(pipelines: readonly Pipeline[], query: readonly string[]): SearchHit[] {
  const words = [...new Set(query.flatMap(tokens))];
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const pipeline of pipelines) {
    for (const issue of pipeline.issues) {
      const fields = fieldsOf(issue);
      let score = 0;
      let found = 0;
      for (const word of words) {
        let best = 0;
        for (const [field, weight] of Object.entries(WEIGHTS) as [keyof typeof WEIGHTS, number][]) {
          if (matches(word, fields[field])) best = best === 0 ? weight : Math.max(best, weight) + 0.25;
        }
        if (best > 0) found++;
        score += best;
      }
      if (found === 0) continue;
      // Issues matching every word rank above those matching some.
      score = Math.round(((score * found) / words.length) * 100) / 100;
      hits.push({ pipeline: pipeline.id, issue: { id: issue.id, title: issue.title }, score });
    }
  }
  return hits.sort(
    (a, b) => b.score - a.score || compareText(a.pipeline, b.pipeline) || compareText(a.issue.id, b.issue.id),
  );
}
