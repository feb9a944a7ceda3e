/** Reads one YAML file keeping node positions, so any problem can point at file:line:col. */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from '../model/problem.js';

import { MAX_FILE_BYTES } from './source-limits.js';

export { MAX_FILE_BYTES };
const MAX_ALIASES = 100;

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

/** Reads and parses `path`; reports problems (unreadable, too large, binary, syntax) instead of throwing. */
export function readSource(path: string, file: string): ReadResult {
  const fileProblem = (rule: string, message: string): ReadResult => ({
    problems: [{ file, line: 1, column: 1, severity: 'error', rule, message }],
  });
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    return fileProblem('file-unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (size > MAX_FILE_BYTES) {
    return fileProblem('file-too-large', `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; runbook files are limited to 1 MiB, split it`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return fileProblem('file-unreadable', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (bytes.includes(0)) return fileProblem('file-binary', 'the file holds NUL bytes: it is binary, not YAML text');
  return parseSource(bytes.toString('utf8'), file);
}

/** Parses YAML text (a leading BOM is allowed) into a positioned source. */
export function parseSource(text: string, file: string): ReadResult {
  const lines = new LineCounter();
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const doc = parseDocument(body, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // After the first syntax error the parser's further complaints are mostly echoes of it: keep the first.
  const firstSyntax = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const reported = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY' || error === firstSyntax);
  const problems: Problem[] = reported.map((error) => {
    const { line, col } = lines.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    const message = /call stack/i.test(error.message)
      ? 'the YAML is nested too deeply to read: runbooks need only a few levels'
      : duplicate
      ? 'duplicate key: each key may appear once in a mapping; remove or rename one of them'
      : `YAML syntax: ${firstLine(error.message)}`;
    return { file, line, column: col, severity: 'error', rule: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax', message };
  });
  if (problems.length > 0) return { problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = /call stack/i.test(String(error))
      ? 'the YAML is nested too deeply to read: runbooks need only a few levels'
      : /alias/i.test(String(error))
      ? `too many alias expansions (over ${MAX_ALIASES}): the file looks like an alias bomb; write the values out`
      : `cannot read the YAML: ${firstLine(String(error))}`;
    return { problems: [{ file, line: 1, column: 1, severity: 'error', rule: 'yaml-syntax', message }] };
  }
  return { source: { file, doc, lines, data }, problems: [] };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * The node at `path` (its key when `key` is set). When part of the path is missing, the nearest
 * anchor above it: the key of the enclosing mapping entry, or the enclosing list item.
 */
export function nodeAt(source: Source, path: readonly PathSegment[], key = false): Node | undefined {
  let node: unknown = source.doc.contents;
  let anchor: Node | undefined = (node as Node | null) ?? undefined;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
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
export function positionOf(source: Source, path: readonly PathSegment[], key = false): { line: number; column: number } {
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

export function sourceLocator(source: Source): Locator {
  return {
    at: (path, key = false) => positionOf(source, path, key),
    has: (path) => {
      let value = source.data;
      for (const segment of path) {
        if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return false;
        value = (value as Record<PathSegment, unknown>)[segment];
      }
      return true;
    },
  };
}

/** Path -> [key line, key column, value line, value column] of every node: a locator that can cross threads. */
export type PositionIndex = Record<string, [number, number, number, number]>;

const pathKey = (path: readonly PathSegment[]): string => path.join('\u0000');

export function positionIndex(source: Source): PositionIndex {
  const index: PositionIndex = {};
  const position = (node: Node | undefined | null) => source.lines.linePos(node?.range?.[0] ?? 0);
  const visit = (node: unknown, path: PathSegment[], key: Node | undefined): void => {
    const keyPos = key ? position(key) : position(node as Node);
    const empty = isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
    const valuePos = node && !empty ? position(node as Node) : keyPos;
    index[pathKey(path)] = [keyPos.line, keyPos.col, valuePos.line, valuePos.col];
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)], pair.key as Node);
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
      if (exact) return key && path.length > 0 ? { line: exact[0], column: exact[1] } : { line: exact[2], column: exact[3] };
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
