/** The one translator from zod issues to positioned problems with a message that says how to fix it. */
import type { RuleId } from '../model/rule-ids.js';
import type { z } from 'zod';
import { elementOf, optionsOf, pipeInput, shapeOf, withoutWrappers } from './zod-def.js';
import type { Problem, Scope } from '../model/problem.js';
import { closest } from '../util/suggest.js';
import { positionOf, type PathSegment, type Source } from './source.js';

type Issue = z.core.$ZodIssue;

/** Which part of the file an issue at a path spoils (see Scope); undefined for the whole file. */
export type ScopeOf = (path: readonly PathSegment[]) => Scope | undefined;

export function schemaProblems(
  source: Source,
  schema: z.ZodType,
  issues: readonly Issue[],
  scopeOf?: ScopeOf,
): Problem[] {
  // A misspelt key (`ownres`) also leaves the real one (`owners`) missing: report the typo once, with its guess.
  const guessed = new Set(
    issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.flatMap((key) => {
            const guess = closest(key, knownKeys(schema, issue.path as PathSegment[], source.data));
            return guess ? [showPath([...(issue.path as PathSegment[]), guess])] : [];
          })
        : [],
    ),
  );
  const echoes = (issue: Issue): boolean =>
    (issue.code === 'invalid_type' || issue.code === 'invalid_union') &&
    valueAt(source.data, issue.path as PathSegment[]) === undefined &&
    guessed.has(showPath(issue.path as PathSegment[]));
  return issues
    .filter((issue) => !echoes(issue))
    .flatMap((issue) => {
      const problems = translate(source, schema, issue);
      const scope = scopeOf?.(issue.path as PathSegment[]);
      return scope ? problems.map((problem) => ({ ...problem, scope })) : problems;
    });
}

function translate(source: Source, schema: z.ZodType, issue: Issue): Problem[] {
  const path = issue.path as PathSegment[];
  const at = (target: PathSegment[], key: boolean, rule: RuleId, message: string): Problem => ({
    file: source.file,
    ...positionOf(source, target, key),
    severity: 'error',
    rule,
    message,
  });
  const value = valueAt(source.data, path);
  const name = `\`${showPath(path)}\``;

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path, source.data);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        const hint = guess ? `did you mean \`${guess}\`?` : `allowed keys: ${known.join(', ')}`;
        return at([...path, key], true, 'schema-unknown-key', `unknown key \`${showPath([...path, key])}\`: ${hint}`);
      });
    }
    case 'invalid_type':
      if (value === undefined) {
        return [
          at(
            path,
            true,
            'schema-required',
            `missing required key ${name}: add it (a ${describeExpected(issue.expected)})`,
          ),
        ];
      }
      return [
        at(
          path,
          false,
          'schema-type',
          `${name} must be ${article(describeExpected(issue.expected))}, not ${article(describeValue(value))}`,
        ),
      ];
    case 'invalid_value': {
      const options = issue.values.map(String);
      const guess = typeof value === 'string' ? closest(value, options) : undefined;
      const hint = guess ? ` (did you mean ${guess}?)` : '';
      const got = value === undefined ? 'is missing' : `is ${JSON.stringify(value)}`;
      return [at(path, value === undefined, 'schema-enum', `${name} ${got}: use one of ${options.join(', ')}${hint}`)];
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
        const guess = typeof value === 'string' ? closest(value, options) : undefined;
        const got = value === undefined ? 'is missing' : `is ${JSON.stringify(value)}`;
        return [
          at(
            path,
            value === undefined,
            'schema-enum',
            `${name} ${got}: use one of ${options.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`,
          ),
        ];
      }
      const expected = issue.errors.map((branch) => branch[0]).filter((first) => first?.code === 'invalid_type');
      const kinds = expected.map((first) => describeExpected((first as { expected: string }).expected));
      if (kinds.length === issue.errors.length) {
        const message =
          value === undefined
            ? `missing required key ${name}: add it`
            : `${name} must be ${kinds.map(article).join(' or ')}, not ${article(describeValue(value))}`;
        return [at(path, value === undefined, value === undefined ? 'schema-required' : 'schema-type', message)];
      }
      // One branch matched the type but failed inside: report that branch's issues.
      const inner = issue.errors.find((branch) => branch[0]?.code !== 'invalid_type') ?? [];
      return inner.flatMap((nested) => translate(source, schema, { ...nested, path: [...path, ...nested.path] }));
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
    default: {
      const shown = value === undefined || typeof value === 'object' ? name : `${name} ${JSON.stringify(value)}`;
      return [at(path, false, 'schema-value', `${shown} ${issue.message}`)];
    }
  }
}

function showPath(path: readonly PathSegment[]): string {
  return (
    path.reduce<string>(
      (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
      '',
    ) || '(file)'
  );
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

function describeExpected(expected: string): string {
  return (
    (
      {
        array: 'list',
        object: 'mapping',
        string: 'string',
        number: 'number',
        boolean: 'boolean (true or false)',
      } as Record<string, string>
    )[expected] ?? expected
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

function article(noun: string): string {
  return noun === 'empty value' ? 'an empty value' : /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Keys the schema allows at `path`, for "did you mean". */
function knownKeys(schema: z.ZodType, path: readonly PathSegment[], data: unknown): string[] {
  let current: z.ZodType | undefined = schema;
  let value = data;
  const steps = [...path];
  while (current) {
    current = pipeInput(withoutWrappers(current));
    const options = optionsOf(current);
    if (options) {
      // An SLA rule: the branch its `kind` names, else the keys of every branch.
      const kind = (value as { kind?: unknown } | undefined)?.kind;
      const objects = options.map(pipeInput).filter((option) => shapeOf(option));
      const match = objects.find((option) => shapeOf(option)!.kind?.safeParse(kind).success);
      if (match) current = match;
      else if (objects.length) return [...new Set(objects.flatMap((option) => Object.keys(shapeOf(option)!)))];
      else current = options.find((option) => shapeOf(option) || elementOf(option));
      continue;
    }
    if (steps.length === 0) return Object.keys(shapeOf(current) ?? {});
    const segment = steps.shift()!;
    value = (value as Record<PathSegment, unknown> | undefined)?.[segment];
    current = shapeOf(current)?.[String(segment)] ?? elementOf(current);
  }
  return [];
}
