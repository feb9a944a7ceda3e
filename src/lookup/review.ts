/** Review dates (`reviewed`, `review-every`): when a runbook was last checked, and whether it is due again. */
import { durationMs } from '../model/duration.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Roster } from '../model/roster.js';
import { addDays, type LocalDate } from '../time/local.js';

export interface Review {
  reviewed: LocalDate | null;
  every: string | null;
  /** The day the next review is due: the review date plus the interval. */
  due: LocalDate | null;
  /** Due before today, or an interval applies and the runbook was never reviewed. */
  overdue: boolean;
}

export function reviewOf(pipeline: Pipeline, roster: Roster | undefined, today: LocalDate): Review {
  const reviewed = pipeline.reviewed ?? null;
  const every = pipeline['review-every'] ?? roster?.['review-every'] ?? null;
  const days = every === null ? undefined : Math.round(durationMs(every) / 86_400_000);
  const due = reviewed !== null && days !== undefined ? addDays(reviewed, days) : null;
  return { reviewed, every, due, overdue: every !== null && (due === null || due < today) };
}
