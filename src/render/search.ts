/** `runbook search`: ranked common issues. */
import type { SearchHit } from '../lookup/search.js';
import type { Pipeline } from '../model/pipeline.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { wrap } from './text.js';

export function renderSearch(
  hits: readonly SearchHit[],
  pipelines: readonly Pipeline[],
  words: readonly string[],
  style: Style,
  width: number,
): string {
  if (hits.length === 0)
    return `No common issue matches ${JSON.stringify(words.join(' '))}. Try fewer or shorter words.`;
  const lines: string[] = [];
  hits.forEach((hit, index) => {
    const pipeline = pipelines.find((candidate) => candidate.id === hit.pipeline);
    const issue = pipeline?.issues.find((candidate) => candidate.id === hit.issue.id);
    const number = `${index + 1}. `;
    lines.push(...wrap(style.bold(sanitizeLine(hit.issue.title)), width, ' '.repeat(number.length), number));
    lines.push(
      `${' '.repeat(number.length)}${style.cyan(hit.pipeline)} / ${hit.issue.id}  ${style.dim(`score ${hit.score}`)}`,
    );
    const symptom = issue?.symptoms?.[0];
    if (symptom) lines.push(...wrap(sanitizeLine(symptom), width, ' '.repeat(number.length)));
  });
  lines.push('', style.dim(`runbook show <pipeline> gives the steps to fix each one.`));
  return lines.join('\n');
}
