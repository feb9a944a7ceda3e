/** `rotation.lock.yaml` as the tool writes it, and `rotate --diff` for people. */
import type { LockedMeeting, LockedShift, PublishedPart } from '../model/lock.js';
import type { DiffEntry, Published } from '../rotation/published.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

/**
 * One shift or meeting a line, so a code review reads what changed. Ids, dates and timestamps need no quoting;
 * a cover's reason is quoted as JSON (a YAML flow scalar in double quotes reads it back the same).
 */
export function lockYaml({ shifts, meetings }: Required<Published>): string {
  const parts = (key: string, list: readonly PublishedPart[] | undefined): string =>
    list?.length
      ? `, ${key}: [${list
          .map(
            (part) =>
              `{ from: ${part.from}, to: ${part.to}, person: ${part.person}${part.reason === undefined ? '' : `, reason: ${JSON.stringify(part.reason)}`} }`,
          )
          .join(', ')}]`
      : '';
  const tail = (entry: { cancelled?: true; sum?: string }) =>
    `${entry.cancelled ? ', cancelled: true' : ''}${entry.sum ? `, sum: ${entry.sum}` : ''}`;
  const shift = (entry: LockedShift): string =>
    `  - { week: ${entry.week}, pipeline: ${entry.pipeline}, role: ${entry.role}, person: ${entry.person}, revision: ${entry.revision}${parts('covered', entry.covered)}${parts('retired', entry.retired)}${tail(entry)} }`;
  const meeting = (entry: LockedMeeting): string =>
    `  - { week: ${entry.week}, pipeline: ${entry.pipeline}, from: ${entry.from}, to: ${entry.to}, attendees: [${entry.attendees.join(', ')}], revision: ${entry.revision}${entry.was?.length ? `, was: [${entry.was.join(', ')}]` : ''}${tail(entry)} }`;
  return [
    '# The published on-call schedule, written by `runbook rotate --weeks N --publish`: commit it with the runbooks.',
    '# These weeks keep their people when the roster changes; `runbook rotate --diff` shows what an edit would',
    "# change. Record changes with --publish (revisions become the calendar events' SEQUENCE) rather than by hand:",
    '# each entry carries a digest (sum) of what it published, so a hand edit shows.',
    '# yaml-language-server: $schema=../schema/lock.schema.json',
    shifts.length ? 'shifts:' : 'shifts: []',
    ...shifts.map(shift),
    ...(meetings.length ? ['meetings:', ...meetings.map(meeting)] : []),
    '',
  ].join('\n');
}

export function renderDiff(changes: readonly DiffEntry[], lockFile: string, style: Style, width: number): string {
  if (changes.length === 0) return `No changes: regenerating keeps every shift published in ${lockFile}.`;
  const rows = changes.map((change) => [
    change.week,
    change.pipeline,
    change.role,
    `${change.before ?? '-'} -> ${change.after ?? '-'}`,
    sanitizeLine(change.reason),
  ]);
  const meetings = changes.filter((change) => change.role === 'handover').length;
  const shifts = changes.length - meetings;
  const counted = [
    ...(shifts ? [`${shifts} published ${shifts === 1 ? 'shift' : 'shifts'}`] : []),
    ...(meetings ? [`${meetings} handover ${meetings === 1 ? 'meeting' : 'meetings'}`] : []),
  ].join(' and ');
  return [
    `${counted} ${changes.length === 1 ? 'changes' : 'change'} against ${lockFile}:`,
    renderTable(['WEEK', 'PIPELINE', 'ROLE', 'BEFORE -> AFTER', 'WHY'], rows, style, width),
    style.dim(
      'Record them with runbook rotate --weeks N --publish (it records exactly these); every other published shift stays as it is.',
    ),
  ].join('\n');
}
