/**
 * The exact oracle for the planner: the same rotation written as an integer program and solved by HiGHS.
 * It knows the whole horizon at once, so it finds the best spreads any plan can reach under the hard rules,
 * and the fewest changes any plan of a given fairness needs after an edit.
 */
import type { LegacyHighs } from 'highs';
import type { Pipeline } from '../../src/model/pipeline.js';
import type { Roster } from '../../src/model/roster.js';
import { holidayCounter, unavailability } from '../../src/rotation/people.js';
import { rotationPipelines, type Schedule } from '../../src/rotation/schedule.js';
import { buildWeek, handoverOf, type Week } from '../../src/rotation/weeks.js';
import { rosterCalendar } from '../../src/time/calendar.js';
import { holidays } from './rotation.js';

let solver: Promise<LegacyHighs> | undefined;
const highs = () =>
  (solver ??= import('highs').then(({ default: load }) => (load as unknown as () => Promise<LegacyHighs>)()));

/** What the fairness goals measure, summed over teams; lower is better, compared in this order. */
export interface Quality {
  /** Pipeline-weeks no one takes. */
  uncovered: number;
  primarySpread: number;
  holidaySpread: number;
  backupSpread: number;
  backToBack: number;
}

export const QUALITY_ORDER: (keyof Quality)[] = [
  'uncovered',
  'primarySpread',
  'holidaySpread',
  'backupSpread',
  'backToBack',
];

interface Slot {
  pipeline: string;
  week: number;
  /** Members who can be primary this week. */
  primaries: string[];
  /** Seniors who can back a junior primary up (empty without pairing). */
  backups: string[];
  team: string;
}

/** The problem as both the planner and the oracle see it: who is free when, and whose holiday week it is. */
export interface Problem {
  slots: Slot[];
  weeks: Week[];
  people: string[];
  /** Members available every week, per team: the people the spreads are taken over. */
  steady: Map<string, string[]>;
  seniors: Set<string>;
  pairing: boolean;
  holidayWeek: (person: string, week: number) => boolean;
}

export function problemOf(r: Roster, pipelines: Pipeline[], weekCount: number): Problem {
  const calendar = rosterCalendar(r, holidays);
  const handover = handoverOf(r);
  const weeks = Array.from({ length: weekCount }, (_, i) => buildWeek(handover, calendar, i));
  const people = new Map(r.people.map((p) => [p.id, p]));
  const count = holidayCounter(r, calendar, holidays);
  const free = (id: string, week: Week) => unavailability(people.get(id)!, week) === undefined;
  const seniors = new Set(r.people.filter((p) => p.level === 'senior').map((p) => p.id));
  const pairing = r.rotation!.pairing !== 'off';
  const slots: Slot[] = [];
  for (const pipeline of rotationPipelines(pipelines)) {
    const team = r.teams.find((t) => t.name === pipeline.oncall.team)!;
    for (const week of weeks) {
      if (pipeline.oncall.weeks === 'last-of-month' && !week.monthEnd) continue;
      const primaries = team.members.filter((id) => free(id, week));
      slots.push({
        pipeline: pipeline.id,
        week: week.index,
        primaries,
        backups: pairing ? primaries.filter((id) => seniors.has(id)) : [],
        team: team.name,
      });
    }
  }
  const teams = [...new Set(slots.map((slot) => slot.team))];
  // A member of two teams in the rotation serves each only part of the time: measured against their fair share
  // (the fairness report's deviation), never in a team's spread, as the report counts them.
  const serving = (id: string) => teams.filter((name) => r.teams.find((t) => t.name === name)!.members.includes(id));
  const steady = new Map(
    teams.map((name) => [
      name,
      r.teams
        .find((t) => t.name === name)!
        .members.filter((id) => serving(id).length === 1 && weeks.every((week) => free(id, week))),
    ]),
  );
  const holidayWeeks = new Map(
    r.people.map((p) => [p.id, weeks.map((week) => count(p, week.days) > 0)] as [string, boolean[]]),
  );
  return {
    slots,
    weeks,
    people: r.people.map((p) => p.id),
    steady,
    seniors,
    pairing,
    holidayWeek: (id, week) => holidayWeeks.get(id)![week]!,
  };
}

/** The quality of a schedule by the oracle's own reckoning (not the planner's report). */
export function qualityOf(problem: Problem, schedule: Schedule): Quality {
  const quality: Quality = {
    uncovered: problem.slots.length - schedule.shifts.filter((shift) => shift.role === 'primary').length,
    primarySpread: 0,
    holidaySpread: 0,
    backupSpread: 0,
    backToBack: 0,
  };
  const spread = (values: number[]) => (values.length ? Math.max(...values) - Math.min(...values) : 0);
  for (const [team, steady] of problem.steady) {
    const own = schedule.shifts.filter((shift) => shift.team === team);
    const primaries = (id: string) => own.filter((s) => s.person === id && s.role === 'primary');
    quality.primarySpread += spread(steady.map((id) => primaries(id).length));
    quality.holidaySpread += spread(
      steady.map((id) => primaries(id).filter((s) => problem.holidayWeek(id, s.week)).length),
    );
    quality.backupSpread += spread(
      steady
        .filter((id) => problem.seniors.has(id))
        .map((id) => own.filter((s) => s.person === id && s.role === 'backup').length),
    );
  }
  const on = new Set(schedule.shifts.map((shift) => `${shift.person}@${shift.week}`));
  for (const id of problem.people)
    for (const week of problem.weeks)
      if (on.has(`${id}@${week.index}`) && on.has(`${id}@${week.index - 1}`)) quality.backToBack++;
  return quality;
}

/** Assignments of a schedule, keyed "pipeline@week/role" → person, for counting changes. */
export function assignments(schedule: Schedule): Map<string, string> {
  return new Map(schedule.shifts.map((shift) => [`${shift.pipeline}@${shift.week}/${shift.role}`, shift.person]));
}

interface Model {
  lines: string[];
  binaries: string[];
  /** Linear expressions of the goals, in LP syntax. */
  goals: Record<keyof Quality, string>;
  /** The variable of an assignment, by "pipeline@week/role/person". */
  variable: Map<string, string>;
}

function model(problem: Problem): Model {
  const lines: string[] = [];
  const binaries: string[] = [];
  const variable = new Map<string, string>();
  const onCall = new Map<string, string[]>();
  const roles: { name: string; person: string; week: number; team: string; role: 'primary' | 'backup' }[] = [];
  const add = (key: string, person: string, week: number) => {
    const name = `v${variable.size}`;
    variable.set(key, name);
    const [, role] = key.split('/') as [string, 'primary' | 'backup'];
    const team = problem.slots.find((slot) => key.startsWith(`${slot.pipeline}@${slot.week}/`))!.team;
    roles.push({ name, person, week, team, role });
    binaries.push(name);
    const at = `${person}@${week}`;
    onCall.set(at, [...(onCall.get(at) ?? []), name]);
    return name;
  };
  const counts = new Map<string, string[]>();
  const covered: string[] = [];
  const count = (key: string, name: string) => counts.set(key, [...(counts.get(key) ?? []), name]);
  problem.slots.forEach((slot, s) => {
    const primary = slot.primaries.map((id) => {
      const name = add(`${slot.pipeline}@${slot.week}/primary/${id}`, id, slot.week);
      count(`primary/${slot.team}/${id}`, name);
      if (problem.holidayWeek(id, slot.week)) count(`holiday/${slot.team}/${id}`, name);
      return { id, name };
    });
    lines.push(` one${s}: ${primary.map((v) => v.name).join(' + ') || '0 x0'} <= 1`);
    covered.push(...primary.map((v) => v.name));
    if (!problem.pairing) return;
    // Pairing: a senior backup exactly when the primary is a junior (none free: no junior primary).
    const juniors = primary.filter((v) => !problem.seniors.has(v.id)).map((v) => ` - ${v.name}`);
    const backup = slot.backups.map((id) => {
      const name = add(`${slot.pipeline}@${slot.week}/backup/${id}`, id, slot.week);
      count(`backup/${slot.team}/${id}`, name);
      return name;
    });
    if (juniors.length) lines.push(` pair${s}: ${backup.join(' + ') || '0 x0'}${juniors.join('')} = 0`);
    else if (backup.length) lines.push(` pair${s}: ${backup.join(' + ')} = 0`);
  });
  let c = 0;
  // The hard rule: nobody on call two weeks running while a teammate who can take the role, was not on call
  // last week and holds nothing this week is free.
  const sum = (names: string[] | undefined) => (names ?? []).map((n) => ` - ${n}`).join('');
  const held = new Map<string, { names: string[]; person: string; week: number; team: string; role: string }>();
  for (const { name, person, week, team, role } of roles) {
    const key = `${person}@${week}/${team}/${role}`;
    const entry = held.get(key) ?? { names: [], person, week, team, role };
    entry.names.push(name);
    held.set(key, entry);
  }
  const busy = (id: string, week: number) =>
    `${sum(onCall.get(`${id}@${week - 1}`))}${sum(onCall.get(`${id}@${week}`))}`;
  for (const { names, person, week, team, role } of held.values()) {
    const last = onCall.get(`${person}@${week - 1}`);
    if (!last) continue;
    const free = problem.slots.find((slot) => slot.team === team && slot.week === week)!.primaries;
    const mine = `${names.join(' + ')} + ${last.join(' + ')}`;
    for (const other of free) {
      if (other === person || (role === 'backup' && !problem.seniors.has(other))) continue;
      if (role === 'backup' || !problem.pairing || problem.seniors.has(other)) {
        lines.push(` rule${c++}: ${mine}${busy(other, week)} <= 1`);
        continue;
      }
      // A junior could take the primary shift instead only beside a senior who was not on call either.
      for (const senior of free.filter((id) => problem.seniors.has(id) && id !== person))
        lines.push(` rule${c++}: ${mine}${busy(other, week)}${busy(senior, week)} <= 1`);
    }
  }
  // One shift a week each; back-to-back weeks counted.
  const b2b: string[] = [];
  for (const [at, names] of onCall) {
    if (names.length > 1) lines.push(` week${c++}: ${names.join(' + ')} <= 1`);
    const [id, week] = at.split('@') as [string, string];
    const before = onCall.get(`${id}@${Number(week) - 1}`);
    if (before) {
      const z = `z${b2b.length}`;
      b2b.push(z);
      lines.push(` b2b${c++}: ${[...names, ...before].join(' + ')} - ${z} <= 1`);
    }
  }
  // Spreads: hi - lo over the members available all along.
  const goals: Record<keyof Quality, string[]> = {
    uncovered: covered.map((name) => `-${name}`),
    primarySpread: [],
    holidaySpread: [],
    backupSpread: [],
    backToBack: b2b,
  };
  let t = 0;
  for (const [team, steady] of problem.steady) {
    for (const [kind, goal, who] of [
      ['primary', 'primarySpread', steady],
      ['holiday', 'holidaySpread', steady],
      ['backup', 'backupSpread', steady.filter((id) => problem.seniors.has(id))],
    ] as const) {
      if (who.length < 2) continue;
      const [hi, lo] = [`hi${t}`, `lo${t++}`];
      for (const id of who) {
        const terms = counts.get(`${kind}/${team}/${id}`) ?? [];
        const sum = terms.map((name) => ` - ${name}`).join('');
        lines.push(` h${c++}: ${hi}${sum} >= 0`, ` l${c++}: ${lo}${sum} <= 0`);
      }
      goals[goal].push(hi, `-${lo}`);
    }
  }
  const expression = (terms: string[]) =>
    terms.length
      ? terms.map((term, i) => (term.startsWith('-') ? ` - ${term.slice(1)}` : `${i ? ' + ' : ''}${term}`)).join('')
      : '0 x0';
  return {
    lines,
    binaries: [...binaries, ...b2b],
    goals: {
      uncovered: `0 x0${expression(goals.uncovered)}`,
      primarySpread: expression(goals.primarySpread),
      holidaySpread: expression(goals.holidaySpread),
      backupSpread: expression(goals.backupSpread),
      backToBack: expression(goals.backToBack),
    },
    variable,
  };
}

const SOLVE_NODES = 2000;

async function solve(
  m: Model,
  objective: string,
  extra: string[],
): Promise<{ value: number; columns: Record<string, number> } | undefined> {
  const text = [
    'Minimize',
    ` obj: ${objective}`,
    'Subject To',
    ...m.lines,
    ...extra,
    ' fix: x0 = 0',
    'Binary',
    ...m.binaries.map((name) => ` ${name}`),
    'End',
  ].join('\n');
  // A roster the solver cannot finish within its node budget (work, not seconds: the same on any machine) is not
  // "small enough to solve exactly" and is left out.
  const result = (await highs()).solve(text, { mip_max_nodes: SOLVE_NODES, mip_rel_gap: 0 });
  if (result.Status !== 'Optimal') return undefined;
  const columns: Record<string, number> = {};
  for (const [name, column] of Object.entries(result.Columns))
    columns[name] = Math.round((column as { Primal?: number }).Primal ?? 0);
  return { value: Math.round(result.ObjectiveValue), columns };
}

/**
 * The best quality any plan reaches, goal by goal in QUALITY_ORDER (each the least possible given the ones
 * before it), or undefined when a slot cannot be covered at all.
 */
export async function bestQuality(problem: Problem): Promise<Quality | undefined> {
  const m = model(problem);
  // Coverage first, on its own: usually every slot can be covered, which a constraint says faster.
  const all = ` all: ${m.goals.uncovered} <= ${-problem.slots.length}`;
  let coverage = [all];
  if (!(await solve(m, '0 x0', coverage))) {
    const covered = await solve(m, m.goals.uncovered, []);
    if (!covered) return undefined;
    coverage = [` all: ${m.goals.uncovered} <= ${covered.value}`];
  }
  // Then one solve: weights far enough apart that a unit of a goal outweighs every later goal at its worst,
  // and small enough to stay well inside the solver's tolerances.
  const most = problem.people.length * problem.weeks.length + 1;
  const weights = { backToBack: 1, backupSpread: most, holidaySpread: most * most, primarySpread: most * most * most };
  const objective = (['primarySpread', 'holidaySpread', 'backupSpread', 'backToBack'] as const)
    .map((goal) => scaled(m.goals[goal], weights[goal]))
    .join(' ');
  const solved = await solve(m, objective.replace(/^\+ /, ''), coverage);
  if (!solved) return undefined;
  const best = {} as Quality;
  for (const goal of QUALITY_ORDER) best[goal] = valueOf(m.goals[goal], solved.columns);
  best.uncovered += problem.slots.length;
  return best;
}

/** An LP expression ("a + b - c") times a weight, as "+ w a + w b - w c". */
function scaled(expression: string, weight: number): string {
  return expression
    .replace(/^\s*/, '+ ')
    .replace(
      /([+-]) (\d+ )?([a-z]\w*)/g,
      (_, sign: string, factor: string | undefined, name: string) => `${sign} ${weight * Number(factor ?? 1)} ${name}`,
    );
}

function valueOf(expression: string, columns: Record<string, number>): number {
  let total = 0;
  for (const [, sign, factor, name] of `+ ${expression.trim()}`.matchAll(/([+-]) (\d+ )?([a-z]\w*)/g))
    total += (sign === '-' ? -1 : 1) * Number(factor ?? 1) * (columns[name!] ?? 0);
  return total;
}

/**
 * The fewest assignments (primary or backup, pipeline-week) that differ from `before`, over plans that keep
 * every assignment before week `k` and are at least as fair as `quality` goal by goal.
 */
export async function fewestChanges(
  problem: Problem,
  before: Map<string, string>,
  k: number,
  quality: Quality,
): Promise<number | undefined> {
  const m = model(problem);
  const bound = (goal: keyof Quality) => (goal === 'uncovered' ? quality[goal] - problem.slots.length : quality[goal]);
  const extra = QUALITY_ORDER.map((goal) => ` at_most_${goal}: ${m.goals[goal]} <= ${bound(goal)}`);
  // Changes: every slot-role from week k on whose person differs from before (a missing one counts as one).
  const kept: string[] = [];
  let changesConstant = 0;
  for (const slot of problem.slots) {
    for (const role of ['primary', 'backup'] as const) {
      const key = `${slot.pipeline}@${slot.week}/${role}`;
      const person = before.get(key);
      const name = person ? m.variable.get(`${key}/${person}`) : undefined;
      if (slot.week < k) {
        if (person && !name) return undefined;
        if (name) extra.push(` keep_${name}: ${name} = 1`);
        continue;
      }
      if (!person) continue;
      if (name) kept.push(name);
      changesConstant++;
    }
  }
  // changes = (assignments from k before) - (those kept) + (new backups where none was); the last part is
  // counted by every backup variable of a slot-role that had none before.
  const newBackups: string[] = [];
  for (const slot of problem.slots) {
    if (slot.week < k || before.has(`${slot.pipeline}@${slot.week}/backup`)) continue;
    for (const id of slot.backups) newBackups.push(m.variable.get(`${slot.pipeline}@${slot.week}/backup/${id}`)!);
  }
  const objective =
    [...newBackups.map((n, i) => `${i ? ' + ' : ''}${n}`), ...kept.map((n) => ` - ${n}`)].join('') || '0 x0';
  const solved = await solve(m, objective.startsWith(' - ') ? `0 x0${objective}` : objective, extra);
  return solved && solved.value + changesConstant;
}
