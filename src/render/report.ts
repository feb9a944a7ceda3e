/** `runbook report`: hours on call per person over a period, as a table, JSON or CSV. */
import { HOUR_KINDS } from '../rotation/burden.js';
import type { BurdenRow } from '../rotation/history.js';
import { csvField } from './rotation.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

export interface ReportView {
  from: string;
  to: string;
  timeZone: string;
  /** With the roster's `pay:` rules: each row has an amount in this currency and the rule that produced it. */
  currency?: string;
  /** Those rules in words, for the table's footnote. */
  pay?: string;
  rows: readonly BurdenRow[];
}

const HEAD = [
  'PERSON',
  'SOURCE',
  'PRIMARY',
  'BACKUP',
  'WORKING H',
  'NIGHT H',
  'WEEKEND H',
  'HOLIDAY H',
  'COMPANY H',
  'TOTAL H',
];

const cells = (row: BurdenRow): string[] => [
  String(row.primary),
  String(row.backup),
  ...HOUR_KINDS.map((kind) => String(row.hours[kind])),
  String(row.total),
];

export function renderReportTable(view: ReportView, style: Style, width: number): string {
  const title = style.bold(`On call from ${view.from} to ${view.to} (${view.timeZone})`);
  if (view.rows.length === 0) return `${title}\nNobody was or is on call in that period.`;
  return [
    title,
    renderTable(
      view.currency ? [...HEAD, view.currency] : HEAD,
      view.rows.map((row) => [
        row.person,
        row.source,
        ...cells(row),
        ...(view.currency ? [row.amount!.toFixed(2)] : []),
      ]),
      style,
      width,
    ),
    ...(view.pay ? [style.dim(`Pay: ${view.pay}.`)] : []),
    style.dim(
      'PRIMARY and BACKUP in weeks (a part of a week as its share); hours by kind: working hours, weekday nights, weekend days, the holder’s public holidays, company days. published: weeks the lock holds; planned: the plan as it stands.',
    ),
  ].join('\n');
}

/** One row per person and source: what a spreadsheet or a payroll import reads. */
export function renderReportCsv(view: ReportView): string {
  const rows = [
    [
      'from',
      'to',
      'person',
      'name',
      'source',
      'primary_weeks',
      'backup_weeks',
      ...HOUR_KINDS.map((kind) => `${kind}_hours`),
      'total_hours',
      ...(view.currency ? ['amount', 'currency', 'rule'] : []),
    ],
    ...view.rows.map((row) => [
      view.from,
      view.to,
      row.person,
      row.name,
      row.source,
      ...cells(row),
      ...(view.currency ? [row.amount!.toFixed(2), view.currency, row.rule!] : []),
    ]),
  ];
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
