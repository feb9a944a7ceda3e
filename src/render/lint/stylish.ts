/** The default lint report for people: grouped by file, `line:col severity message rule`, then a summary. */
import type { LintReport } from '../../lint/lint.js';
import { sanitizeLine } from '../../util/sanitize.js';
import type { Style } from '../style.js';
import { plural } from '../text.js';

export function renderStylish(report: LintReport, style: Style): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const problem of report.problems) {
    if (problem.file !== file) {
      if (file !== undefined) out.push('');
      file = problem.file;
      out.push(style.underline(sanitizeLine(file)));
    }
    const position = `${problem.line}:${problem.column}`.padEnd(7);
    const severity = problem.severity === 'error' ? style.red('error  ') : style.yellow('warning');
    out.push(`  ${style.dim(position)} ${severity}  ${sanitizeLine(problem.message)}  ${style.dim(problem.rule)}`);
  }
  const files = plural(report.files, 'file');
  if (report.problems.length === 0) return `${style.green('✔')} ${files} checked, no problems`;
  const counts = `${plural(report.problems.length, 'problem')} (${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}) in ${files}`;
  out.push('', report.errors > 0 ? style.red.bold(`✖ ${counts}`) : style.yellow.bold(`⚠ ${counts}`));
  return out.join('\n');
}
