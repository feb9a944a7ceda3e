/**
 * The usable part of a file that failed its schema, so the meaning rules (unknown team, dangling member, ...)
 * still run on it and lint reports every problem in one run. Never given to a command: commands use only
 * files that pass every rule.
 *
 * Each value is kept when it passes its own schema. A string that fails its check (a bad e-mail address,
 * an unknown time zone) is kept as written when nothing transforms it, so references to it still resolve;
 * a list keeps the items that can be kept, and remembers where each came from so positions stay right.
 */
import type { z } from 'zod';
import { elementOf, isTextual, optionsOf, pipeInput, shapeOf, withoutWrappers } from './zod-def.js';
import { closest } from '../util/suggest.js';
import { pathKey, type PathSegment } from './source.js';

/** Kept list items: for the list at a path (written with original indexes), the original index of each kept item. */
export type IndexMaps = Map<string, number[]>;

export interface Salvaged {
  value: unknown;
  maps: IndexMaps;
}

/** The salvaged value of `data` under `schema`, with `fallback` for required top-level keys that could not be kept. */
export function salvage(schema: z.ZodType, data: unknown, fallback: Record<string, unknown>): Salvaged {
  const maps: IndexMaps = new Map();
  const kept = salvageObject(schema, data, [], maps, fallback);
  return { value: kept ?? fallback, maps };
}

const NOTHING = Symbol('nothing');

function salvageValue(schema: z.ZodType, data: unknown, path: PathSegment[], maps: IndexMaps): unknown {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const current = withoutWrappers(schema);
  const element = elementOf(current);
  const options = optionsOf(current);
  if (shapeOf(current)) return salvageObject(current, data, path, maps) ?? NOTHING;
  if (element && Array.isArray(data)) {
    const origins: number[] = [];
    const items: unknown[] = [];
    data.forEach((item, index) => {
      const value = salvageValue(element, item, [...path, index], maps);
      if (value === NOTHING) return;
      origins.push(index);
      items.push(value);
    });
    maps.set(pathKey(path), origins);
    return items;
  }
  if (options && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    // An SLA rule: salvage it under the branch its `kind` names.
    const kind = (data as { kind?: unknown }).kind;
    const branch = options.find((option) => shapeOf(pipeInput(option))?.kind?.safeParse(kind).success);
    if (!branch) return NOTHING;
    return salvageObject(pipeInput(branch), data, path, maps) ?? NOTHING;
  }
  // A checked string (e-mail, time zone, date, level) that fails its check is still the name it was written as.
  if (isTextual(current) && typeof data === 'string') return data;
  return NOTHING;
}

function salvageObject(
  schema: z.ZodType,
  data: unknown,
  path: PathSegment[],
  maps: IndexMaps,
  fallback?: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const shape = shapeOf(pipeInput(schema));
  if (!shape || data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = misspelt(data as Record<string, unknown>, Object.keys(shape));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(shape)) {
    // A top-level name that fails its check (an id that is not kebab-case) gives way to the fallback (the file name).
    const named = fallback && typeof fallback[key] === 'string' && !child.safeParse(record[key]).success;
    if (Object.hasOwn(record, key) && !named) {
      const value = salvageValue(child, record[key], [...path, key], maps);
      if (value !== NOTHING && value !== undefined) {
        out[key] = value;
        continue;
      }
    }
    // Missing or unusable: an optional key is left out, a default is filled in, a required key falls back or fails.
    const absent = child.safeParse(undefined);
    if (absent.success) {
      if (absent.data !== undefined) out[key] = absent.data;
    } else if (fallback && Object.hasOwn(fallback, key)) {
      out[key] = fallback[key];
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * The mapping with each unknown key that is a misspelling of a missing known key (`peple` for `people`) read
 * as that key: lint reports the typo once, and the rules see the people the author meant.
 */
function misspelt(record: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const unknown = Object.keys(record).filter((key) => !known.includes(key));
  if (unknown.length === 0) return record;
  const out = { ...record };
  for (const key of unknown) {
    const guess = closest(key, known);
    if (guess !== undefined && !Object.hasOwn(out, guess)) out[guess] = record[key];
  }
  return out;
}

/** Maps a path in the salvaged value (kept-item indexes) to the same node in the file (original indexes). */
export function originalPath(maps: IndexMaps, path: readonly PathSegment[]): PathSegment[] {
  if (maps.size === 0) return [...path];
  const out: PathSegment[] = [];
  for (const segment of path) {
    const origins = typeof segment === 'number' ? maps.get(pathKey(out)) : undefined;
    out.push(origins && typeof segment === 'number' ? (origins[segment] ?? segment) : segment);
  }
  return out;
}
