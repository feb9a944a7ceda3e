/** `runbook who` for people. */
import type { Pipeline } from '../model/pipeline.js';
import type { Schedule } from '../rotation/schedule.js';
import type { OnCall } from '../rotation/who.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { wrap } from './text.js';
import { formatLocal } from './time.js';
import { weekIndexAt } from '../rotation/weeks.js';

const LABEL = 13;

/** One line per pipeline: who is on call in words (without the pipeline's name). */
export function whoLines(
  onCall: readonly OnCall[],
  pipelines: readonly Pipeline[],
  schedule: Schedule,
  at: Date,
): { pipeline: string; text: string }[] {
  const zone = schedule.handover;
  if (at.getTime() < schedule.weeks[0]!.start.getTime()) {
    return [{ pipeline: '', text: `The rotation starts ${formatLocal(schedule.weeks[0]!.start, zone)}.` }];
  }
  return pipelines.map((pipeline) => {
    const entry = onCall.find((candidate) => candidate.pipeline === pipeline.id);
    const week = weekIndexAt(schedule.handover, at);
    if (!entry && schedule.gaps.some((gap) => gap.pipeline === pipeline.id && gap.week === week)) {
      return {
        pipeline: pipeline.id,
        text: 'no one: this week cannot be staffed under the rotation rules (`runbook lint` says why)',
      };
    }
    if (!entry)
      return {
        pipeline: pipeline.id,
        text: `no shift this week (${pipeline.oncall.weeks === 'last-of-month' ? 'month-end weeks only' : 'not scheduled'})`,
      };
    const backup = entry.backup ? `, backed by ${sanitizeLine(entry.backup.name)} <${entry.backup.email}>` : '';
    return {
      pipeline: pipeline.id,
      text: `${sanitizeLine(entry.primary.name)} <${entry.primary.email}>${backup}, until ${formatLocal(entry.until, zone)}`,
    };
  });
}

export function renderWho(
  onCall: readonly OnCall[],
  pipelines: readonly Pipeline[],
  schedule: Schedule,
  at: Date,
  style: Style,
  width: number,
): string {
  const lines = whoLines(onCall, pipelines, schedule, at).flatMap(({ pipeline, text }) =>
    wrap(text, width, ' '.repeat(pipeline ? LABEL : 0), pipeline ? pipeline.padEnd(LABEL) : '').map((line) =>
      line.replace(pipeline, style.cyan(pipeline)),
    ),
  );
  return [style.dim(`On call at ${formatLocal(at, schedule.handover)}`), ...lines].join('\n');
}
