/** SARIF 2.1.0, the format code-scanning upload reads. */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintReport } from '../../lint/lint.js';
import { RULE_DESCRIPTIONS, type RuleId } from '../../model/rule-ids.js';

/** A relative path as a URI reference: each segment percent-encoded, so a space, `#` or `%` in a name survives. */
export function relativeUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function renderSarif(report: LintReport, version: string): object {
  const ruleIds = Object.keys(RULE_DESCRIPTIONS) as RuleId[];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'runbook',
            version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULE_DESCRIPTIONS[id] } })),
          },
        },
        results: report.problems.map((problem) => ({
          ruleId: problem.rule,
          ruleIndex: ruleIds.indexOf(problem.rule),
          level: problem.severity,
          message: { text: problem.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: isAbsolute(problem.file) ? pathToFileURL(problem.file).href : relativeUri(problem.file),
                },
                region: { startLine: problem.line, startColumn: problem.column },
              },
            },
          ],
        })),
      },
    ],
  };
}
