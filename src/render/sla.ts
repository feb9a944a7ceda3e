/** `runbook sla` and `runbook sla check` for people. */
import { type ZoneLike, zoneName } from '../time/local.js';
import type { Pipeline } from '../model/pipeline.js';
import type { SlaResult, Status } from '../sla/evaluate.js';
import type { Deadline } from '../sla/upcoming.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';
import { plural, wrap } from './text.js';
import { deadlineWords, formatLocal, formatShort } from './time.js';

export function renderDeadlines(
  pipelines: readonly Pipeline[],
  deadlines: readonly Deadline[],
  zone: ZoneLike,
  at: Date,
  style: Style,
  width: number,
): string {
  const out: string[] = [style.dim(`SLA deadlines as of ${formatLocal(at, zone)}`)];
  for (const pipeline of pipelines) {
    out.push('', `${style.bold(sanitizeLine(pipeline.name))} ${style.cyan(`[${pipeline.id}]`)}`);
    if (pipeline.sla.length === 0) out.push('  No SLA rules.');
    for (const rule of pipeline.sla) {
      const deadline = deadlines.find((entry) => entry.pipeline === pipeline.id && entry.rule === rule.id)!;
      out.push(`  ${style.cyan(rule.id)} ${style.dim(`(${rule.kind})`)}`);
      if (rule.description) out.push(...wrap(sanitizeLine(rule.description), width, '    '));
      out.push(...wrap(`Rule: ${deadline.summary}.`, width, '    '));
      out.push(
        ...wrap(deadlineWords(deadline, zone), width, '    ').map((line) => (deadline.due ? style.bold(line) : line)),
      );
    }
  }
  return out.join('\n');
}

const COLOURS: Record<Status, 'green' | 'yellow' | 'red' | 'gray'> = {
  pass: 'green',
  warn: 'yellow',
  breach: 'red',
  unknown: 'gray',
};

export function renderCheck(
  results: readonly SlaResult[],
  zone: ZoneLike,
  at: Date,
  style: Style,
  width: number,
): string {
  const rows = results.map((result) => [
    result.pipeline,
    result.rule,
    style[COLOURS[result.status]](result.status.toUpperCase()),
    result.due ? formatShort(result.due, zone) : '-',
    sanitizeLine(result.message),
  ]);
  const counts = (['pass', 'warn', 'breach', 'unknown'] as const)
    .map((status) => `${results.filter((r) => r.status === status).length} ${status}`)
    .join(', ');
  return [
    style.dim(`SLA check at ${formatLocal(at, zone)} (due times in ${zoneName(zone)})`),
    renderTable(['PIPELINE', 'RULE', 'STATUS', 'DUE', 'REASON'], rows, style, width),
    `${plural(results.length, 'rule')}: ${counts}`,
  ].join('\n');
}
