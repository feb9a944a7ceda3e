/** Drift said in plain view: after a write, the fairness goals the final schedule now breaks (one line each). */
import type { Context } from './context.js';
import { RotationInputError } from '../model/errors.js';
import { weeksToCover } from '../rotation/cover.js';
import { fairnessDrift } from '../rotation/drift.js';
import type { RotationInput } from '../rotation/schedule.js';
import { handoverOf, LOOKAHEAD_WEEKS, weekIndexAt } from '../rotation/weeks.js';

/**
 * One stderr warning per goal the final schedule breaks that the plan kept, over the published weeks and the
 * overrides' (at least the next 12 weeks), naming the overrides that cause it. `before` is the input before
 * the write: a drift it already had is said too, as still there.
 */
export function noteDrift(ctx: Context, input: RotationInput, before?: RotationInput): void {
  const handover = handoverOf(input.roster, input.calendar.offsets);
  const current = Math.max(0, weekIndexAt(handover, input.now ?? ctx.now));
  const weeks = Math.max(
    current + LOOKAHEAD_WEEKS + 1,
    weeksToCover(handover, input.calendar, input.lock, input.overrides),
  );
  let drifts: ReturnType<typeof fairnessDrift>;
  let known: Set<string>;
  try {
    known = new Set(before ? fairnessDrift(before, weeks).map((drift) => drift.message) : []);
    drifts = fairnessDrift(input, weeks);
  } catch (error) {
    // Said after the write: a check that cannot run (a time beyond the weeks runbook plans) fails nothing.
    if (!(error instanceof RotationInputError)) throw error;
    ctx.note(`fairness not checked: ${error.message}`);
    return;
  }
  for (const drift of drifts) {
    const which = drift.overrides.length
      ? ` (override${drift.overrides.length === 1 ? '' : 's'} ${drift.overrides.map((n) => n + 1).join(', ')})`
      : '';
    ctx.note(`warning: ${drift.message}${which}${known.has(drift.message) ? '; it was so before' : ''}`);
  }
}
