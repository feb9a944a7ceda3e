import { Command } from '@commander-js/extra-typings';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from '../read/find.js';
import { localDateOf } from '../time/local.js';
import { UsageError } from '../util/errors.js';
import { makeFolder, writeAtomically } from '../util/write.js';
import { examples, type MakeContext } from './command.js';

export function initCommand(context: MakeContext): Command {
  return new Command('init')
    .description('a starter runbooks/ folder: a roster and one pipeline that lint clean, with editor schemas')
    .argument('[dir]', 'the project folder to put runbooks/ and schema/ in', '.')
    .option('--at <date>', 'the starter roster’s rotation start (default: today in Europe/London, its zone)')
    .addHelpText('after', examples('runbook init', 'runbook init demo && runbook --dir demo/runbooks lint'))
    .action(async (dir, options, command) => {
      const ctx = context(command);
      const root = resolve(ctx.io.cwd, dir);
      const { STARTER_PIPELINE, starterRoster } = await import('../init/starter.js');
      const { jsonSchema, SCHEMAS } = await import('../model/json-schema.js');
      const files: [string, string][] = [
        [
          join(root, 'runbooks', 'roster.yaml'),
          starterRoster(localDateOf(ctx.at(options.at, 'Europe/London'), 'Europe/London')),
        ],
        [join(root, 'runbooks', 'orders.yaml'), STARTER_PIPELINE],
        ...(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]).map((name): [string, string] => [
          join(root, 'schema', `${name}.schema.json`),
          `${JSON.stringify(jsonSchema(name), null, 2)}\n`,
        ]),
      ];
      const runbooksFolder = join(root, 'runbooks');
      for (const folder of [runbooksFolder, join(root, 'schema')]) makeFolder(folder);
      // Never over what is there: a starter is for a folder that has none yet. Two at once: the second waits,
      // then finds the first one's files.
      await ctx.writing(
        'init',
        () => {
          const existing = files.filter(([path]) => existsSync(path)).map(([path]) => displayPath(path, ctx.io.cwd));
          if (existing.length)
            throw new UsageError(
              `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing written`,
            );
          const done: string[] = [];
          try {
            for (const [path, text] of files) {
              writeAtomically(path, text, { create: true });
              done.push(path);
            }
          } catch (error) {
            // Nothing partial: what this run wrote goes again.
            for (const path of done) rmSync(path, { force: true });
            throw error;
          }
        },
        runbooksFolder,
      );
      const written = files.map(([path]) => displayPath(path, ctx.io.cwd));
      if (ctx.json) return ctx.printJson({ files: written });
      const runbooks = displayPath(join(root, 'runbooks'), ctx.io.cwd);
      ctx.print(
        [
          ...written.map((file) => `wrote ${file}`),
          '',
          'Next:',
          `  runbook --dir ${runbooks} lint           # every problem, with its line`,
          `  runbook --dir ${runbooks} show orders    # what the engineer on call reads`,
          `  runbook --dir ${runbooks} rotate --weeks 12 --format table`,
        ].join('\n'),
      );
    }) as unknown as Command;
}
