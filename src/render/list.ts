/** `runbook list`: one row per pipeline. */
import type { Pipeline } from '../model/pipeline.js';
import { sanitizeLine } from './sanitize.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

export function oncallWords(pipeline: Pipeline): string {
  const { oncall } = pipeline;
  if (oncall.mode === 'rotation') return oncall.weeks === 'last-of-month' ? 'month-end weeks' : 'weekly rotation';
  return oncall.mode === 'business-hours' ? 'working hours' : 'none';
}

export function listJson(pipelines: readonly Pipeline[]) {
  return pipelines.map((pipeline) => ({
    id: pipeline.id,
    name: pipeline.name,
    aliases: pipeline.aliases ?? [],
    owners: { primary: pipeline.owners.primary, secondary: pipeline.owners.secondary ?? [] },
    oncall: { mode: pipeline.oncall.mode, ...(pipeline.oncall.team ? { team: pipeline.oncall.team } : {}), weeks: pipeline.oncall.weeks ?? 'all' },
    issues: pipeline.issues.length,
  }));
}

export function renderList(pipelines: readonly Pipeline[], style: Style, width: number): string {
  if (pipelines.length === 0) return 'No pipeline runbooks in this folder.';
  const rows = pipelines.map((pipeline) => [
    style.cyan(pipeline.id),
    sanitizeLine(pipeline.name),
    pipeline.owners.primary.map(sanitizeLine).join(', '),
    (pipeline.owners.secondary ?? []).map(sanitizeLine).join(', '),
    oncallWords(pipeline),
  ]);
  return renderTable(['ID', 'NAME', 'PRIMARY', 'SECONDARY', 'ON CALL'], rows, style, width);
}
