import { Command, Option } from '@commander-js/extra-typings';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from '../read/find.js';
import { UsageError } from '../util/errors.js';
import { makeFolder, writeAtomically } from '../util/write.js';
import { localDateOf } from '../time/local.js';
import { sanitizeLine } from '../util/sanitize.js';
import { examples, required, type MakeContext } from './command.js';

export function importCommand(context: MakeContext): Command {
  return new Command('import')
    .description('turn a Markdown runbook document shaped like the seed into pipeline YAML files')
    .argument(
      '<markdown>',
      'the Markdown document (## Pipeline: X, ### Owners, ### Common Issues, ### SLA, ### On-call Schedule)',
    )
    .option('-o, --output <dir>', 'folder to write one <id>.yaml per pipeline into, created if missing (required)')
    .addOption(new Option('--force').hideHelp())
    .option('--at <date>', 'the starter roster’s rotation start (default: today, UTC)')
    .addHelpText(
      'after',
      examples('runbook import seeds/data-pipeline-runbooks.md -o imported', 'runbook --dir imported lint'),
    )
    .action(async (markdown, options, command) => {
      const output = required(options.output, '-o, --output <dir>', 'runbook import runbooks.md -o runbooks');
      if (options.force)
        throw new UsageError(
          'import never writes over existing files (--force is gone): import into a new folder, then move the files you want',
        );
      const ctx = context(command);
      // The document reader (and the YAML library behind it) loads only for this command.
      const { importMarkdown, starterRoster, toYaml } = await import('../import/markdown.js');
      const { readText } = await import('../read/text.js');
      const path = resolve(ctx.io.cwd, markdown);
      const source = displayPath(path, ctx.io.cwd);
      const result = importMarkdown(readText(path, source), source);
      const dir = resolve(ctx.io.cwd, output);
      const files = result.pipelines.map(({ pipeline }) => ({ pipeline, path: join(dir, `${pipeline.id}.yaml`) }));
      // A starter roster beside them, unless the folder has one: the teams found, example people to replace.
      const rosterPath = join(dir, 'roster.yaml');
      const roster = existsSync(rosterPath)
        ? undefined
        : starterRoster(
            result.pipelines.map(({ pipeline }) => pipeline),
            localDateOf(ctx.at(options.at, 'UTC'), 'UTC'),
            result.contacts,
          );
      makeFolder(dir);
      await ctx.writing(
        'import',
        () => {
          const existing = files.filter((file) => existsSync(file.path));
          if (existing.length)
            throw new UsageError(
              `${existing.map((file) => displayPath(file.path, ctx.io.cwd)).join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing written (import never writes over a file; import into a new folder)`,
            );
          const done: string[] = [];
          try {
            for (const { pipeline, path: target } of files) {
              writeAtomically(target, toYaml(pipeline, source), { create: true });
              done.push(target);
            }
            if (roster) writeAtomically(rosterPath, roster, { create: true });
          } catch (error) {
            for (const path of done) rmSync(path, { force: true });
            throw error;
          }
        },
        dir,
      );
      const written = files.map((file) => displayPath(file.path, ctx.io.cwd));
      const rosterFile = displayPath(rosterPath, ctx.io.cwd);
      const notes = [
        ...result.notes,
        roster
          ? `${rosterFile}: a starter roster with the teams found; replace its example people before publishing a rotation`
          : `${rosterFile} exists: kept as it is`,
        // Contacts found, for a roster the import does not write: said, so they are not lost.
        ...(roster
          ? []
          : [...result.contacts].map(
              ([team, ways]) =>
                `${team}: ${Object.entries(ways)
                  .map(([kind, value]) => `${kind} ${value}`)
                  .join(', ')} (found in the document; add to ${rosterFile})`,
            )),
      ];
      if (ctx.json) ctx.printJson({ files: roster ? [...written, rosterFile] : written, notes });
      else
        ctx.print(
          [
            ...written.map((file, i) => `wrote ${file} (${sanitizeLine(files[i]!.pipeline.name)})`),
            ...(roster ? [`wrote ${rosterFile} (starter roster)`] : []),
          ].join('\n'),
        );
      for (const note of notes) ctx.note(`note: ${note}`);
    }) as unknown as Command;
}
