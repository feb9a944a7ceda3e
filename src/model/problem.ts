import { compareText } from '../util/compare.js';
import type { RuleId } from './rule-ids.js';
/** A positioned finding about a runbook file: what lint reports and what other commands refuse to run on. */
export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: RuleId;
  message: string;
  /** What an error makes unusable within its file (else the whole file): never printed. */
  scope?: Scope;
}

/**
 * The part of a file an error spoils: one entry of a state file (`shifts.3`, or `4` in overrides.yaml), one team
 * of the roster, or one person (and with them every team they are in), or the roster's rotation settings.
 */
export interface Scope {
  entry?: string;
  team?: string;
  person?: string;
  rotation?: true;
}

/** A problem as reports print it: the public fields only. */
export function publicProblem({ file, line, column, severity, rule, message }: Problem): Problem {
  return { file, line, column, severity, rule, message };
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message} (${problem.rule})`;
}

export function byPosition(a: Problem, b: Problem): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule);
}
