/** `runbook show`: everything an engineer on call needs about one pipeline. */
import { type ZoneLike } from '../time/local.js';
import type { CommonIssue, Pipeline } from '../model/pipeline.js';
import type { Roster } from '../model/roster.js';
import { describeWritten } from '../model/duration.js';
import { describeRule } from '../sla/describe.js';
import type { Deadline } from '../sla/upcoming.js';
import { deadlineWords } from './time.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { wrap } from './text.js';
import { personReach, teamReach, type Reachable } from './reach.js';

export function showJson(pipeline: Pipeline, deadlines: readonly Deadline[]) {
  return {
    ...pipeline,
    aliases: pipeline.aliases ?? [],
    owners: { primary: pipeline.owners.primary, secondary: pipeline.owners.secondary ?? [] },
    deadlines,
  };
}

/** Who is on call now, in words, and their names for the escalation path. */
export interface OnCallNow {
  line: string;
  names?: OnCallNames;
  /** Someone is on call; nobody is (no shift this week, or before the rotation starts); or it is unknown. */
  state: 'on-call' | 'none' | 'unknown';
}

const NO_STEPS = 'No steps recorded yet: add `resolution` to this issue.';

/** Lines of a terminal page, wrapped to `width`: a heading, a paragraph, a bullet or numbered item. */
function page(style: Style, width: number, { compact = false } = {}) {
  const out: string[] = [];
  return {
    out,
    // A compact page (one issue, read at 3 a.m. on a small terminal) has no blank line before a heading.
    heading: (title: string): void => void out.push(...(compact ? [] : ['']), style.bold.underline(title)),
    para: (text: string, indent = '  '): void => void out.push(...wrap(sanitizeLine(text), width, indent)),
    bullet: (text: string, indent: string, mark = '- '): void =>
      void out.push(...wrap(sanitizeLine(text), width, indent + ' '.repeat(mark.length), indent + mark)),
  };
}

/** Who is on call now, when known: named in the escalation path. */
export interface OnCallNames {
  primary: Reachable;
  backup?: Reachable;
}

const person = personReach;

/** On-call engineer -> senior backup -> primary owners -> secondary owners; with names when `now` says who. */
export function escalationPath(
  pipeline: Pipeline,
  roster: Roster | undefined,
  onCall?: OnCallNow,
  /** Named people only, no team or empty backup (the issue page, which says who is on call at its top). */
  brief = false,
): string[] {
  const { oncall, owners } = pipeline;
  const steps: string[] = [];
  const now = onCall?.names;
  if (oncall.mode === 'rotation' && oncall.team && onCall && onCall.state !== 'on-call') {
    // Nobody to name: the way up starts with the owners.
    steps.push(
      onCall.state === 'none'
        ? 'On-call engineer: none now (no shift this week): raise it with the owners below'
        : 'On-call engineer: unknown (a file it depends on has errors): raise it with the owners below',
    );
  } else if (oncall.mode === 'rotation' && oncall.team) {
    const team = teamReach(oncall.team, roster);
    steps.push(
      now
        ? `On-call engineer: ${person(now.primary)}${brief ? '' : `, this week's primary from ${team}`}`
        : `On-call engineer: this week's primary from ${team}`,
    );
    if ((roster?.rotation?.pairing ?? 'junior-with-senior') !== 'off' && !(brief && now && !now.backup))
      steps.push(
        now?.backup
          ? `Senior backup: ${person(now.backup)}`
          : now
            ? 'Senior backup: none this week (the primary is a senior)'
            : 'Senior backup: the senior paired with a junior primary',
      );
  } else if (oncall.mode === 'business-hours') {
    steps.push('No on-call: raise it in working hours with the owners below');
  }
  steps.push(`Primary owners: ${owners.primary.map((team) => teamReach(team, roster)).join(', ')}`);
  if (owners.secondary?.length)
    steps.push(`Secondary owners: ${owners.secondary.map((team) => teamReach(team, roster)).join(', ')}`);
  return steps;
}

export function oncallSummary(pipeline: Pipeline, roster: Roster | undefined): string {
  const { oncall } = pipeline;
  if (oncall.mode === 'none') return 'No on-call arrangement.';
  if (oncall.mode === 'business-hours') return 'No on-call: handled in working hours.';
  const weeks =
    oncall.weeks === 'last-of-month' ? 'in the week holding the last working day of each month' : 'every week';
  const handover = roster?.rotation ? `, handover ${roster.rotation.handover} ${roster.timezone}` : '';
  return `Weekly shifts from ${sanitizeLine(oncall.team ?? '')}, ${weeks}${handover}.`;
}

export function renderShow(
  pipeline: Pipeline,
  roster: Roster | undefined,
  deadlines: readonly Deadline[],
  zone: ZoneLike,
  style: Style,
  width: number,
  onCallNow?: OnCallNow,
): string {
  const { out, heading, para, bullet } = page(style, width);

  const aliases = pipeline.aliases?.length ? style.dim(`  aka ${pipeline.aliases.map(sanitizeLine).join(', ')}`) : '';
  out.push(`${style.bold(sanitizeLine(pipeline.name))} ${style.cyan(`[${pipeline.id}]`)}${aliases}`);
  if (pipeline.description) out.push(...wrap(sanitizeLine(pipeline.description), width, ''));
  // Who to call comes first: the engineer paged at night looks for it before anything else.
  if (onCallNow)
    out.push('', ...wrap(`On call now: ${onCallNow.line}`, width, '  ', '').map((line) => style.bold(line)));

  heading('Owners');
  out.push(`  Primary    ${pipeline.owners.primary.map((team) => teamReach(team, roster)).join(', ')}`);
  if (pipeline.owners.secondary?.length)
    out.push(`  Secondary  ${pipeline.owners.secondary.map((team) => teamReach(team, roster)).join(', ')}`);

  heading('Escalation');
  escalationPath(pipeline, roster, onCallNow).forEach((step, index) => bullet(step, '  ', `${index + 1}. `));

  if (pipeline.links?.length) {
    heading('Links');
    for (const link of pipeline.links)
      out.push(...wrap(`${sanitizeLine(link.title)}: ${style.cyan(sanitizeLine(link.url))}`, width, '    ', '  → '));
  }

  heading(`Common issues (${pipeline.issues.length})`);
  if (pipeline.issues.length === 0) out.push('  None recorded.');
  pipeline.issues.forEach((issue, index) => {
    out.push('');
    const mark = `${index + 1}. `;
    out.push(
      ...wrap(`${sanitizeLine(issue.title)} [${issue.id}]`, width, '  ' + ' '.repeat(mark.length), `  ${mark}`).map(
        (line) => style.bold(line),
      ),
    );
    const inner = '  ' + ' '.repeat(mark.length);
    if (issue.symptoms?.length) {
      out.push(`${inner}${style.yellow('Symptoms')}`);
      for (const symptom of issue.symptoms) bullet(symptom, inner);
    }
    if (issue.cause) {
      out.push(`${inner}${style.yellow('Cause')}`);
      out.push(...wrap(sanitizeLine(issue.cause), width, inner + '  '));
    }
    out.push(`${inner}${style.yellow('Steps')}`);
    if (issue.resolution?.length) issue.resolution.forEach((step, n) => bullet(step, inner, `${n + 1}. `));
    else out.push(`${inner}  ${style.red(NO_STEPS)}`);
    for (const link of issue.links ?? [])
      out.push(
        ...wrap(
          `${sanitizeLine(link.title)}: ${style.cyan(sanitizeLine(link.url))}`,
          width,
          `${inner}    `,
          `${inner}  → `,
        ),
      );
    if (issue.escalate) out.push(`${inner}${style.yellow('Escalate to')} ${teamReach(issue.escalate, roster)}`);
  });

  heading('SLA');
  if (pipeline.sla.length === 0) out.push('  No SLA rules.');
  for (const rule of pipeline.sla) {
    out.push(`  ${style.cyan(rule.id)} ${style.dim(`(${rule.kind})`)}`);
    if (rule.description) para(rule.description, '    ');
    para(`Rule: ${describeRule(rule)}.`, '    ');
    const deadline = deadlines.find((entry) => entry.rule === rule.id);
    if (deadline?.due)
      out.push(...wrap(`Next: ${deadlineWords(deadline, zone)}`, width, '    ').map((line) => style.bold(line)));
  }

  heading('On call');
  para(oncallSummary(pipeline, roster));
  const meeting = pipeline.oncall['handover-meeting'];
  if (meeting)
    para(`Handover meeting: ${describeWritten(meeting)} between outgoing and incoming primary, ending at handover.`);
  if (pipeline.oncall.duties?.length) {
    out.push(`  ${style.yellow('Duties')}`);
    for (const duty of pipeline.oncall.duties) bullet(duty, '  ');
  }
  return out.join('\n');
}

/**
 * `runbook show <pipeline> <issue>`: what a paged engineer needs first, on one 80 × 24 screen: who is on call
 * (with phone and chat), the steps, the links they need, then symptoms and cause, then the way up in one
 * paragraph.
 */
export function renderIssue(
  pipeline: Pipeline,
  issue: CommonIssue,
  roster: Roster | undefined,
  style: Style,
  width: number,
  onCallNow?: OnCallNow,
): string {
  const { out, heading, bullet } = page(style, width, { compact: true });
  out.push(...wrap(`${sanitizeLine(issue.title)} [${issue.id}]`, width, '').map((line) => style.bold(line)));
  const about = `${sanitizeLine(pipeline.name)} [${pipeline.id}]`;
  out.push(
    ...(onCallNow
      ? wrap(`${about}, on call now: ${onCallNow.line}`, width, '  ', '').map((line, i) =>
          i === 0 ? line.replace(about, style.dim(about)) : line,
        )
      : [style.dim(about)]),
  );
  heading('Steps');
  if (issue.resolution?.length) issue.resolution.forEach((step, n) => bullet(step, '  ', `${n + 1}. `));
  else out.push(`  ${style.red(NO_STEPS)}`);
  // The dashboards and logs the steps speak of (the pipeline's own are on its page).
  for (const link of issue.links ?? [])
    out.push(...wrap(`${sanitizeLine(link.title)}: ${style.cyan(sanitizeLine(link.url))}`, width, '    ', '  → '));
  if (issue.symptoms?.length) {
    heading('Symptoms');
    for (const symptom of issue.symptoms) bullet(symptom, '  ');
  }
  if (issue.cause) out.push(...wrap(`${style.bold('Cause')}: ${sanitizeLine(issue.cause)}`, width, '  ', ''));
  out.push(...wrap(`${style.bold('Who to call')}: ${whoToCall(pipeline, issue, roster, onCallNow)}`, width, '  ', ''));
  return out.join('\n');
}

/** The way up in one paragraph: this issue's team, the people on call, the primary owners, the secondary ones. */
function whoToCall(pipeline: Pipeline, issue: CommonIssue, roster: Roster | undefined, onCallNow?: OnCallNow): string {
  const steps: string[] = [];
  if (issue.escalate && !pipeline.owners.primary.includes(issue.escalate))
    steps.push(`${teamReach(issue.escalate, roster)} for this issue`);
  const names = onCallNow?.state === 'on-call' ? onCallNow.names : undefined;
  if (names) {
    // Their phone and chat are in the line above.
    steps.push(`${sanitizeLine(names.primary.name)} (on call)`);
    if (names.backup) steps.push(`${sanitizeLine(names.backup.name)} (backup)`);
  } else if (pipeline.oncall.mode === 'rotation' && onCallNow?.state !== undefined)
    steps.push(onCallNow.state === 'none' ? 'no one on call this week' : 'on-call unknown');
  steps.push(pipeline.owners.primary.map((team) => teamReach(team, roster)).join(', '));
  if (pipeline.owners.secondary?.length)
    steps.push(pipeline.owners.secondary.map((team) => teamReach(team, roster)).join(', '));
  return steps.join(' → ');
}
