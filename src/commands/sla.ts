import { Command, Option } from '@commander-js/extra-typings';
import { basename, resolve } from 'node:path';
import { evaluateRule, futureTimestamps } from '../sla/evaluate.js';
import { observationFor } from '../sla/sources.js';
import { pipelineDeadlines } from '../sla/upcoming.js';
import { CheckFailed, UsageError } from '../util/errors.js';
import { closest } from '../util/suggest.js';
import type { Context } from './context.js';
import { examples, required, type MakeContext } from './command.js';

function checkCommand(context: MakeContext): Command {
  return (
    new Command('check')
      .description('status of every SLA rule from observed timestamps: pass, warn, breach or unknown')
      .option(
        '-i, --observations <file>',
        'what happened, repeatable (required): runbook observations (YAML or JSON), dbt target/sources.json, or OpenLineage events (one JSON object a line)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      // -o means an output file everywhere else: here it is refused with the flag meant, not read as input.
      .addOption(new Option('-o, --output <file>').hideHelp())
      // `--at` is the parent `sla` command's option, parsed before or after `check`.
      .addOption(
        new Option('--fail-on <status>', 'exit 1 on a breach, or on a warning too')
          .choices(['breach', 'warn'] as const)
          .default('breach' as const),
      )
      .addHelpText(
        'after',
        examples(
          'runbook sla check --observations observed.yaml',
          'runbook sla check -i target/sources.json -i lineage/events.ndjson --json',
          'runbook sla check -i observed.json --fail-on warn --at 2027-03-10T09:00:00Z',
        ),
      )
      .action(async (options, command) => {
        if (options.output !== undefined)
          throw new UsageError(
            `sla check reads what was observed with -i, --observations (-o is for output files): runbook sla check -i ${options.output}`,
          );
        const observations = required(
          options.observations,
          '--observations <file>',
          'runbook sla check --observations observed.yaml',
        );
        const ctx = context(command);
        const { pipelines, broken } = await ctx.catalog();
        const calendar = await ctx.calendar();
        const askedAt = (command.optsWithGlobals() as { at?: string }).at;
        const at = ctx.at(askedAt, calendar);
        const models = pipelines.map((entry) => entry.value);
        const { loadObservationFiles } = await import('../load/observation-files.js');
        const facts = loadObservationFiles(
          observations.map((file) => resolve(ctx.io.cwd, file)),
          ctx.io.cwd,
          models,
          new Map(
            broken
              .filter((entry) => entry.kind === 'pipeline')
              .map((entry) => [basename(entry.file).replace(/\.ya?ml$/i, ''), entry.file]),
          ),
        );
        const observed = new Map(
          models.flatMap((pipeline) =>
            pipeline.sla.map(
              (rule) => [`${pipeline.id}.${rule.id}`, observationFor(pipeline, rule, facts, at)] as const,
            ),
          ),
        );
        const results = models.flatMap((pipeline) =>
          pipeline.sla.map((rule) =>
            evaluateRule(pipeline, rule, observed.get(`${pipeline.id}.${rule.id}`), at, calendar),
          ),
        );
        // Without --at, a time later than now is clock skew: said on stderr, and (as with --at) not used.
        if (askedAt === undefined) {
          const future = models.flatMap((pipeline) =>
            pipeline.sla.flatMap((rule) =>
              futureTimestamps(observed.get(`${pipeline.id}.${rule.id}`), at).map(
                (time) => `${pipeline.id}.${rule.id} ${time}`,
              ),
            ),
          );
          if (future.length > 0) {
            ctx.io.err(
              `runbook: warning: ${future.length === 1 ? 'an observed time is' : `${future.length} observed times are`} later than now (${at.toISOString()}), not used: ${future.slice(0, 3).join(', ')}${future.length > 3 ? ', ...' : ''}; is a clock wrong?\n`,
            );
          }
        }
        if (ctx.json) ctx.printJson({ at: at.toISOString(), results });
        else
          ctx.print((await import('../render/sla.js')).renderCheck(results, calendar, at, ctx.style, ctx.tableWidth));
        const failing = results.filter(
          (result) => result.status === 'breach' || (options.failOn === 'warn' && result.status === 'warn'),
        );
        if (failing.length > 0) throw new CheckFailed('');
      })
  );
}

/** The pipeline `sla <word>` names; a word that is no pipeline but close to `check` is taken as a misspelt `check`. */
async function pipelineOrSubcommand(ctx: Context, query: string) {
  try {
    return await ctx.pipeline(query);
  } catch (error) {
    if (error instanceof UsageError && !/\s/.test(query) && closest(query.toLowerCase(), ['check']))
      throw new UsageError(`no pipeline or subcommand "${query}": did you mean \`runbook sla check\`?`);
    throw error;
  }
}

export function slaCommand(context: MakeContext): Command {
  const sla = new Command('sla')
    .description('each SLA rule in words with its next deadline, in the roster time zone')
    .argument('[pipeline]', 'just this pipeline')
    .option(
      '--at <time>',
      'as of this time (timestamp with offset, local time in the roster zone, or a date); default now',
    )
    .addHelpText(
      'after',
      examples(
        'runbook sla',
        'runbook sla growth --at 2027-02-10T12:00:00Z',
        'runbook sla check --observations observed.yaml',
      ),
    )
    .action(async (query, options, command) => {
      const ctx = context(command);
      const { pipelines } = await ctx.catalog();
      const calendar = await ctx.calendar();
      const at = ctx.at(options.at, calendar);
      const chosen = (query === undefined ? pipelines : [await pipelineOrSubcommand(ctx, query)]).map(
        (entry) => entry.value,
      );
      const deadlines = chosen.flatMap((pipeline) => pipelineDeadlines(pipeline, at, calendar));
      if (ctx.json) ctx.printJson({ at: at.toISOString(), timezone: calendar.timeZone, deadlines });
      else
        ctx.print(
          (await import('../render/sla.js')).renderDeadlines(chosen, deadlines, calendar, at, ctx.style, ctx.width),
        );
    });
  sla.addCommand(checkCommand(context));
  return sla as unknown as Command;
}
