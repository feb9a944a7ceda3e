import { compareText } from '../util/compare.js';
/** A positioned finding about a runbook file: what lint reports and what other commands refuse to run on. */
export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message} (${problem.rule})`;
}

export function byPosition(a: Problem, b: Problem): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule);
}
