/** Reads an observations file (YAML or JSON) and checks it against the loaded pipelines, with positions. */
import { readFileSync } from 'node:fs';
import { displayPath, validateSource } from '../read/catalog.js';
import { positionOf, readSource } from '../read/source.js';
import { Observations } from '../model/observations.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Problem } from '../model/problem.js';
import { expectedShape } from '../sla/evaluate.js';
import { InputError } from '../model/errors.js';
import { closest } from '../util/suggest.js';

export function loadObservations(
  path: string,
  cwd: string,
  pipelines: readonly Pipeline[],
  /** Pipeline ids whose files were left out for their errors, with the file: named rather than "unknown". */
  broken: ReadonlyMap<string, string> = new Map(),
): Observations {
  const file = displayPath(path, cwd);
  // A JSON file that is valid is taken as parsed: the YAML reader (for positions) runs only to report problems,
  // and on a 10,000-incident file it is most of the time.
  if (/\.json$/i.test(path)) {
    const fast = validJson(path, pipelines);
    if (fast) return fast;
  }
  const read = readSource(path, file);
  const problems: Problem[] = [...read.problems];
  // A .json file is strict JSON (YAML would also take comments, single quotes and trailing commas).
  if (read.source && /\.json$/i.test(path)) {
    const json = jsonProblem(readFileSync(path, 'utf8'), file);
    if (json) throw new InputError([json]);
  }
  const source = read.source;
  const loaded =
    source &&
    validateSource(
      source,
      Observations,
      problems,
      'observations: pipeline id -> SLA rule id -> timestamp or incidents',
    );
  // Names are checked even when a value is malformed, so one run reports every problem.
  if (source && isPlainMap(source.data)) {
    for (const { path: at, key, message } of nameIssues(source.data, pipelines, broken)) {
      problems.push({ file, ...positionOf(source, at, key), severity: 'error', rule: 'observation', message });
    }
  }
  if (problems.length > 0 || !loaded) throw new InputError(problems);
  return loaded.value;
}

/** The observations of a .json file when it parses and passes every check; else undefined (the slow path says why). */
function validJson(path: string, pipelines: readonly Pipeline[]): Observations | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const parsed = Observations.safeParse(data);
  if (!parsed.success || nameIssues(parsed.data, pipelines, new Map()).length > 0) return undefined;
  return parsed.data;
}

/** The first JSON syntax error of a text, at its line and column, called a JSON error. */
function jsonProblem(text: string, file: string): Problem | undefined {
  try {
    JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? text.length);
    const before = text.slice(0, position).split('\n');
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return {
      file,
      line: before.length,
      column: before[before.length - 1]!.length + 1,
      severity: 'error',
      rule: 'json-syntax',
      message: `JSON syntax: ${reason}`,
    };
  }
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A name that is not a known pipeline or rule, or a value of the wrong kind for its rule: where, and what is wrong. */
interface NameIssue {
  path: (string | number)[];
  key: boolean;
  message: string;
}

/** The names and value kinds of an observations mapping checked against the pipelines; no positions needed. */
function nameIssues(
  data: Record<string, unknown>,
  pipelines: readonly Pipeline[],
  broken: ReadonlyMap<string, string>,
): NameIssue[] {
  const issues: NameIssue[] = [];
  const at = (path: (string | number)[], key: boolean, message: string): void =>
    void issues.push({ path, key, message });
  for (const [pipelineId, rules] of Object.entries(data)) {
    const pipeline = pipelines.find((candidate) => candidate.id === pipelineId);
    const brokenFile = broken.get(pipelineId);
    if (!pipeline && brokenFile !== undefined) {
      at(
        [pipelineId],
        true,
        `pipeline "${pipelineId}" is in ${brokenFile}, which has errors: fix them first (\`runbook lint ${brokenFile}\` lists them)`,
      );
      continue;
    }
    if (!pipeline) {
      const guess = closest(
        pipelineId,
        pipelines.map((candidate) => candidate.id),
      );
      at(
        [pipelineId],
        true,
        `unknown pipeline "${pipelineId}": ${guess ? `did you mean "${guess}"?` : `known pipelines: ${pipelines.map((p) => p.id).join(', ')}`}`,
      );
      continue;
    }
    if (!isPlainMap(rules)) continue;
    for (const [ruleId, observation] of Object.entries(rules)) {
      const rule = pipeline.sla.find((candidate) => candidate.id === ruleId);
      if (!rule) {
        const ids = pipeline.sla.map((candidate) => candidate.id);
        const guess = closest(ruleId, ids);
        at(
          [pipelineId, ruleId],
          true,
          `pipeline ${pipelineId} has no SLA rule "${ruleId}": ${guess ? `did you mean "${guess}"?` : `its rules: ${ids.join(', ') || 'none'}`}`,
        );
        continue;
      }
      const shape = Array.isArray(observation)
        ? 'incidents'
        : typeof observation === 'string'
          ? 'timestamp'
          : undefined;
      if (shape !== undefined && shape !== expectedShape(rule.kind)) {
        const want =
          expectedShape(rule.kind) === 'incidents'
            ? 'a list of incidents ({ id, opened, resolved? })'
            : 'one timestamp';
        at([pipelineId, ruleId], false, `${pipelineId}.${ruleId} is a ${rule.kind} rule: give ${want}`);
      }
    }
  }
  return issues;
}
