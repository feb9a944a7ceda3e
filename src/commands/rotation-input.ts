/** What the rotation commands share: the roster with rotation settings, its working calendar and holidays. */
import type { Context } from '../context.js';
import type { Roster } from '../model/roster.js';
import type { Gap, RotationInput, Schedule } from '../rotation/schedule.js';
import { LOOKAHEAD_WEEKS } from '../rotation/weeks.js';
import { UsageError } from '../util/errors.js';

export async function rotationInput(ctx: Context): Promise<RotationInput & { roster: Roster }> {
  const { pipelines, roster } = (await ctx.catalog());
  if (!roster) throw new UsageError('rotations need a roster: add roster.yaml with teams, people and rotation settings to the runbooks folder');
  if (!roster.value.rotation) throw new UsageError(`${roster.file}: no rotation settings: add rotation: { start: YYYY-MM-DD, handover: monday 10:00 }`);
  return { roster: roster.value, pipelines: pipelines.map((entry) => entry.value), calendar: await ctx.calendar(), holidays: ctx.holidays().lookup };
}

/**
 * One line on stderr naming the files whose rotation has a week that no one can take, from the week of `at`
 * through the next 12 (what lint's rotation-coverage rule reports), leaving out the gaps already told of.
 */
export async function noteUncoverable(ctx: Context, schedule: Schedule, week: number, told: readonly Gap[] = []): Promise<void> {
  const gaps = schedule.gaps.filter((gap) => gap.week >= Math.max(week, 0) && gap.week <= Math.max(week, 0) + LOOKAHEAD_WEEKS && !told.includes(gap));
  if (gaps.length === 0) return;
  const fileOf = new Map((await ctx.catalog()).pipelines.map((entry) => [entry.value.id, entry.file]));
  const files = [...new Set(gaps.map((gap) => fileOf.get(gap.pipeline) ?? gap.pipeline))];
  const first = schedule.weeks[gaps[0]!.week]!.days[0];
  ctx.io.err(`runbook: ${files.join(', ')}: a rotation week no one can take (the first: week of ${first}); \`runbook lint\` says why\n`);
}
