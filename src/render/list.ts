/** `runbook list`: one row per pipeline. */
import { type ZoneLike, zoneName } from '../time/local.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Deadline } from '../sla/upcoming.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { fits, renderTable } from './table.js';
import type { Review } from '../lookup/review.js';
import { formatShort } from './time.js';

/** The on-call arrangement in words; `brief` for a narrow column ("rotation", "month-end"). */
export function oncallWords(pipeline: Pipeline, brief = false): string {
  const { oncall } = pipeline;
  if (oncall.mode === 'rotation')
    return oncall.weeks === 'last-of-month'
      ? brief
        ? 'month-end'
        : 'month-end weeks'
      : brief
        ? 'rotation'
        : 'weekly rotation';
  return oncall.mode === 'business-hours' ? 'working hours' : 'none';
}

export function listJson(
  pipelines: readonly Pipeline[],
  next: ReadonlyMap<string, Deadline | undefined>,
  reviews: ReadonlyMap<string, Review>,
) {
  return pipelines.map((pipeline) => ({
    id: pipeline.id,
    name: pipeline.name,
    aliases: pipeline.aliases ?? [],
    owners: { primary: pipeline.owners.primary, secondary: pipeline.owners.secondary ?? [] },
    oncall: {
      mode: pipeline.oncall.mode,
      ...(pipeline.oncall.team ? { team: pipeline.oncall.team } : {}),
      weeks: pipeline.oncall.weeks ?? 'all',
    },
    issues: pipeline.issues.length,
    nextDeadline: next.get(pipeline.id) ?? null,
    review: reviews.get(pipeline.id)!,
  }));
}

export function renderList(
  pipelines: readonly Pipeline[],
  next: ReadonlyMap<string, Deadline | undefined>,
  reviews: ReadonlyMap<string, Review>,
  zone: ZoneLike,
  style: Style,
  width: number,
): string {
  if (pipelines.length === 0) return 'No pipeline runbooks in this folder.';
  const head = ['ID', 'NAME', 'OWNERS', 'ON CALL', 'NEXT DUE'];
  const rows = (brief: boolean) =>
    pipelines.map((pipeline) => [
      style.cyan(pipeline.id),
      // A runbook due for review says so beside its name: its steps may have gone stale.
      `${sanitizeLine(pipeline.name)}${reviews.get(pipeline.id)?.overdue ? ` ${style.yellow('(review overdue)')}` : ''}`,
      [
        pipeline.owners.primary.map(sanitizeLine).join(', '),
        // On a narrow terminal the primary owners only (`show` has the rest), so a row takes two or three lines.
        ...(pipeline.owners.secondary?.length && !brief
          ? [style.dim(`then ${pipeline.owners.secondary.map(sanitizeLine).join(', ')}`)]
          : []),
      ].join('\n'),
      oncallWords(pipeline, brief),
      nextDue(next.get(pipeline.id), zone),
    ]);
  const full = rows(false);
  const shown = fits(head, full, width) || !Number.isFinite(width) ? full : rows(true);
  return `${renderTable(head, shown, style, width, [4])}\n${style.dim(`Times in ${zoneName(zone)}.${shown === full ? '' : ' Secondary owners: runbook show <id>.'}`)}`;
}

function nextDue(deadline: Deadline | undefined, zone: ZoneLike): string {
  return deadline?.due ? `${formatShort(deadline.due, zone)}\n${deadline.rule}` : '-';
}
