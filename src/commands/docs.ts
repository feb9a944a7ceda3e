import { Command } from '@commander-js/extra-typings';
import { dirname, join, resolve } from 'node:path';
import { pipelineDeadlines } from '../sla/upcoming.js';
import { makeFolder, refuseLinkedFolders, writeAtomically } from '../util/write.js';
import { examples, required, type MakeContext } from './command.js';
import { noteLeftOut, rotationFiles } from './rotation-input.js';
import { onCallTrouble } from '../lookup/trouble.js';
import { RotationInputError } from '../model/errors.js';
import { rotationAt } from '../rotation/who.js';

/** Weeks of the rotation listed in the handbook. */
const UPCOMING_WEEKS = 4;

export function docsCommand(context: MakeContext): Command {
  return new Command('docs')
    .description('write a Markdown handbook for onboarding: an index, a page per pipeline, and on-call practice')
    .option('-o, --output <dir>', 'folder to write the pages into, created if missing (required)')
    .option('--at <time>', 'date the dated parts (deadlines, who is on call) as of this time; default now')
    .addHelpText('after', examples('runbook docs -o handbook', 'runbook docs -o docs/runbooks --at 2027-01-04'))
    .action(async (options, command) => {
      const output = required(options.output, '-o, --output <dir>', 'runbook docs -o handbook');
      const ctx = context(command);
      const { pipelines, roster } = await ctx.catalog();
      const models = pipelines.map((entry) => entry.value);
      const calendar = await ctx.calendar();
      const at = ctx.at(options.at, calendar);
      const deadlines = new Map(models.map((pipeline) => [pipeline.id, pipelineDeadlines(pipeline, at, calendar)]));
      let rotation;
      const trouble = onCallTrouble(await ctx.catalog());
      if (!trouble.all && roster?.value.rotation && models.some((pipeline) => pipeline.oncall.mode === 'rotation')) {
        const { input } = await rotationFiles(ctx);
        try {
          const { schedule, week, onCall } = rotationAt(input, at, UPCOMING_WEEKS - 1);
          await noteLeftOut(ctx, schedule.rejected, week);
          rotation = { schedule, onCall, upcoming: schedule.weeks.slice(Math.max(week, 0)) };
        } catch (error) {
          // Beyond the weeks runbook plans: the handbook without its rotation pages' dated parts.
          if (!(error instanceof RotationInputError)) throw error;
          ctx.note(`on-call left out of the handbook: ${error.message}`);
        }
      }
      const { renderHandbook } = await import('../render/markdown.js');
      const files = renderHandbook({
        pipelines: models,
        roster: roster?.value,
        deadlines,
        zone: calendar,
        at,
        rotation,
      });
      const dir = resolve(ctx.io.cwd, output);
      // Checked before any page is written: nothing partial.
      for (const name of files.keys()) refuseLinkedFolders(dir, join(dir, name));
      for (const [name, text] of files) {
        makeFolder(dirname(join(dir, name)));
        writeAtomically(join(dir, name), text);
      }
      if (ctx.json) ctx.printJson({ dir: output, files: [...files.keys()] });
      else ctx.print(`wrote ${files.size} pages to ${output}: ${[...files.keys()].join(', ')}`);
    });
}
