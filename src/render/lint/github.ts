/** GitHub Actions workflow commands: each problem becomes an annotation on the file and line. */
import type { LintReport } from '../../lint/lint.js';
import { sanitize } from '../../util/sanitize.js';

/** What a CI log shows: sanitised (no escape sequence or hidden character reaches it), then escaped for the command. */
const escapeData = (text: string): string =>
  sanitize(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function renderGithub(report: LintReport): string {
  return report.problems
    .map(
      (problem) =>
        `::${problem.severity} file=${escapeProperty(problem.file)},line=${problem.line},col=${problem.column},title=${escapeProperty(problem.rule)}::${escapeData(problem.message)}`,
    )
    .join('\n');
}
