/**
 * What the rotation commands share: the roster with rotation settings, its working calendar and holidays, the
 * state files entry by entry, and what a broken file makes unknown (docs/state-files.md, "When a file is
 * broken"): only the answers that need it.
 */
import type { Context } from './context.js';
import type { Catalog } from '../model/catalog.js';
import { formatProblem, type Problem } from '../model/problem.js';
import { onCallTrouble } from '../lookup/trouble.js';
import type { Roster } from '../model/roster.js';
import type { Gap, RotationInput } from '../rotation/schedule.js';
import { handoverOf, LOOKAHEAD_WEEKS, weekIndexAt } from '../rotation/weeks.js';
import { rotationAt } from '../rotation/who.js';
import { scheduleWithOverrides } from '../rotation/cover.js';
import { overrideInstant } from '../rotation/overlay.js';
import { UsageError } from '../util/errors.js';
import { InputError } from '../model/errors.js';
import type { Rejection } from '../rotation/overlay.js';
import { OVERRIDES_FILE } from '../read/file-kinds.js';
import { sanitizeLine } from '../util/sanitize.js';

/** One stderr line per state file whose entries some answer left out for their errors. */
function noteLeftOutEntries(ctx: Context, catalog: Catalog): void {
  for (const state of [catalog.overrides, catalog.lock]) {
    if (!state?.leftOut.length) continue;
    const list = state.leftOut.map((entry) => `${entry.what} (line ${entry.line})`);
    const shown = list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
    ctx.note(
      `${state.file}: ${shown} left out: ${state.leftOut.length === 1 ? 'it has' : 'they have'} errors (\`runbook lint ${state.file}\` lists them)`,
    );
  }
}

export interface RotationFiles {
  input: RotationInput & { roster: Roster };
  /** Rotation pipelines whose on-call is unknown (their team's roster entry is broken), with why. */
  unknown: Map<string, string>;
  /** The roster errors that make them so. */
  faults: Problem[];
}

/**
 * The rotation as the answers read it: stops (exit 2) when the roster has no rotation or what every answer
 * needs is broken; leaves out the pipelines of teams with errors (see `unknown`) and the state entries with
 * errors (said on stderr). `now` is the present (the clock, or a command's "as of"): the published weeks that
 * ended before it are history, whatever time an answer is asked about.
 */
export async function rotationFiles(ctx: Context, now: Date = ctx.now): Promise<RotationFiles> {
  const catalog = await ctx.catalog();
  const trouble = onCallTrouble(catalog);
  if (trouble.all) throw new InputError(trouble.all.errors);
  const { pipelines, roster, overrides, lock } = catalog;
  if (!roster)
    throw new UsageError(
      'rotations need a roster: add roster.yaml with teams, people and rotation settings to the runbooks folder',
    );
  if (!roster.value.rotation)
    throw new UsageError(
      `${roster.file}: no rotation settings: add rotation: { start: YYYY-MM-DD, handover: monday 10:00 }`,
    );
  noteLeftOutEntries(ctx, catalog);
  const unknown = new Map<string, string>();
  const healthy = pipelines.filter(({ value }) => {
    const reason =
      value.oncall.mode === 'rotation' && value.oncall.team ? trouble.teams.get(value.oncall.team) : undefined;
    if (reason) unknown.set(value.id, reason);
    return reason === undefined;
  });
  const input = {
    roster: roster.value,
    pipelines: healthy.map((entry) => entry.value),
    calendar: await ctx.calendar(),
    holidays: ctx.holidays().lookup,
    // Published entries of pipelines whose on-call is unknown are left alone, not cancelled.
    ...(lock
      ? {
          lock: lock.value.shifts.filter((entry) => !unknown.has(entry.pipeline)),
          lockedMeetings: lock.value.meetings.filter((entry) => !unknown.has(entry.pipeline)),
        }
      : {}),
    ...(overrides ? { overrides: overrides.value.filter((entry) => !unknown.has(entry.pipeline)) } : {}),
    now,
  };
  const faults = [...new Set((roster.faults?.teams ?? []).map((fault) => fault.problem))];
  return { input, unknown, faults };
}

/** The rotation input for an answer that needs every pipeline's (a calendar, a plan written down). */
export async function rotationInput(ctx: Context, now: Date = ctx.now): Promise<RotationInput & { roster: Roster }> {
  const { input, unknown, faults } = await rotationFiles(ctx, now);
  if (unknown.size) throw new InputError(faults);
  return input;
}

/**
 * The rotation input for a command that writes the runbooks folder: refused (exit 2, nothing written) while a
 * state file it carries forward, or the roster, has an error, or an override not yet ended cannot be applied
 * (unless `overridesApplied` is false: pruning ended ones), so a write never drops a cover or a shift.
 */
export async function rotationInputForWriting(
  ctx: Context,
  now: Date = ctx.now,
  options: { overridesApplied?: boolean } = {},
): Promise<RotationInput & { roster: Roster }> {
  const catalog = await ctx.catalog();
  const spoilt = [
    ...catalog.broken
      .filter((entry) => entry.kind !== 'pipeline')
      .map((entry) => ({ file: entry.file, first: entry.errors[0]! })),
    ...[catalog.overrides, catalog.lock].flatMap((state) =>
      state?.leftOut.length ? [{ file: state.file, first: state.leftOut[0]!.problem }] : [],
    ),
    ...(catalog.roster?.faults
      ? [
          {
            file: catalog.roster.file,
            first: catalog.roster.faults.rotation ?? catalog.roster.faults.teams[0]!.problem,
          },
        ]
      : []),
  ];
  if (spoilt.length)
    throw new UsageError(
      `nothing written: ${spoilt.map(({ file }) => file).join(' and ')} ${spoilt.length === 1 ? 'has' : 'have'} errors, and writing would carry them forward or drop what they hold; fix ${spoilt.length === 1 ? 'it' : 'them'} first (${sanitizeLine(formatProblem(spoilt[0]!.first))})`,
    );
  const input = await rotationInput(ctx, now);
  if (options.overridesApplied !== false) {
    const unapplied = firstUnapplied(input, now);
    if (unapplied)
      throw new UsageError(
        `nothing written: ${catalog.overrides?.file ?? OVERRIDES_FILE}: ${sanitizeLine(unapplied)}, so the cover it records would be lost; fix it or remove it first (\`runbook override list\`, \`runbook lint\`)`,
      );
  }
  return input;
}

/**
 * The first override not yet ended that no answer applies, in words: one naming a pipeline outside the rotation
 * (a typo), one that covers no shift, or one that breaks a hard rule. Ended ones are history and stay as they are.
 */
function firstUnapplied(input: RotationInput, now: Date): string | undefined {
  const overrides = input.overrides ?? [];
  const live = overrides.filter((entry) => overrideInstant(entry.to, input.calendar).getTime() > now.getTime());
  if (live.length === 0) return undefined;
  const rotating = new Set(input.pipelines.filter((pipeline) => pipeline.oncall.mode === 'rotation').map((p) => p.id));
  const schedule = scheduleWithOverrides(input, overrides);
  for (const entry of live) {
    const what = `override ${entry.index + 1} (${entry.pipeline} ${entry.role}, ${entry.from} to ${entry.to})`;
    if (!rotating.has(entry.pipeline)) return `${what} names no pipeline in the rotation`;
    const rejected = schedule.rejected.find((rejection) => rejection.override === entry.index);
    if (rejected) return `${what} breaks a hard rule: ${rejected.message}`;
    if (!schedule.covering.has(entry.index)) return `${what} covers no shift`;
  }
  return undefined;
}

/**
 * Who is on call at `at`, and the weeks no one can take from that week through the next 12 (what lint's
 * rotation-coverage rule reports): planned here once per week, then read from the look-up cache.
 */
export function onCallWithLookahead(ctx: Context, input: RotationInput & { roster: Roster }, at: Date) {
  const current = Math.max(weekIndexAt(handoverOf(input.roster, input.calendar.offsets), at), 0);
  let ahead = ctx.knownLookahead(current);
  const found = rotationAt(input, at, ahead ? 0 : LOOKAHEAD_WEEKS);
  if (!ahead) {
    ahead = found.schedule.gaps
      .filter((gap) => gap.week >= current && gap.week <= current + LOOKAHEAD_WEEKS)
      .map((gap) => ({ pipeline: gap.pipeline, week: gap.week, day: found.schedule.weeks[gap.week]!.days[0]! }));
    ctx.rememberLookahead({ week: current, gaps: ahead });
  }
  return { ...found, ahead };
}

/** One line on stderr naming the files whose rotation has a week that no one can take, leaving out the weeks already told of. */
export async function noteUncoverable(
  ctx: Context,
  ahead: readonly { pipeline: string; week: number; day: string }[],
  told: readonly Gap[] = [],
): Promise<void> {
  const gaps = ahead.filter((gap) => !told.some((entry) => entry.pipeline === gap.pipeline && entry.week === gap.week));
  if (gaps.length === 0) return;
  const fileOf = new Map((await ctx.catalog()).pipelines.map((entry) => [entry.value.id, entry.file]));
  const files = [...new Set(gaps.map((gap) => fileOf.get(gap.pipeline) ?? gap.pipeline))];
  ctx.note(
    `${files.join(', ')}: a rotation week no one can take (the first: week of ${gaps[0]!.day}); \`runbook lint\` says why`,
  );
}

/** One line on stderr naming the overrides the answer left out because they break a hard rule (from week `from` on). */
export async function noteLeftOut(ctx: Context, rejected: readonly Rejection[], from: number): Promise<void> {
  const numbers = [...new Set(rejected.filter((entry) => entry.week >= from).map((entry) => entry.override + 1))];
  if (numbers.length === 0) return;
  const file = (await ctx.catalog()).overrides?.file ?? OVERRIDES_FILE;
  ctx.note(
    `${file}: override${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')} left out: ${numbers.length === 1 ? 'it breaks' : 'they break'} a hard rule (\`runbook lint\` says which)`,
  );
}
