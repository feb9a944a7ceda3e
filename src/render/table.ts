/** Terminal tables (cli-table3) that fit the given width by wrapping the widest columns. */
import Table from 'cli-table3';
import type { Style } from './style.js';

const GAP = 2;
const visible = (text: string): number => Math.max(0, ...text.split('\n').map((line) => line.length));

/** Column widths (content + padding) that fit `width`, shrinking the widest column first. */
export function fitWidths(head: readonly string[], rows: readonly string[][], width: number): number[] {
  const widths = head.map((title, column) => Math.max(visible(title), ...rows.map((row) => visible(row[column] ?? ''))) + GAP);
  // Shrink columns that can wrap at spaces first; a column of single words only when nothing else is left.
  const wraps = head.map((_, column) => rows.some((row) => /\s/.test(row[column] ?? '')));
  while (widths.reduce((sum, w) => sum + w, 0) > width) {
    const candidates = widths.map((w, column) => (wraps[column] && w > 12 ? w : 0));
    const pool = Math.max(...candidates) > 0 ? candidates : widths.map((w) => (w > 12 ? w : 0));
    const widest = pool.indexOf(Math.max(...pool));
    if (pool[widest] === 0) break;
    widths[widest]!--;
  }
  return widths;
}

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
