/** What the rotation commands share: the roster with rotation settings, its working calendar and holidays. */
import type { Context } from '../context.js';
import type { Roster } from '../model/roster.js';
import type { RotationInput } from '../rotation/schedule.js';
import { UsageError } from '../util/errors.js';

export async function rotationInput(ctx: Context): Promise<RotationInput & { roster: Roster }> {
  const { pipelines, roster } = (await ctx.catalog());
  if (!roster) throw new UsageError('rotations need a roster: add roster.yaml with teams, people and rotation settings to the runbooks folder');
  if (!roster.value.rotation) throw new UsageError(`${roster.file}: no rotation settings: add rotation: { start: YYYY-MM-DD, handover: monday 10:00 }`);
  return { roster: roster.value, pipelines: pipelines.map((entry) => entry.value), calendar: await ctx.calendar(), holidays: ctx.holidays().lookup };
}
