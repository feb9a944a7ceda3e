import { resolve } from 'node:path';
import { Argument, Command, Option } from '@commander-js/extra-typings';
import { examples, type MakeContext, weeksUpTo } from './command.js';
import type { Context } from './context.js';
import { rotationInput } from './rotation-input.js';
import { UsageError, CheckFailed } from '../util/errors.js';
import { InputError } from '../model/errors.js';
import { buildSchedule, rotationPipelines } from '../rotation/schedule.js';
import { weeksAhead } from '../rotation/window.js';
import { handoverOf, weekIndexAt, weekStart } from '../rotation/weeks.js';
import type { Problem } from '../model/problem.js';
import type { Existing, PagedRole, Target, TargetPlan, Wanted } from '../export/plan.js';
import type { Tool } from '../export/tools.js';
import { TOOLS } from '../export/names.js';

const ROLES = ['primary', 'backup', 'all'] as const;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function exportCommand(context: MakeContext): Command {
  return new Command('export')
    .description("the final schedule as the paging tool's schedule overrides: print the requests, --plan, --apply")
    .addArgument(new Argument('<tool>', 'the paging tool').choices(TOOLS))
    .option(
      '--schedule <id>',
      "the tool's schedule for a pipeline and role: pipeline=ID, pipeline/backup=ID, or ID alone when one pipeline is exported (repeatable)",
      collect,
    )
    .option('-p, --pipeline <id>', 'just this pipeline (repeatable; default: every rotation pipeline)', collect)
    .addOption(new Option('--role <role>', 'which shifts (default: primary)').choices(ROLES))
    .option(
      '-w, --weeks <n>',
      'how far ahead, in weeks from the current one (default: 12, or to the last week published)',
      weeksUpTo(104),
    )
    .option(
      '--state <file>',
      "the tool's current overrides, as its list endpoint returns them (pipeline[/role]=file when several are exported; repeatable)",
      collect,
    )
    .option('--plan', 'print what would be created, changed and deleted against --state (nothing is sent)')
    .option(
      '--apply',
      'send the plan to the tool (token from PAGERDUTY_TOKEN, OPSGENIE_API_KEY or INCIDENT_IO_API_KEY)',
    )
    .option('--at <time>', 'as of this time instead of now: nothing that has started by then is touched')
    .addHelpText(
      'after',
      `${examples(
        'runbook export pagerduty --schedule engagement=PABC123',
        'runbook export pagerduty --schedule engagement=PABC123 --state overrides.json --plan',
        'PAGERDUTY_TOKEN=… runbook export pagerduty --schedule engagement=PABC123 --schedule profit=PDEF456 --apply',
        'runbook export opsgenie --pipeline engagement --schedule OPS-SCHEDULE-ID --plan --json',
      )}

People are mapped to the tool's users by handles: { pagerduty: P…, opsgenie: user@corp } in roster.yaml.
The tool's schedule is runbook's to keep: overrides not wanted are deleted (those that have started never are).
incident.io schedules are given as schedule_id:rotation_id:layer_id.
--apply reads the token from PAGERDUTY_TOKEN, OPSGENIE_API_KEY or INCIDENT_IO_API_KEY; the API's address from
RUNBOOK_PAGERDUTY_URL, RUNBOOK_OPSGENIE_URL or RUNBOOK_INCIDENT_IO_URL when set (a region, a test server).
Exit codes: 0 done, 1 some items were not applied (each is listed), 2 usage or input error.`,
    )
    .action(async (name, options, command) => {
      const ctx = context(command);
      if (options.plan && options.apply) throw new UsageError('--plan shows what --apply sends: give one of them');
      // Loaded only when export runs: the schemas and the parser cost start-up to every other command.
      const [{ TOOL }, { wantedParts, planTarget }] = await Promise.all([
        import('../export/tools.js'),
        import('../export/plan.js'),
      ]);
      const tool = TOOL[name];
      // Held overrides that start after the window are not runbook's to judge in this run.
      const planOf = (target: Target, wanted: Wanted[], existing: Existing[]): TargetPlan =>
        planTarget(
          target,
          wanted,
          existing.filter((entry) => entry.start.getTime() < until.getTime()),
          now,
          tool.keyOf,
        );
      const calendar = await ctx.calendar();
      const now = ctx.at(options.at, calendar);
      const input = await rotationInput(ctx, now);
      const { roster } = input;
      const handover = handoverOf(roster, calendar.offsets);
      const current = Math.max(0, weekIndexAt(handover, now));
      const end = current + (options.weeks ?? weeksAhead(input, current));
      const targets = await targetsOf(ctx, options.pipeline, options.role ?? 'primary', options.schedule ?? []);
      for (const target of targets) {
        const wrong = target.schedule === undefined ? undefined : tool.refuse?.(target.schedule);
        if (wrong) throw new UsageError(`--schedule for ${target.pipeline} ${target.role}: ${wrong}`);
      }
      const schedule = buildSchedule(input, end);
      const until = weekStart(handover, end);
      const wanted = wantedParts(schedule, targets, roster.people, tool.name, now, until);
      const states = await statesOf(ctx, tool, targets, options.state ?? []);
      if (options.apply) {
        const missing = targets.filter((target) => target.schedule === undefined);
        if (missing.length)
          throw new UsageError(
            `--apply needs the ${tool.title} schedule of ${missing.map(targetName).join(', ')}: --schedule ${missing[0]!.pipeline}${missing[0]!.role === 'backup' ? '/backup' : ''}=<schedule id>`,
          );
        const token = ctx.io.env[tool.tokenVariable];
        if (!token) throw new UsageError(`--apply needs a ${tool.title} API token in ${tool.tokenVariable}`);
        const base = ctx.io.env[tool.urlVariable] || tool.url;
        // The token goes only over TLS, or to this machine (a local proxy or test server).
        if (!/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(base))
          throw new UsageError(
            `${tool.urlVariable}=${base}: the token is sent only to an https:// address (or to this machine over http)`,
          );
        const { applyPlans, readOverrides } = await import('../export/apply.js');
        for (const target of targets) {
          if (states.has(target)) continue;
          const held = await readOverrides(tool, base, token, target.schedule!, now, until);
          if (typeof held === 'string')
            throw new UsageError(
              `cannot read the overrides of ${targetName(target)} from ${tool.title}: ${held}; nothing was sent`,
            );
          states.set(target, held);
        }
        const plans = targets.map((target) => planOf(target, wanted.get(target)!, states.get(target)!));
        const outcomes = await applyPlans(tool, base, token, plans);
        const { renderOutcomes } = await import('../render/export.js');
        if (ctx.json) ctx.printJson({ tool: tool.name, at: now.toISOString(), results: outcomes });
        else ctx.print(renderOutcomes(tool.title, outcomes, ctx.style, ctx.tableWidth));
        const failed = outcomes.filter((outcome) => !outcome.ok);
        if (failed.length)
          throw new CheckFailed(
            `${outcomes.length - failed.length} of ${outcomes.length} applied; not applied: ${failed
              .map(
                (outcome) =>
                  `${outcome.action} ${outcome.pipeline} ${outcome.role} ${outcome.what} (${outcome.detail})`,
              )
              .join('; ')}`,
          );
        return;
      }
      for (const target of targets)
        if (!states.has(target) && options.plan)
          ctx.note(`no --state for ${targetName(target)}: planned against a schedule without overrides`);
      const plans = targets.map((target) => planOf(target, wanted.get(target)!, states.get(target) ?? []));
      const { planJson, renderPlan, requestsJson } = await import('../render/export.js');
      if (options.plan) {
        if (ctx.json) ctx.printJson(planJson(tool, plans, now, until));
        else ctx.print(renderPlan(tool.title, plans, ctx.style, ctx.tableWidth));
      } else ctx.printJson(requestsJson(tool, plans, now, until));
    }) as unknown as Command;
}

const targetName = (target: Target) => `${target.pipeline} ${target.role}`;

/** `pipeline=value` or `pipeline/role=value` (role primary unless given), or undefined for a bare value. */
function keyed(entry: string): { pipeline: string; role: string; value: string } | undefined {
  const at = entry.indexOf('=');
  if (at <= 0) return undefined;
  const [pipeline, role = 'primary'] = entry.slice(0, at).split('/');
  return { pipeline: pipeline!, role, value: entry.slice(at + 1) };
}

/** The pipelines and roles exported, each with its schedule id when `--schedule` gives one. */
async function targetsOf(
  ctx: Context,
  pipelines: string[] | undefined,
  role: (typeof ROLES)[number],
  schedules: string[],
): Promise<Target[]> {
  const catalog = await ctx.catalog();
  const rotating = rotationPipelines(catalog.pipelines.map((entry) => entry.value)).map((pipeline) => pipeline.id);
  const named = new Map<string, string>();
  let alone: string | undefined;
  for (const entry of schedules) {
    const given = keyed(entry);
    if (!given) {
      alone = entry;
      continue;
    }
    if (given.role !== 'primary' && given.role !== 'backup')
      throw new UsageError(`--schedule ${entry}: the role after / is primary or backup`);
    const id = (await ctx.pipeline(given.pipeline)).value.id;
    if (!rotating.includes(id)) throw new UsageError(`--schedule ${entry}: ${id} has no rotation to export`);
    named.set(`${id}/${given.role}`, given.value);
  }
  let chosen: string[];
  if (pipelines?.length) {
    chosen = [];
    for (const query of pipelines) {
      const id = (await ctx.pipeline(query)).value.id;
      if (!rotating.includes(id)) throw new UsageError(`--pipeline ${query}: ${id} has no rotation to export`);
      chosen.push(id);
    }
  } else if (named.size) chosen = [...new Set([...named.keys()].map((key) => key.split('/')[0]!))];
  else chosen = rotating;
  const roles: PagedRole[] = role === 'all' ? ['primary', 'backup'] : [role];
  const targets = chosen.flatMap((pipeline) =>
    roles.map((which): Target => {
      const schedule = named.get(`${pipeline}/${which}`);
      return { pipeline, role: which, ...(schedule !== undefined ? { schedule } : {}) };
    }),
  );
  if (named.size && !pipelines?.length && role !== 'all')
    for (const key of named.keys()) {
      const [pipeline, which] = key.split('/') as [string, PagedRole];
      if (!targets.some((target) => target.pipeline === pipeline && target.role === which))
        targets.push({ pipeline, role: which, schedule: named.get(key)! });
    }
  if (alone !== undefined) {
    if (targets.length !== 1)
      throw new UsageError(
        `--schedule ${alone}: ${targets.length} schedules are exported (${targets.map(targetName).join(', ')}); name each: --schedule ${targets[0]!.pipeline}=${alone}`,
      );
    targets[0]!.schedule = alone;
  }
  return targets;
}

/** The saved list responses (`--state`), read and checked, per target. */
async function statesOf(
  ctx: Context,
  tool: Tool,
  targets: Target[],
  files: string[],
): Promise<Map<Target, Existing[]>> {
  const [{ readSource }, { validateSource, displayPath }] = await Promise.all([
    import('../read/source.js'),
    import('../read/catalog.js'),
  ]);
  const states = new Map<Target, Existing[]>();
  for (const entry of files) {
    // pipeline[/role]=file; a file name that names no exported schedule that way is taken whole.
    const given = keyed(entry);
    let target = given && targets.find((each) => each.pipeline === given.pipeline && each.role === given.role);
    const file = target ? given!.value : entry;
    if (!target) {
      if (targets.length !== 1)
        throw new UsageError(
          `--state ${entry}: ${targets.length} schedules are exported; say whose it is: --state ${targets[0]!.pipeline}=${entry}`,
        );
      target = targets[0]!;
    }
    const path = resolve(ctx.io.cwd, file);
    const shown = displayPath(path, ctx.io.cwd);
    const problems: Problem[] = [];
    const read = readSource(path, shown);
    problems.push(...read.problems);
    const checked =
      read.source && !problems.length
        ? validateSource(read.source, tool.state, problems, `${tool.title}'s list of overrides`)
        : undefined;
    if (!checked) throw new InputError(problems);
    states.set(target, checked.value.overrides);
  }
  return states;
}
