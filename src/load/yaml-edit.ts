/**
 * Edits of a YAML file's text at the places its nodes are, so every byte the edit is not about stays as the
 * author wrote it (spacing, quoting, comments, flow lists): lines added after a block list's last item, an item's
 * lines taken out. Used for the state files and the roster, which people also edit by hand.
 */
import { stringify } from 'yaml';

/** A node's place in the text, as the YAML library gives it: [start, value end, node end]. */
export type Range = [number, number, number];

/** The offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line holding `offset` (after its newline, or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at < 0 ? text.length : at + 1;
}

/** The spaces before the first character of the line holding `offset`. */
function indentOf(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** A value written on one line as a flow mapping, quoted only where YAML needs it: `{ from: 2027-03-02, … }`. */
export function flowLine(value: object): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

/** The text with `lines` (each one list item's content) added after the last item of a block list. */
export function appendItems(
  text: string,
  items: readonly { range?: Range | null }[],
  lines: readonly string[],
): string {
  const last = items.at(-1)!.range!;
  const at = lineEnd(text, Math.max(last[0], last[1] - 1));
  const indent = indentOf(text, last[0]);
  const before = text.slice(0, at);
  const joint = before.endsWith('\n') ? '' : '\n';
  return `${before}${joint}${lines.map((line) => `${indent}- ${line}\n`).join('')}${text.slice(at)}`;
}

/**
 * The text without item `index` of a block list: its lines, and the comment lines just above it (its own
 * comment) unless it is the first item, whose comment above is the file's header.
 */
export function removeItem(text: string, items: readonly { range?: Range | null }[], index: number): string {
  const range = items[index]!.range!;
  let start = lineStart(text, range[0]);
  if (index > 0) {
    while (start > 0) {
      const previous = lineStart(text, start - 1);
      if (!/^[ \t]*#/.test(text.slice(previous, start))) break;
      start = previous;
    }
  }
  const end = lineEnd(text, Math.max(range[0], range[1] - 1));
  return text.slice(0, start) + text.slice(end);
}
