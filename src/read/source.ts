/** Reads one YAML file keeping node positions, so any problem can point at file:line:col. */
import type { RuleId } from '../model/rule-ids.js';
import { readFileSync } from 'node:fs';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type YAMLMap,
} from 'yaml';
import type { Problem } from '../model/problem.js';

import { MAX_FILE_BYTES } from './source-limits.js';
import { regularFile } from './regular-file.js';

export { MAX_FILE_BYTES };

export interface Source {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain data, or undefined when the file could not be read as YAML. */
  data: unknown;
}

export type PathSegment = string | number;

export interface ReadResult {
  source?: Source;
  problems: Problem[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file the tool takes as input: refused (with a problem, never a throw) when it is not a regular
 * file, over 1 MiB, binary or not UTF-8. A leading BOM is dropped.
 */
export function readTextFile(path: string, file: string): { text: string } | { problems: Problem[] } {
  const fileProblem = (rule: RuleId, message: string, line = 1, column = 1) => ({
    problems: [{ file, line, column, severity: 'error' as const, rule, message }],
  });
  const checked = regularFile(path);
  if ('rule' in checked) return fileProblem(checked.rule, checked.message);
  if (checked.size > MAX_FILE_BYTES) {
    return fileProblem(
      'file-too-large',
      `the file is ${(checked.size / 1024 / 1024).toFixed(1)} MiB; files are limited to 1 MiB, split it`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return fileProblem('file-unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  // A file that grew past the limit between the stat and the read is refused the same way.
  if (bytes.length > MAX_FILE_BYTES) return fileProblem('file-too-large', 'the file is larger than 1 MiB; split it');
  if (bytes.includes(0)) return fileProblem('file-binary', 'the file holds NUL bytes: it is binary, not text');
  try {
    const text = UTF8.decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    const { offset, line, column } = firstInvalidUtf8(bytes);
    return fileProblem(
      'file-encoding',
      `the file is not UTF-8 (byte 0x${bytes[offset]!.toString(16).toUpperCase()} here): save it as UTF-8`,
      line,
      column,
    );
  }
}

/** Reads and parses `path`; reports problems (unreadable, not a file, too large, binary, not UTF-8, syntax) instead of throwing. */
export function readSource(path: string, file: string): ReadResult {
  const read = readTextFile(path, file);
  return 'problems' in read ? { problems: read.problems } : parseSource(read.text, file);
}

/** Where the first byte that is not valid UTF-8 is, for the message about a Latin-1 or other legacy file. */
function firstInvalidUtf8(bytes: Buffer): { offset: number; line: number; column: number } {
  let offset = 0;
  while (offset < bytes.length) {
    const lead = bytes[offset]!;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 0 || offset + length > bytes.length) break;
    let valid = true;
    for (let k = 1; k < length; k++) if ((bytes[offset + k]! & 0xc0) !== 0x80) valid = false;
    // Overlong, surrogate and out-of-range forms are refused by the decoder too.
    if (valid && length > 1 && !isWellFormed(bytes.subarray(offset, offset + length))) valid = false;
    if (!valid) break;
    offset += length;
  }
  const before = bytes.subarray(0, offset).toString('utf8');
  const lines = before.split('\n');
  return { offset, line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function isWellFormed(sequence: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sequence);
    return true;
  } catch {
    return false;
  }
}

/** Parses YAML text (a leading BOM is allowed) into a positioned source. */
export function parseSource(text: string, file: string): ReadResult {
  const lines = new LineCounter();
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // The library's own duplicate-key check compares each key with all before it (quadratic in a mapping's size):
  // duplicates are found here in one pass instead.
  const doc = parseDocument(body, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  // After the first syntax error the parser's further complaints are mostly echoes of it: keep the first.
  const firstSyntax = doc.errors[0];
  const problems: Problem[] = [];
  if (firstSyntax) {
    const { line, col } = lines.linePos(firstSyntax.pos[0]);
    const message = /call stack/i.test(firstSyntax.message)
      ? 'the YAML is nested too deeply to read: runbooks need only a few levels'
      : `YAML syntax: ${firstLine(firstSyntax.message)}`;
    problems.push({ file, line, column: col, severity: 'error', rule: 'yaml-syntax', message });
  } else {
    for (const offset of duplicateKeys(doc.contents)) {
      const { line, col } = lines.linePos(offset);
      problems.push({
        file,
        line,
        column: col,
        severity: 'error',
        rule: 'yaml-duplicate-key',
        message: 'duplicate key: each key may appear once in a mapping; remove or rename one of them',
      });
    }
  }
  // A duplicate key leaves the rest of the file readable (the first value counts): check it all in the same run.
  if (firstSyntax) return { problems };
  const expansion = aliasExpansion(doc.contents);
  if (isAliasBomb(expansion)) {
    const times = Number.isFinite(expansion.expanded)
      ? `${Math.round(expansion.expanded / expansion.written)} times`
      : 'far';
    const message = `aliases expand the file ${times} larger than written: it looks like an alias bomb; write the values out`;
    return { problems: [...problems, { file, line: 1, column: 1, severity: 'error', rule: 'yaml-syntax', message }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const message = /call stack/i.test(String(error))
      ? 'the YAML is nested too deeply to read: runbooks need only a few levels'
      : `cannot read the YAML: ${firstLine(String(error))}`;
    return { problems: [...problems, { file, line: 1, column: 1, severity: 'error', rule: 'yaml-syntax', message }] };
  }
  return { source: { file, doc, lines, data }, problems };
}

/** Where each repeated key of every mapping starts (the first occurrence counts; later ones are reported). */
function duplicateKeys(root: unknown): number[] {
  const found: number[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
          if (seen.has(key)) found.push(pair.key.range?.[0] ?? 0);
          else seen.add(key);
        }
        visit(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(root, 0);
  return found;
}

/**
 * How many values the document holds as written, and once every alias is expanded, counted without
 * expanding: each anchored node's size is computed once. Ordinary files, aliases and all, expand a few times
 * at most; an alias bomb (each level multiplying the last) expands hundreds of times within a few levels.
 */
function aliasExpansion(root: unknown): { written: number; expanded: number } {
  const sizes = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  let written = 0;
  const size = (node: unknown, depth: number): number => {
    written++;
    if (depth > MAX_DEPTH) return Infinity;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return target === undefined ? 1 : (sizes.get(target) ?? 1);
    }
    let total = 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) total += size(item.key, depth + 1) + size(item.value, depth + 1);
        else total += size(item, depth + 1);
        if (total > MAX_EXPANDED_NODES) return total;
      }
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, node);
    sizes.set(node, total);
    return total;
  };
  const expanded = size(root, 0);
  return { written, expanded };
}

/** Is this an alias bomb: many times larger expanded than written (or simply too large)? */
function isAliasBomb({ written, expanded }: { written: number; expanded: number }): boolean {
  return expanded > MAX_EXPANDED_NODES || (expanded > 1_000 && expanded > MAX_AMPLIFICATION * written);
}

/** How many times larger than written a file may grow through aliases: shared defaults stay far below it. */
const MAX_AMPLIFICATION = 50;

/** Expanded values a file may hold: a 1 MiB file of plain values stays well below it. */
const MAX_EXPANDED_NODES = 1_000_000;
const MAX_DEPTH = 500;

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

const pairIndex = new WeakMap<YAMLMap, Map<string, { key: unknown; value: unknown }>>();

/** A mapping's entries by key, built once per mapping: a file with 50,000 keys is located in linear time. */
function pairsOf(node: YAMLMap): Map<string, { key: unknown; value: unknown }> {
  let index = pairIndex.get(node);
  if (!index) {
    index = new Map();
    for (const item of node.items)
      if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value)))
        index.set(String(item.key.value), item);
    pairIndex.set(node, index);
  }
  return index;
}

/**
 * The node at `path` (its key when `key` is set). When part of the path is missing, the nearest
 * anchor above it: the key of the enclosing mapping entry, or the enclosing list item.
 */
function nodeAt(source: Source, path: readonly PathSegment[], key = false): Node | undefined {
  let node: unknown = source.doc.contents;
  let anchor: Node | undefined = (node as Node | null) ?? undefined;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(segment));
      if (!pair) return anchor;
      if (index === path.length - 1 && key) return pair.key as Node;
      anchor = pair.key as Node;
      node = pair.value;
      if (isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1]) return anchor;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      anchor = node as Node;
    } else {
      return anchor;
    }
    if (node === undefined || node === null) return anchor;
  }
  return (node as Node | undefined) ?? anchor;
}

/** 1-based line and column of the node at `path`. */
export function positionOf(
  source: Source,
  path: readonly PathSegment[],
  key = false,
): { line: number; column: number } {
  const node = nodeAt(source, path, key);
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

/** Where the nodes of a file are: what positioned problems need, whether the file was parsed here or in a worker. */
export interface Locator {
  at(path: readonly PathSegment[], key?: boolean): { line: number; column: number };
  /** Is there a node at this path? */
  has(path: readonly PathSegment[]): boolean;
}

/** Path -> [key line, key column, value line, value column] of every node: a locator that can cross threads. */
export type PositionIndex = Record<string, [number, number, number, number]>;

/** A path as one string: the key of position indexes and of salvaged lists. */
export const pathKey = (path: readonly PathSegment[]): string => path.join('\u0000');

export function positionIndex(source: Source): PositionIndex {
  const index: PositionIndex = {};
  const position = (node: Node | undefined | null) => source.lines.linePos(node?.range?.[0] ?? 0);
  const visit = (node: unknown, path: PathSegment[], key: Node | undefined): void => {
    const keyPos = key ? position(key) : position(node as Node);
    const empty = isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
    const valuePos = node && !empty ? position(node as Node) : keyPos;
    index[pathKey(path)] = [keyPos.line, keyPos.col, valuePos.line, valuePos.col];
    if (isMap(node)) {
      for (const pair of node.items)
        if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)], pair.key);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i], undefined));
    }
  };
  visit(source.doc.contents, [], undefined);
  return index;
}

/** The same answers as `nodeAt` gives, from an index: a missing path falls back to its nearest anchor above. */
export function indexLocator(index: PositionIndex): Locator {
  return {
    has: (path) => Object.hasOwn(index, pathKey(path)),
    at: (path, key = false) => {
      const exact = index[pathKey(path)];
      if (exact)
        return key && path.length > 0 ? { line: exact[0], column: exact[1] } : { line: exact[2], column: exact[3] };
      for (let length = path.length - 1; length >= 0; length--) {
        const found = index[pathKey(path.slice(0, length))];
        if (!found) continue;
        const last = path[length - 1];
        return typeof last === 'string' ? { line: found[0], column: found[1] } : { line: found[2], column: found[3] };
      }
      return { line: 1, column: 1 };
    },
  };
}
