/** `runbook who` for people. */
import type { Pipeline } from '../model/pipeline.js';
import type { Schedule } from '../rotation/schedule.js';
import type { OnCall } from '../rotation/who.js';
import { sanitizeLine } from './sanitize.js';
import type { Style } from './style.js';
import { formatLocal } from './time.js';

export function whoLines(onCall: readonly OnCall[], pipelines: readonly Pipeline[], schedule: Schedule, at: Date, style: Style): string[] {
  const zone = schedule.handover.timeZone;
  if (at.getTime() < schedule.weeks[0]!.start.getTime()) {
    return [`The rotation starts ${formatLocal(schedule.weeks[0]!.start, zone)}.`];
  }
  return pipelines.map((pipeline) => {
    const entry = onCall.find((candidate) => candidate.pipeline === pipeline.id);
    const label = `${style.cyan(pipeline.id.padEnd(12))}`;
    if (!entry) return `${label}no shift this week (${pipeline.oncall.weeks === 'last-of-month' ? 'month-end weeks only' : 'not scheduled'})`;
    const backup = entry.backup ? `, backed by ${sanitizeLine(entry.backup.name)} <${entry.backup.email}>` : '';
    return `${label}${style.bold(sanitizeLine(entry.primary.name))} <${entry.primary.email}>${backup}, until ${formatLocal(entry.until, zone)}`;
  });
}

export function renderWho(onCall: readonly OnCall[], pipelines: readonly Pipeline[], schedule: Schedule, at: Date, style: Style): string {
  return [style.dim(`On call at ${formatLocal(at, schedule.handover.timeZone)}`), ...whoLines(onCall, pipelines, schedule, at, style)].join('\n');
}
