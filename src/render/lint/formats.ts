/**
 * Lint's report formats, in one registry with one signature: each turns the report into the text printed on
 * stdout (empty for nothing to say). `runbook lint --format` offers exactly these names.
 */
import type { LintReport } from '../../lint/lint.js';
import { publicProblem } from '../../model/problem.js';
import { terminalSafeJson } from '../../util/sanitize.js';
import type { Style } from '../style.js';
import { renderGithub } from './github.js';
import { renderSarif } from './sarif.js';
import { renderStylish } from './stylish.js';

export interface FormatContext {
  style: Style;
  version: string;
}

export type LintFormat = (report: LintReport, context: FormatContext) => string;

export const LINT_FORMATS = {
  stylish: (report, { style }) => renderStylish(report, style),
  json: (report) => terminalSafeJson({ ...report, problems: report.problems.map(publicProblem) }),
  github: (report) => renderGithub(report),
  sarif: (report, { version }) => terminalSafeJson(renderSarif(report, version)),
} satisfies Record<string, LintFormat>;

export type LintFormatName = keyof typeof LINT_FORMATS;
export const LINT_FORMAT_NAMES = Object.keys(LINT_FORMATS) as LintFormatName[];
