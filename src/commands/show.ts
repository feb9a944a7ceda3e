import { Command } from '@commander-js/extra-typings';
import { renderIssue, renderShow, showJson } from '../render/show.js';
import { findIssue } from '../lookup/issue.js';
import { pipelineDeadlines } from '../sla/upcoming.js';
import type { Context } from '../context.js';
import type { Pipeline } from '../model/pipeline.js';
import { examples, type MakeContext } from './command.js';
import { noteUncoverable, onCallWithLookahead, rotationInput } from './rotation-input.js';
import { whoLines } from '../render/who.js';

/** This week's shift of a rotating pipeline, when the roster has rotation settings. */
async function whoIsOnCall(ctx: Context, pipeline: Pipeline, at: Date) {
  const roster = (await ctx.catalog()).roster?.value;
  if (pipeline.oncall.mode !== 'rotation' || !roster?.rotation) return undefined;
  const input = await rotationInput(ctx);
  // The weeks ahead are planned too (the same plan, prefix-stable), to warn of a week no one can take.
  const { schedule, onCall, ahead } = onCallWithLookahead(ctx, input, at);
  await noteUncoverable(ctx, ahead);
  const entries = onCall.filter((entry) => entry.pipeline === pipeline.id);
  const [current] = entries;
  const text = whoLines(entries, [pipeline], schedule, at)[0]!.text;
  // Before the first handover: "On call now: no one yet; the rotation starts ...".
  const line = text.startsWith('The rotation starts') ? `no one yet; t${text.slice(1)}` : text;
  return { entries, line, ...(current ? { names: current } : {}) };
}

export function showCommand(context: MakeContext): Command {
  return new Command('show')
    .description('everything about one pipeline: owners, escalation, common issues with steps, SLAs, on-call')
    .argument('<pipeline>', 'id, name or alias (case-insensitive), or a unique prefix')
    .argument('[issue...]', 'just this common issue: its id, or words from it (steps first)')
    .addHelpText(
      'after',
      examples(
        'runbook show engagement',
        'runbook show engagement late-click-data',
        'runbook show engagement aggregations look low',
        'runbook show exec          (by alias)',
        'runbook show eng --json',
      ),
    )
    .option(
      '--at <time>',
      'deadlines as of this time (timestamp with offset, local time in the roster zone, or a date); default now',
    )
    .action(async (query, words, options, command) => {
      const ctx = context(command);
      const { roster } = await ctx.catalog();
      const pipeline = (await ctx.pipeline(query)).value;
      const calendar = await ctx.calendar();
      const at = ctx.at(options.at, calendar);
      if (words.length > 0) {
        const issue = findIssue(pipeline, words);
        const onCall = await whoIsOnCall(ctx, pipeline, at);
        if (ctx.json)
          ctx.printJson({ pipeline: pipeline.id, issue, ...(onCall ? { onCall: onCall.entries[0] ?? null } : {}) });
        else ctx.print(renderIssue(pipeline, issue, roster?.value, ctx.style, ctx.width, onCall));
        return;
      }
      const deadlines = pipelineDeadlines(pipeline, at, calendar);
      const onCall = await whoIsOnCall(ctx, pipeline, at);
      if (ctx.json)
        ctx.printJson({ ...showJson(pipeline, deadlines), ...(onCall ? { onCall: onCall.entries[0] ?? null } : {}) });
      else ctx.print(renderShow(pipeline, roster?.value, deadlines, calendar, ctx.style, ctx.width, onCall));
    }) as unknown as Command;
}
