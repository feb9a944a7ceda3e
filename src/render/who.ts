/** `runbook who` for people. */
import type { Pipeline } from '../model/pipeline.js';
import type { Roster } from '../model/roster.js';
import type { WorkCalendar } from '../time/calendar.js';
import type { Schedule } from '../rotation/schedule.js';
import type { OnCall } from '../rotation/who.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { wrap } from './text.js';
import { formatLocal } from './time.js';
import { personBrief, personReach, teamReach } from './reach.js';
import { weekIndexAt } from '../rotation/weeks.js';

const LABEL = 13;

/** One line per pipeline: who is on call in words (without the pipeline's name). */
export function whoLines(
  onCall: readonly OnCall[],
  pipelines: readonly Pipeline[],
  schedule: Schedule,
  at: Date,
  /** Pipelines whose on-call is unknown (their team's roster entry has errors), with why. */
  unknown: ReadonlyMap<string, string> = new Map(),
  /** The quickest ways to reach each person only (phone, chat), for a line that must stay short. */
  brief = false,
): { pipeline: string; text: string }[] {
  const reach = brief ? personBrief : personReach;
  const zone = schedule.handover;
  if (at.getTime() < schedule.weeks[0]!.start.getTime()) {
    return [{ pipeline: '', text: `The rotation starts ${formatLocal(schedule.weeks[0]!.start, zone)}.` }];
  }
  return pipelines.map((pipeline) => {
    const entry = onCall.find((candidate) => candidate.pipeline === pipeline.id);
    const week = weekIndexAt(schedule.handover, at);
    const why = unknown.get(pipeline.id);
    if (why) return { pipeline: pipeline.id, text: `unknown: ${why}` };
    const gap = entry
      ? undefined
      : schedule.gaps.find((candidate) => candidate.pipeline === pipeline.id && candidate.week === week);
    if (gap) {
      return {
        pipeline: pipeline.id,
        text: `no one: this week cannot be staffed under the rotation rules: ${gap.message.replace(/^week of \S+ \([^)]*\): /, '')}`,
      };
    }
    if (!entry)
      return {
        pipeline: pipeline.id,
        text: `no shift this week (${pipeline.oncall.weeks === 'last-of-month' ? 'month-end weeks only' : 'not scheduled'})`,
      };
    const backup = entry.backup ? `, backed by ${reach(entry.backup)}` : '';
    // A shadow is named so nobody wonders who the extra person is, but is not someone to call.
    const shadow = entry.shadow ? `, with ${sanitizeLine(entry.shadow.name)} shadowing (not on call)` : '';
    const covering = entry.covering
      ? ` (covering for ${entry.covering.for}: ${sanitizeLine(entry.covering.reason)})`
      : '';
    return {
      pipeline: pipeline.id,
      text: `${reach(entry.primary)}${covering}${backup}${shadow}, until ${formatLocal(entry.until, zone)}`,
    };
  });
}

export function renderWho(
  onCall: readonly OnCall[],
  pipelines: readonly Pipeline[],
  schedule: Schedule,
  at: Date,
  style: Style,
  width: number,
  unknown: ReadonlyMap<string, string> = new Map(),
): string {
  const lines = whoLines(onCall, pipelines, schedule, at, unknown).flatMap(({ pipeline, text }) =>
    wrap(text, width, ' '.repeat(pipeline ? LABEL : 0), pipeline ? pipeline.padEnd(LABEL) : '').map((line) =>
      line.replace(pipeline, style.cyan(pipeline)),
    ),
  );
  return [style.dim(`On call at ${formatLocal(at, schedule.handover)}`), ...lines].join('\n');
}

/** `runbook who <pipeline>` for a pipeline handled in working hours, or with no on-call: whom to contact, and when. */
export function renderNoRotation(
  pipeline: Pipeline,
  roster: Roster | undefined,
  calendar: WorkCalendar,
  at: Date,
  hours: { now: boolean; next: Date },
  width: number,
): string {
  const contacts = ownerTeams(pipeline)
    .map((team) => teamReach(team, roster))
    .join(', then ');
  const lines =
    pipeline.oncall.mode === 'business-hours'
      ? [
          `${pipeline.id} has no on-call: it is handled in working hours, ${workweekWords(roster, calendar)}.`,
          hours.now
            ? `It is working hours now (${formatLocal(at, calendar)}): contact ${contacts}.`
            : `It is outside them now (${formatLocal(at, calendar)}); they begin again ${formatLocal(hours.next, calendar)}. Then contact ${contacts}.`,
        ]
      : [`${pipeline.id} has no on-call arrangement (oncall.mode: none): contact its owners, ${contacts}.`];
  return lines.flatMap((line) => wrap(line, width, '')).join('\n');
}

const ownerTeams = (pipeline: Pipeline): string[] => [...pipeline.owners.primary, ...(pipeline.owners.secondary ?? [])];

/** The owning teams, primary first, with their contact from the roster. */
export function ownerContacts(
  pipeline: Pipeline,
  roster: Roster | undefined,
): { team: string; contact: string | null; phone?: string; chat?: string }[] {
  return ownerTeams(pipeline).map((team) => {
    const known = roster?.teams.find((candidate) => candidate.name === team);
    return {
      team,
      contact: known?.contact ?? null,
      ...(known?.phone ? { phone: known.phone } : {}),
      ...(known?.chat ? { chat: known.chat } : {}),
    };
  });
}

/** "Mon–Fri 09:00–17:00 Europe/London" (or the days listed one by one when they do not run in a row). */
function workweekWords(roster: Roster | undefined, calendar: WorkCalendar): string {
  const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const days = [...calendar.workdays].sort((a, b) => a - b);
  const inARow = days.every((day, i) => i === 0 || day === days[i - 1]! + 1);
  const dayWords =
    inARow && days.length > 2 ? `${names[days[0]!]}–${names[days.at(-1)!]}` : days.map((day) => names[day]).join(', ');
  const hours = (roster?.workweek.hours ?? '09:00-17:00').replace('-', '–');
  return `${dayWords} ${hours} ${calendar.timeZone}`;
}
