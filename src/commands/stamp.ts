import { UsageError } from '../util/errors.js';
import type { Context } from './context.js';

/**
 * The DTSTAMP of every calendar event a command writes: SOURCE_DATE_EPOCH when set (so output is byte-identical
 * across runs), else the command's now.
 */
export function calendarStamp(ctx: Context): Date {
  const epoch = ctx.io.env.SOURCE_DATE_EPOCH;
  // Whole seconds from 1970 up to the end of 2199, the years runbook works with.
  if (epoch !== undefined && (!/^\d{1,11}$/.test(epoch) || Number(epoch) >= 7258118400))
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be whole seconds since 1970, up to the end of 2199 (7258118399), not ${JSON.stringify(epoch)}`,
    );
  return epoch === undefined ? ctx.now : new Date(Number(epoch) * 1000);
}
