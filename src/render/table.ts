/** Terminal tables (cli-table3) that fit the given width by wrapping the widest columns. */
import Table from 'cli-table3';
import type { Style } from './style.js';

const GAP = 2;
const visible = (text: string): number => Math.max(0, ...text.split('\n').map((line) => line.length));

/** Column widths (content + gap) that fit `width`, never narrower than a column's longest word. */
export function fitWidths(head: readonly string[], rows: readonly string[][], width: number): number[] {
  const cells = (column: number): string[] => [head[column] ?? '', ...rows.map((row) => row[column] ?? '')].map(stripAnsi);
  const natural = head.map((_, column) => Math.max(...cells(column).map(visible)) + GAP);
  if (natural.reduce((sum, w) => sum + w, 0) <= width) return natural;
  const minimum = head.map((_, column) => Math.max(...cells(column).flatMap((cell) => cell.split(/\s+/)).map((word) => word.length)) + GAP);
  const widths = [...natural];
  // Take a column at a time from the widest that can still wrap, until the table fits.
  for (let total = widths.reduce((sum, w) => sum + w, 0); total > width; total--) {
    const slack = widths.map((w, column) => (w > minimum[column]! ? w : 0));
    const widest = slack.indexOf(Math.max(...slack));
    if (slack[widest] === 0) break;
    widths[widest]!--;
  }
  return widths;
}

const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

const BORDER_PARTS = ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid', 'middle'];

export function renderTable(head: readonly string[], rows: readonly string[][], style: Style, width: number): string {
  const table = new Table({
    head: head.map((title) => style.bold(title)),
    colWidths: fitWidths(head, rows, width),
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': GAP },
    chars: Object.fromEntries(BORDER_PARTS.map((part) => [part, ''])),
  });
  table.push(...rows.map((row) => [...row]));
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}
