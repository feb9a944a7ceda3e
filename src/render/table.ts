/** Terminal tables that fit the given width by wrapping the widest columns. */
import type { Style } from './style.js';
import { displayWidth } from '../util/width.js';

const GAP = 2;
const visible = (text: string): number => {
  let most = 0;
  for (const line of text.split('\n')) if (displayWidth(line) > most) most = displayWidth(line);
  return most;
};

/** Whether a table fits `width` without wrapping a cell. */
export function fits(head: readonly string[], rows: readonly string[][], width: number): boolean {
  const widths = fitWidths(head, rows, Infinity);
  return widths.reduce((sum, w) => sum + w, 0) <= width;
}

/** Column widths (content + gap) that fit `width`, never narrower than a column's longest word. */
function fitWidths(
  head: readonly string[],
  rows: readonly string[][],
  width: number,
  /** Columns whose lines are never wrapped (a date and time reads badly over two lines). */
  whole: readonly number[] = [],
): number[] {
  const cells = (column: number): string[] =>
    [head[column] ?? '', ...rows.map((row) => row[column] ?? '')].map(stripAnsi);
  const widest = (values: Iterable<number>): number => {
    let most = 0;
    for (const value of values) if (value > most) most = value;
    return most;
  };
  const columns = head.map((_, column) => cells(column));
  const natural = columns.map((texts) => widest(texts.map(visible)) + GAP);
  if (natural.reduce((sum, w) => sum + w, 0) <= width) return natural;
  const minimum = columns.map(
    (texts, column) =>
      widest(texts.flatMap((cell) => cell.split(whole.includes(column) ? '\n' : /\s+/)).map(displayWidth)) + GAP,
  );
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

const stripAnsi = (text: string): string => (text.includes('\x1b') ? text.replace(/\x1b\[[0-9;]*m/g, '') : text);

const SGR = /\x1b\[[0-9;]*m/g;
const plainLength = (text: string): number => displayWidth(text.includes('\x1b') ? text.replace(SGR, '') : text);
/** A line styled as a whole (`style.dim(text)`): its opening codes, the plain text, its closing codes. */
const WHOLE = /^((?:\x1b\[[0-9;]*m)+)([^\x1b]*)((?:\x1b\[[0-9;]*m)+)$/;

/** One line of a cell wrapped to `width` visible columns on word boundaries, a style over the whole line kept on each part. */
function wrapLine(line: string, width: number): string[] {
  if (plainLength(line) <= width) return [line];
  const whole = WHOLE.exec(line);
  const [open, text, close] = whole ? [whole[1]!, whole[2]!, whole[3]!] : ['', line, ''];
  const words = text.split(' ').filter((word, i, all) => word !== '' || all.length === 1);
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    const length = (value: string) => displayWidth(value.replace(SGR, ''));
    if (current !== '' && length(current) + 1 + length(word) > width) {
      out.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  out.push(current);
  return out.map((part) => (part === '' ? '' : `${open}${part}${close}`));
}

/**
 * A borderless table: each column as wide as `fitWidths` says (content plus a gap), cells wrapped on word
 * boundaries, trailing spaces trimmed. Linear in the number of rows (10,000 rows lay out in milliseconds).
 */
export function renderTable(
  head: readonly string[],
  rows: readonly string[][],
  style: Style,
  width: number,
  whole: readonly number[] = [],
): string {
  // A cell's lines joined: always when the width is unlimited (a pipe or a file: one line a row, for grep and
  // cut), and on a terminal wide enough to hold every row on one line.
  const joined = rows.map((row) => row.map((cell) => cell.replace(/\n/g, ' ')));
  const flat = !Number.isFinite(width) || fits(head, joined, width) ? joined : rows;
  const widths = fitWidths(head, flat, width, whole);
  const lines: string[] = [];
  for (const row of [head.map((title) => style.bold(title)), ...flat]) {
    const cells = widths.map((columnWidth, column) =>
      (row[column] ?? '').split('\n').flatMap((line) => wrapLine(line, columnWidth - GAP)),
    );
    const height = Math.max(...cells.map((cell) => cell.length));
    for (let i = 0; i < height; i++) {
      lines.push(
        cells
          .map((cell, column) => {
            const text = cell[i] ?? '';
            return text + ' '.repeat(Math.max(0, widths[column]! - plainLength(text)));
          })
          .join('')
          .trimEnd(),
      );
    }
  }
  return lines.join('\n');
}
