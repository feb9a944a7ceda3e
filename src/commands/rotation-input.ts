/** What the rotation commands share: the roster with rotation settings, holidays, and a schedule up to a week. */
import type { Context } from '../context.js';
import type { Roster } from '../model/roster.js';
import type { RotationInput } from '../rotation/schedule.js';
import { rosterCalendar } from '../sla/calendar.js';
import { UsageError } from '../util/errors.js';

export async function rotationInput(ctx: Context): Promise<RotationInput & { roster: Roster }> {
  const { pipelines, roster } = (await ctx.catalog());
  if (!roster) throw new UsageError('rotations need a roster: add roster.yaml with teams, people and rotation settings to the runbooks folder');
  if (!roster.value.rotation) throw new UsageError(`${roster.file}: no rotation settings: add rotation: { start: YYYY-MM-DD, handover: monday 10:00 }`);
  const holidays = ctx.holidays().lookup;
  return { roster: roster.value, pipelines: pipelines.map((entry) => entry.value), calendar: rosterCalendar(roster.value, holidays), holidays };
}
