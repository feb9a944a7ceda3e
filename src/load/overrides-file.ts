/**
 * Editing `overrides.yaml` as a YAML document, so its comments, its order and the way each entry is written
 * stay as they were: an entry added goes at the end, an entry removed leaves the others untouched.
 */
import { isSeq, parseDocument, YAMLSeq, type Document } from 'yaml';
import type { Override } from '../model/overrides.js';
import { UsageError } from '../util/errors.js';

const HEADER = [
  '# Overrides: who covers which part of a pipeline role, laid over the planned rotation.',
  '# Edited by `runbook override add|remove` and `runbook swap`, or by hand; `runbook lint` checks every entry.',
  '# yaml-language-server: $schema=../schema/overrides.schema.json',
  '',
].join('\n');

function open(text: string | undefined, file: string): Document {
  const doc: Document = parseDocument(text ?? '');
  if (doc.errors.length)
    throw new UsageError(
      `${file}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}): fix it first, \`runbook lint\` shows where`,
    );
  if (doc.contents === null) doc.contents = new YAMLSeq();
  if (!isSeq(doc.contents))
    throw new UsageError(`${file}: not a list of overrides: fix it first, \`runbook lint\` shows where`);
  return doc;
}

/** The file's text with `entries` added at the end (a new file gets a header that says what it is). */
export function withAdded(text: string | undefined, file: string, entries: readonly Override[]): string {
  const doc = open(text, file);
  const list = doc.contents as YAMLSeq;
  // An empty list written `[]` becomes a block list, one entry under another.
  if (list.items.length === 0) list.flow = false;
  for (const entry of entries) list.items.push(doc.createNode({ ...entry }));
  const body = doc.toString({ lineWidth: 0 });
  return text === undefined || text.trim() === '' ? `${HEADER}${body}` : body;
}

/** The file's text without entry `index` (from 0). */
export function withRemoved(text: string, file: string, index: number): string {
  const doc = open(text, file);
  const list = doc.contents as YAMLSeq;
  if (index < 0 || index >= list.items.length)
    throw new UsageError(
      `no override ${index + 1} in ${file}: it has ${list.items.length} (\`runbook override list\` numbers them)`,
    );
  list.items.splice(index, 1);
  return doc.toString({ lineWidth: 0 });
}
