/** What the rotation commands share: the roster with rotation settings, its working calendar and holidays. */
import type { Context } from '../context.js';
import type { Roster } from '../model/roster.js';
import type { Gap, RotationInput } from '../rotation/schedule.js';
import { handoverOf, LOOKAHEAD_WEEKS, weekIndexAt } from '../rotation/weeks.js';
import { rotationAt } from '../rotation/who.js';
import { UsageError } from '../util/errors.js';
import type { Rejection } from '../rotation/overlay.js';
import { OVERRIDES_FILE } from '../load/file-kinds.js';

export async function rotationInput(ctx: Context): Promise<RotationInput & { roster: Roster }> {
  const { pipelines, roster, overrides, lock } = await ctx.catalog();
  if (!roster)
    throw new UsageError(
      'rotations need a roster: add roster.yaml with teams, people and rotation settings to the runbooks folder',
    );
  if (!roster.value.rotation)
    throw new UsageError(
      `${roster.file}: no rotation settings: add rotation: { start: YYYY-MM-DD, handover: monday 10:00 }`,
    );
  return {
    roster: roster.value,
    pipelines: pipelines.map((entry) => entry.value),
    calendar: await ctx.calendar(),
    holidays: ctx.holidays().lookup,
    ...(lock ? { lock: lock.value.shifts } : {}),
    ...(overrides ? { overrides: overrides.value } : {}),
  };
}

/**
 * Who is on call at `at`, and the weeks no one can take from that week through the next 12 (what lint's
 * rotation-coverage rule reports): planned here once per week, then read from the look-up cache.
 */
export function onCallWithLookahead(ctx: Context, input: RotationInput & { roster: Roster }, at: Date) {
  const current = Math.max(weekIndexAt(handoverOf(input.roster, input.calendar.offsets), at), 0);
  let ahead = ctx.knownLookahead(current);
  const found = rotationAt(input, at, ahead ? 0 : LOOKAHEAD_WEEKS);
  if (!ahead) {
    ahead = found.schedule.gaps
      .filter((gap) => gap.week >= current && gap.week <= current + LOOKAHEAD_WEEKS)
      .map((gap) => ({ pipeline: gap.pipeline, week: gap.week, day: found.schedule.weeks[gap.week]!.days[0]! }));
    ctx.rememberLookahead({ week: current, gaps: ahead });
  }
  return { ...found, ahead };
}

/** One line on stderr naming the files whose rotation has a week that no one can take, leaving out the weeks already told of. */
export async function noteUncoverable(
  ctx: Context,
  ahead: readonly { pipeline: string; week: number; day: string }[],
  told: readonly Gap[] = [],
): Promise<void> {
  const gaps = ahead.filter((gap) => !told.some((entry) => entry.pipeline === gap.pipeline && entry.week === gap.week));
  if (gaps.length === 0) return;
  const fileOf = new Map((await ctx.catalog()).pipelines.map((entry) => [entry.value.id, entry.file]));
  const files = [...new Set(gaps.map((gap) => fileOf.get(gap.pipeline) ?? gap.pipeline))];
  ctx.io.err(
    `runbook: ${files.join(', ')}: a rotation week no one can take (the first: week of ${gaps[0]!.day}); \`runbook lint\` says why\n`,
  );
}

/** One line on stderr naming the overrides the answer left out because they break a hard rule (from week `from` on). */
export async function noteLeftOut(ctx: Context, rejected: readonly Rejection[], from: number): Promise<void> {
  const numbers = [...new Set(rejected.filter((entry) => entry.week >= from).map((entry) => entry.override + 1))];
  if (numbers.length === 0) return;
  const file = (await ctx.catalog()).overrides?.file ?? OVERRIDES_FILE;
  ctx.io.err(
    `runbook: ${file}: override${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')} left out: ${numbers.length === 1 ? 'it breaks' : 'they break'} a hard rule (\`runbook lint\` says which)\n`,
  );
}
