import { Command } from '@commander-js/extra-typings';
import { renderIssue, renderShow, showJson, type OnCallNow } from '../render/show.js';
import { formatLocal } from '../render/time.js';
import { findIssue } from '../lookup/issue.js';
import { pipelineDeadlines } from '../sla/upcoming.js';
import type { Context } from './context.js';
import type { Pipeline } from '../model/pipeline.js';
import { examples, type MakeContext } from './command.js';
import { noteLeftOut, noteUncoverable, onCallWithLookahead, rotationFiles } from './rotation-input.js';
import { onCallTrouble } from '../lookup/trouble.js';
import { RotationInputError } from '../model/errors.js';
import { weekIndexAt } from '../rotation/weeks.js';
import { whoLines } from '../render/who.js';

/**
 * This week's shift of a rotating pipeline, when the roster has rotation settings; when a broken state file or
 * roster entry makes it unknown, why (the rest of the page stands). `brief`: phone and chat only, when known.
 */
async function whoIsOnCall(ctx: Context, pipeline: Pipeline, at: Date, brief = false) {
  const catalog = await ctx.catalog();
  if (pipeline.oncall.mode !== 'rotation') return undefined;
  const trouble = onCallTrouble(catalog);
  const unknown = trouble.all?.reason ?? (pipeline.oncall.team ? trouble.teams.get(pipeline.oncall.team) : undefined);
  if (unknown) {
    ctx.onCallTold = true;
    ctx.note(`on-call unknown: ${unknown}; \`runbook lint\` lists the errors`);
    const now: OnCallNow = { line: 'unknown: a file it depends on has errors (see above).', state: 'unknown' };
    return { entries: [], now, unknown };
  }
  if (!catalog.roster?.value.rotation) return undefined;
  const { input } = await rotationFiles(ctx);
  // The weeks ahead are planned too (the same plan, prefix-stable), to warn of a week no one can take.
  let found;
  try {
    found = onCallWithLookahead(ctx, input, at);
  } catch (error) {
    // Beyond the weeks runbook plans: the runbook still answers, on-call does not.
    if (!(error instanceof RotationInputError)) throw error;
    ctx.onCallTold = true;
    ctx.note(`on-call unknown: ${error.message}`);
    const now: OnCallNow = { line: 'unknown: beyond the weeks runbook plans (see above).', state: 'unknown' };
    return { entries: [], now, unknown: error.message };
  }
  const { schedule, onCall, ahead } = found;
  await noteUncoverable(ctx, ahead);
  await noteLeftOut(ctx, schedule.rejected, weekIndexAt(schedule.handover, at));
  const entries = onCall.filter((entry) => entry.pipeline === pipeline.id);
  const [current] = entries;
  const first = schedule.weeks[0]!.start;
  const line =
    at.getTime() < first.getTime()
      ? `no one yet; the rotation starts ${formatLocal(first, schedule.handover)}.`
      : whoLines(entries, [pipeline], schedule, at, new Map(), brief)[0]!.text;
  const now: OnCallNow = current ? { line, names: current, state: 'on-call' } : { line, state: 'none' };
  return { entries, now };
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
      const issue = words.length > 0 ? findIssue(pipeline, words) : undefined;
      // The issue page names the quickest ways only, so it fits one screen.
      const onCall = await whoIsOnCall(ctx, pipeline, at, issue !== undefined);
      const onCallJson = onCall
        ? { onCall: onCall.entries[0] ?? null, ...(onCall.unknown ? { onCallUnknown: onCall.unknown } : {}) }
        : {};
      if (issue) {
        if (ctx.json) ctx.printJson({ pipeline: pipeline.id, issue, ...onCallJson });
        else ctx.print(renderIssue(pipeline, issue, roster?.value, ctx.style, ctx.width, onCall?.now));
        return;
      }
      const deadlines = pipelineDeadlines(pipeline, at, calendar);
      if (ctx.json) ctx.printJson({ ...showJson(pipeline, deadlines), ...onCallJson });
      else ctx.print(renderShow(pipeline, roster?.value, deadlines, calendar, ctx.style, ctx.width, onCall?.now));
    }) as unknown as Command;
}
