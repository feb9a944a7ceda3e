/**
 * Editing a person's `away` ranges in `roster.yaml` in place: a range added is one line, `{ from, to, reason }`,
 * after their last one (or under a new `away:` key); a range removed takes its line (and the key, when it was the
 * last). Every other byte stays as written, a BOM and CRLF line endings included.
 */
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Away } from '../model/roster.js';
import { UsageError } from '../util/errors.js';
import { asWritten, textStyle } from '../util/text-style.js';
import { appendItems, flowLine, lineEnd, lineStart, removeItem, type Range } from './yaml-edit.js';

function open(text: string, file: string): Document {
  const doc: Document = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents))
    throw new UsageError(`${file}: not a readable roster: fix it first, \`runbook lint\` shows where`);
  return doc;
}

/** The mapping of a person, by id, written as a block (a person written as one flow line is refused). */
function personNode(doc: Document, file: string, id: string): YAMLMap {
  const people = (doc.contents as YAMLMap).get('people');
  const found = isSeq(people) ? people.items.find((item) => isMap(item) && String(item.get('id')) === id) : undefined;
  if (!isMap(found)) throw new UsageError(`no person "${id}" in ${file}`);
  if (found.flow)
    throw new UsageError(
      `${file}: ${id} is written on one line ({ id: ${id}, ... }): write them as a block to edit their away ranges with runbook, or edit the file by hand`,
    );
  return found;
}

/** Spaces as many as the column of `offset` (a key after `- ` is indented past the dash). */
const columnOf = (text: string, offset: number): string => ' '.repeat(offset - lineStart(text, offset));

/** The roster's text with `range` added to the person's away ranges. */
export function withAway(text: string, file: string, id: string, range: Away): string {
  const style = textStyle(text);
  const body = style.body;
  const person = personNode(open(body, file), file, id);
  const line = flowLine({ ...range });
  const list = person.get('away', true) as YAMLSeq | undefined;
  if (isSeq(list) && !list.flow && list.items.length)
    return asWritten(appendItems(body, list.items as { range: Range }[], [line]), style);
  if (isSeq(list)) {
    // `away: []` or a flow list: the list is written again as a block, one range a line.
    const ranges = [...list.items.map((item) => flowLine((item as { toJSON(): object }).toJSON())), line];
    const r = list.range as Range;
    const keyIndent = columnOf(body, (person.items[0]!.key as { range: Range }).range[0]);
    const block = `\n${ranges.map((entry) => `${keyIndent}  - ${entry}\n`).join('')}`;
    return asWritten(
      `${body.slice(0, r[0]).trimEnd()}${block}${body.slice(lineEnd(body, Math.max(r[0], r[1] - 1)))}`,
      style,
    );
  }
  // No away key yet: added as the person's last key.
  const last = person.items.at(-1)!;
  const end = (last.value as { range?: Range } | null)?.range ?? (last.key as { range: Range }).range;
  const at = lineEnd(body, Math.max(end[0], end[1] - 1));
  const keyIndent = columnOf(body, (person.items[0]!.key as { range: Range }).range[0]);
  const before = body.slice(0, at);
  return asWritten(
    `${before}${before.endsWith('\n') ? '' : '\n'}${keyIndent}away:\n${keyIndent}  - ${line}\n${body.slice(at)}`,
    style,
  );
}

/** The roster's text without the person's away range `index` (from 0); an emptied list goes with its key. */
export function withoutAway(text: string, file: string, id: string, index: number): string {
  const style = textStyle(text);
  const body = style.body;
  const person = personNode(open(body, file), file, id);
  const pair = person.items.find((item) => String((item.key as { value?: unknown }).value) === 'away');
  const list = pair?.value as YAMLSeq | undefined;
  const count = isSeq(list) ? list.items.length : 0;
  if (!pair || !isSeq(list) || index < 0 || index >= count)
    throw new UsageError(
      `${id} has ${count} away range${count === 1 ? '' : 's'} in ${file} (\`runbook away list ${id}\` numbers them)`,
    );
  if (list.flow) throw new UsageError(`${file}: ${id}'s away ranges are written as one flow list: edit it by hand`);
  if (count > 1) return asWritten(removeItem(body, list.items as { range: Range }[], index), style);
  // The last range: the key goes too.
  const start = lineStart(body, (pair.key as { range: Range }).range[0]);
  const r = list.range as Range;
  return asWritten(body.slice(0, start) + body.slice(lineEnd(body, Math.max(r[0], r[1] - 1))), style);
}
