import { Command, Option } from '@commander-js/extra-typings';
import { CheckFailed, UsageError } from '../util/errors.js';
import { VERSION } from '../util/version.js';
import { CHECK_WORKER } from '../load/runbooks.js';
import { examples, type MakeContext } from './command.js';

/** The names of render/lint/formats.ts's registry (written out: the registry loads only when lint runs). */
const FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;

export function lintCommand(context: MakeContext): Command {
  return new Command('lint')
    .description('validate pipeline and roster files: every problem in every file, with line and column')
    .argument('[paths...]', 'files or folders to lint (default: the runbooks folder)')
    .addOption(
      new Option('-f, --format <format>', 'report format (default: stylish; github when GITHUB_ACTIONS=true)').choices(
        FORMATS,
      ),
    )
    .option(
      '--at <time>',
      'check coverage and review dates as of this time instead of now (a timestamp, or a date or local time in UTC)',
    )
    .option('--max-warnings <n>', 'fail (exit 1) when there are more warnings than this', (value) => {
      if (!/^\d+$/.test(value))
        throw new UsageError(`--max-warnings takes a whole number, not ${JSON.stringify(value)}`);
      return Number(value);
    })
    .addHelpText(
      'after',
      examples(
        'runbook lint',
        'runbook lint runbooks/engagement.yaml',
        'runbook lint --format github',
        'runbook lint --format sarif > runbook.sarif',
        'runbook lint --max-warnings 0',
      ),
    )
    .action(async (paths, options, command) => {
      const ctx = context(command);
      const { expandPaths, lintFiles } = await import('../lint/lint.js');
      const files = expandPaths(paths.length > 0 ? paths : [ctx.runbooksDir()], ctx.io.cwd);
      const { HolidayStore } = await import('../load/holidays.js');
      const holidays = new HolidayStore();
      const report = await lintFiles(files, ctx.io.cwd, {
        holidays: holidays.catalog,
        coverage: { now: ctx.at(options.at, 'UTC'), holidays: holidays.lookup },
        worker: CHECK_WORKER,
      });
      const format =
        options.format ?? (ctx.json ? 'json' : ctx.io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish');
      const { LINT_FORMATS } = await import('../render/lint/formats.js');
      const text = LINT_FORMATS[format](report, { style: ctx.style, version: VERSION });
      if (text) ctx.print(text);
      if (report.errors > 0) throw new CheckFailed('');
      if (options.maxWarnings !== undefined && report.warnings > options.maxWarnings) {
        throw new CheckFailed(`${report.warnings} warnings, more than --max-warnings ${options.maxWarnings}`);
      }
    }) as unknown as Command;
}
