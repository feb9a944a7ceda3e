/**
 * Editing `overrides.yaml` in place: an entry added is one line at the end of the list, an entry removed takes
 * its lines and its own comment with it, and every other byte (the header, hand-written entries, comments) stays
 * as written, a BOM and CRLF line endings included.
 */
import { isSeq, parseDocument, YAMLSeq, type Document } from 'yaml';
import type { Override } from '../model/overrides.js';
import { UsageError } from '../util/errors.js';
import { asWritten, textStyle } from '../util/text-style.js';
import { appendItems, flowLine, lineEnd, removeItem, type Range } from './yaml-edit.js';

const HEADER = [
  '# Overrides: who covers which part of a pipeline role, laid over the planned rotation.',
  '# Edited by `runbook override add|remove|prune` and `runbook swap`, or by hand; `runbook lint` checks every entry.',
  '# yaml-language-server: $schema=../schema/overrides.schema.json',
  '',
].join('\n');

function open(text: string, file: string): Document {
  const doc: Document = parseDocument(text);
  if (doc.errors.length)
    throw new UsageError(
      `${file}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix it first, \`runbook lint\` shows where`,
    );
  if (doc.contents !== null && !isSeq(doc.contents))
    throw new UsageError(`${file}: not a list of overrides: fix it first, \`runbook lint\` shows where`);
  return doc;
}

/** The file's text with `entries` added at the end (a new file gets a header that says what it is). */
export function withAdded(text: string | undefined, file: string, entries: readonly Override[]): string {
  const style = textStyle(text ?? '');
  const lines = entries.map((entry) => flowLine({ ...entry }));
  const block = lines.map((line) => `- ${line}\n`).join('');
  const body = style.body;
  if (body.trim() === '') return asWritten(`${HEADER}${block}`, style);
  const doc = open(body, file);
  const list = doc.contents as YAMLSeq | null;
  if (list === null) return asWritten(`${body}${body.endsWith('\n') ? '' : '\n'}${block}`, style);
  const range = list.range as Range;
  if (list.items.length === 0)
    // `[]` (as the tool writes an empty list) becomes the block of entries.
    return asWritten(
      `${body.slice(0, range[0])}${block}${body.slice(lineEnd(body, Math.max(range[0], range[1] - 1)))}`,
      style,
    );
  if (!list.flow) return asWritten(appendItems(body, list.items as { range: Range }[], lines), style);
  // A flow list written by hand, [ {...}, {...} ]: rewritten as a whole.
  for (const entry of entries) list.items.push(doc.createNode({ ...entry }));
  return asWritten(doc.toString({ lineWidth: 0 }), style);
}

/** The file's text without the entries at `indexes` (from 0); each takes the comment just above it along. */
export function withRemoved(text: string, file: string, indexes: readonly number[]): string {
  const style = textStyle(text);
  const doc = open(style.body, file);
  const list = (doc.contents ?? new YAMLSeq()) as YAMLSeq;
  for (const index of indexes)
    if (index < 0 || index >= list.items.length)
      throw new UsageError(
        `no override ${index + 1} in ${file}: it has ${list.items.length} (\`runbook override list\` numbers them)`,
      );
  if (list.flow) {
    list.items = list.items.filter((_, index) => !indexes.includes(index));
    return asWritten(doc.toString({ lineWidth: 0 }), style);
  }
  let body = style.body;
  // From the last, so the earlier items' places stay right.
  for (const index of [...new Set(indexes)].sort((x, y) => y - x))
    body = removeItem(body, list.items as { range: Range }[], index);
  return asWritten(body, style);
}
