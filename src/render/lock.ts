/** `rotation.lock.yaml` as the tool writes it, and `rotate --diff` for people. */
import type { LockedShift } from '../model/lock.js';
import type { DiffEntry } from '../rotation/published.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

/** One shift a line, so a code review reads what changed. Ids, dates and timestamps need no quoting. */
export function lockYaml(shifts: readonly LockedShift[]): string {
  const line = (shift: LockedShift): string => {
    const covered = shift.covered?.length
      ? `, covered: [${shift.covered.map((part) => `{ from: ${part.from}, to: ${part.to}, person: ${part.person} }`).join(', ')}]`
      : '';
    const cancelled = shift.cancelled ? ', cancelled: true' : '';
    return `  - { week: ${shift.week}, pipeline: ${shift.pipeline}, role: ${shift.role}, person: ${shift.person}, revision: ${shift.revision}${covered}${cancelled} }`;
  };
  return [
    '# The published on-call schedule, written by `runbook rotate --weeks N --publish`: commit it with the runbooks.',
    '# These weeks keep their people when the roster changes; `runbook rotate --diff` shows what an edit would',
    "# repair. Record changes with --publish (revisions become the calendar events' SEQUENCE) rather than by hand.",
    '# yaml-language-server: $schema=../schema/lock.schema.json',
    shifts.length ? 'shifts:' : 'shifts: []',
    ...shifts.map(line),
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
  return [
    `${changes.length} published ${changes.length === 1 ? 'shift changes' : 'shifts change'} against ${lockFile}:`,
    renderTable(['WEEK', 'PIPELINE', 'ROLE', 'BEFORE -> AFTER', 'WHY'], rows, style, width),
    style.dim('Record them with runbook rotate --weeks N --publish; every other published shift stays as it is.'),
  ].join('\n');
}
