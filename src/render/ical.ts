/** The rotation as an iCalendar feed (RFC 5545) that calendar clients subscribe to. */
import { ICalCalendar, ICalCalendarMethod } from 'ical-generator';
import type { Pipeline } from '../model/pipeline.js';
import type { Person, Roster } from '../model/roster.js';
import type { Meeting, Role, Shift } from '../rotation/schedule.js';
import {
  cancelledMeetings,
  cancelledParts,
  meetingUid,
  sequenceOf,
  shiftUid,
  type Comparison,
} from '../rotation/published.js';
import { escalationPath } from './show.js';
import { durationMs } from '../model/duration.js';
import { personReach } from './reach.js';
import { sanitize, sanitizeLine } from '../util/sanitize.js';

export interface CalendarInput {
  shifts: readonly Shift[];
  meetings: readonly Meeting[];
  pipelines: readonly Pipeline[];
  roster: Roster;
  /** DTSTAMP of every event: SOURCE_DATE_EPOCH when set, so the output is byte-identical across runs. */
  stamp: Date;
  /** One person's calendar. */
  person?: Person;
  /** The shifts and meetings shown, against what was published: SEQUENCE, and published events that no longer exist. */
  published?: Comparison;
  /** Event titles that are the holder's user name in a paging tool (`handles`), for a tool that imports the feed. */
  titles?: keyof NonNullable<Person['handles']>;
}

/** What every event of a pipeline says after its first line: the way up, the common issues, the duties. */
function aboutPipeline(pipeline: Pipeline, roster: Roster): string {
  const lines = ['', 'Escalation:'];
  escalationPath(pipeline, roster).forEach((step, index) => lines.push(`${index + 1}. ${step}`));
  if (pipeline.issues.length) {
    lines.push('', 'Common issues:');
    for (const issue of pipeline.issues) lines.push(`- ${sanitizeLine(issue.title)}`);
  }
  if (pipeline.links?.length) {
    lines.push('', 'Links:');
    for (const link of pipeline.links) lines.push(`- ${sanitizeLine(link.title)}: ${sanitizeLine(link.url)}`);
  }
  if (pipeline.oncall.duties?.length) {
    lines.push('', 'Duties:');
    for (const duty of pipeline.oncall.duties) lines.push(`- ${sanitizeLine(duty)}`);
  }
  lines.push('', `runbook show ${pipeline.id} gives the steps for each issue.`);
  return sanitize(lines.join('\n'));
}

/** What an event calls its shift: a shadow stands beside the primary and is not on call. */
const shiftWords = (role: Role): string =>
  role === 'shadow' ? 'shadow shift (not on call: with the primary, to learn the pipeline)' : `${role} on-call shift`;

/** A shift event's title after the pipeline's name: a shadow is not on call. */
const roleWords = (role: Role): string => (role === 'shadow' ? ', shadow' : ` on call, ${role}`);

/** How an event names the holder of another role of its pipeline and week. */
const PARTNER_WORDS: Record<Role, Partial<Record<Role, string>>> = {
  primary: { backup: 'backed by' },
  backup: { primary: 'backing' },
  shadow: { primary: 'shadowing' },
};

/**
 * What a person's calendar is made from: the pipeline-weeks they hold or once held, with the roles beside theirs
 * (their partners, the SEQUENCE). The rest of the schedule says nothing to them, and skipping it keeps a calendar
 * per person cheap on a large roster.
 */
function ownWeeks(id: string, shifts: readonly Shift[], published: Comparison) {
  const weeks = new Set<string>();
  for (const shift of shifts) if (shift.person === id) weeks.add(`${shift.pipeline}\0${shift.week}`);
  for (const entry of published.shifts)
    if ([...entry.published, ...entry.retired, ...entry.current].some((part) => part.person === id))
      weeks.add(`${entry.pipeline}\0${entry.week}`);
  const mine = (entry: { pipeline: string; week: number }) => weeks.has(`${entry.pipeline}\0${entry.week}`);
  return { shifts: shifts.filter(mine), published: { ...published, shifts: published.shifts.filter(mine) } };
}

export function renderCalendar({
  shifts: given,
  meetings,
  pipelines,
  roster,
  stamp,
  person,
  published: comparison = { shifts: [], meetings: [] },
  titles,
}: CalendarInput): string {
  const { shifts, published } = person
    ? ownWeeks(person.id, given, comparison)
    : { shifts: given, published: comparison };
  const people = new Map(roster.people.map((entry) => [entry.id, entry]));
  const days = new Intl.DateTimeFormat('en-CA', { timeZone: roster.timezone });
  const dayOf = (at: Date) => days.format(at);
  const pipelineOf = new Map(pipelines.map((entry) => [entry.id, entry]));
  // Every event of a pipeline ends the same way: written (and escaped) once.
  const about = new Map<string, string>();
  const describe = (pipeline: Pipeline, role: string, reach: readonly string[] = []): string => {
    let tail = about.get(pipeline.id);
    if (tail === undefined) about.set(pipeline.id, (tail = text(aboutPipeline(pipeline, roster))));
    // How to reach the people of the shift, phone and chat first (what works at night).
    const contacts = reach.map((id) => `\n${personReach(people.get(id)!)}`).join('');
    return `${text(sanitize(`${sanitizeLine(pipeline.name)}: ${role}.${contacts}`))}\\n${tail}`;
  };
  const name = person
    ? `On call: ${sanitizeLine(person.name)}`
    : `On call: ${[...new Set(shifts.map((shift) => pipelineOf.get(shift.pipeline)!.name))].map(sanitizeLine).join(', ')}`;
  const calendar = new ICalCalendar({
    name: text(name),
    prodId: { company: 'runbook', product: 'runbook', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 6 * 3600,
  });
  // Parameter values (CN) may hold neither line breaks nor double quotes.
  const attendee = (id: string) => {
    const entry = people.get(id)!;
    return { email: entry.email, name: sanitizeLine(entry.name).replace(/"/g, "'") };
  };
  // Text values are escaped when the event is written: names keep their commas, semicolons and line breaks.
  const nameOf = (id: string): string => sanitize(people.get(id)!.name);
  const events: EventData[] = [];
  const byWeek = new Map<string, Shift[]>();
  for (const shift of shifts) {
    const key = `${shift.pipeline}\0${shift.week}`;
    byWeek.set(key, [...(byWeek.get(key) ?? []), shift]);
  }
  /**
   * The roles an event names beside its own: the primary's backup, the others' primary. A primary's event does
   * not name a shadow, so a joiner placed beside a published week changes nothing in the primary's calendar.
   */
  const partnerRoles = (role: Role): Role[] => (role === 'primary' ? ['backup'] : ['primary']);
  /** Who holds `role` of the pipeline while this part lasts, in turn (overrides may split it). */
  const holdersBeside = (shift: Shift, role: Role): string[] =>
    (byWeek.get(`${shift.pipeline}\0${shift.week}`) ?? [])
      .filter((other) => other.role === role && other.start < shift.end && other.end > shift.start)
      .sort((x, y) => x.start.getTime() - y.start.getTime())
      .map((other) => other.person)
      .filter((id, i, all) => id !== all[i - 1]);
  const partnerIds = (shift: Shift): string[] => partnerRoles(shift.role).flatMap((role) => holdersBeside(shift, role));
  const compared = new Map(published.shifts.map((entry) => [`${entry.pipeline}\0${entry.week}\0${entry.role}`, entry]));
  // A shift's event names the holders of the roles beside it (backed by, backing, shadowing): it changes when
  // any of them does.
  const sequence = (pipeline: string, week: number, role: Role): number =>
    [role, ...partnerRoles(role)].reduce((sum, each) => {
      const entry = compared.get(`${pipeline}\0${week}\0${each}`);
      return sum + (entry ? sequenceOf(entry) : 0);
    }, 0);
  const comparedMeetings = new Map(published.meetings.map((entry) => [`${entry.pipeline}\0${entry.week}`, entry]));
  // Every event live in this calendar, by id, with whose it is.
  const live = new Map(shifts.map((shift) => [shiftUid(shift), shift.person]));
  for (const shift of shifts) {
    if (person && shift.person !== person.id) continue;
    const pipeline = pipelineOf.get(shift.pipeline)!;
    const named = (role: Role) => holdersBeside(shift, role).map(nameOf).join(', then ');
    const beside = partnerRoles(shift.role)
      .filter((role) => named(role))
      .map((role) => `${PARTNER_WORDS[shift.role][role] ?? role} ${named(role)}`);
    const pairing = beside.length ? ` (${beside.join('; ')})` : '';
    // Whose the time was: the person an override covers for, else the holder it was published with. In a
    // person's own calendar that is said as a move to them; elsewhere as a cover.
    const from =
      shift.override?.covers ??
      (person
        ? compared
            .get(`${shift.pipeline}\0${shift.week}\0${shift.role}`)
            ?.published.find((part) => part.start < shift.end && part.end > shift.start && part.person !== shift.person)
            ?.person
        : undefined);
    const whose = from === undefined ? '' : people.has(from) ? nameOf(from) : from;
    const why = shift.override
      ? sanitize(shift.override.reason)
      : 'the rotation changed after it was published (runbook rotate --diff says why)';
    const cover =
      from === undefined || from === shift.person
        ? ''
        : person
          ? `. Moved from ${whose} to you on ${dayOf(shift.start)}: ${why}`
          : `, covering for ${whose}: ${why}`;
    events.push({
      id: shiftUid(shift),
      sequence: sequence(shift.pipeline, shift.week, shift.role),
      stamp,
      start: shift.start,
      end: shift.end,
      summary: titles
        ? sanitizeLine(people.get(shift.person)!.handles![titles]!)
        : `${sanitize(pipeline.name)}${roleWords(shift.role)}: ${nameOf(shift.person)}${pairing}`,
      description: describe(pipeline, `${shiftWords(shift.role)} of ${nameOf(shift.person)}${pairing}${cover}`, [
        shift.person,
        ...partnerIds(shift),
      ]),
      transparency: 'TRANSPARENT',
      attendees: [attendee(shift.person)],
      x: runbookProperties(shift.pipeline, shift.role, shift.person),
    });
  }
  // Published events that are no longer (in this calendar): cancelled, so a client that re-imports drops them.
  for (const { part, week } of cancelledParts(published, person?.id)) {
    const pipeline = pipelineOf.get(part.pipeline);
    const holder = people.has(part.person) ? nameOf(part.person) : part.person;
    const moved = person && live.has(part.uid) ? ', and is no longer yours' : '';
    events.push({
      id: part.uid,
      // As high as the live event of the same id (in other calendars), and rising with it.
      sequence: sequence(part.pipeline, week, part.role),
      stamp,
      start: part.start,
      end: part.end,
      status: 'CANCELLED',
      summary: `Cancelled: ${sanitize(pipeline?.name ?? part.pipeline)}${roleWords(part.role)}: ${holder}`,
      description: text(
        `This ${part.role} shift of ${holder} was published and no longer exists${moved}: runbook rotate --diff says why.`,
      ),
      transparency: 'TRANSPARENT',
      attendees: [],
      x: runbookProperties(part.pipeline, part.role, part.person),
    });
  }
  for (const { meeting, sequence: seq } of cancelledMeetings(published, person?.id)) {
    const pipeline = pipelineOf.get(meeting.pipeline);
    const [outgoing, incoming] = meeting.attendees.map((id) => (people.has(id) ? nameOf(id) : id));
    events.push({
      id: meetingUid(meeting.pipeline, meeting.day),
      sequence: seq,
      stamp,
      start: meeting.start,
      end: meeting.end,
      status: 'CANCELLED',
      summary: `Cancelled: ${sanitize(pipeline?.name ?? meeting.pipeline)} handover: ${outgoing} to ${incoming}`,
      description: text(
        person
          ? 'This handover meeting was published with you and no longer has you: runbook rotate --diff says why.'
          : 'This handover meeting was published and no longer happens: runbook rotate --diff says why.',
      ),
      transparency: 'OPAQUE',
      attendees: [],
      x: runbookProperties(meeting.pipeline, 'handover', meeting.attendees[1]!),
    });
  }
  for (const meeting of meetings) {
    if (person && !meeting.attendees.includes(person.id)) continue;
    const pipeline = pipelineOf.get(meeting.pipeline)!;
    const [outgoing, incoming] = meeting.attendees.map(nameOf);
    const comparedMeeting = comparedMeetings.get(`${meeting.pipeline}\0${meeting.week}`);
    events.push({
      id: meetingUid(meeting.pipeline, meeting.handoverDay),
      sequence: comparedMeeting ? sequenceOf(comparedMeeting) : 0,
      stamp,
      start: meeting.start,
      end: meeting.end,
      summary: `${sanitize(pipeline.name)} handover: ${outgoing} to ${incoming}`,
      description: describe(
        pipeline,
        `knowledge-transfer meeting from ${outgoing} (outgoing primary) to ${incoming} (incoming primary)`,
      ),
      transparency: 'OPAQUE',
      attendees: meeting.attendees.map(attendee),
      x: runbookProperties(meeting.pipeline, 'handover', meeting.attendees[1]),
    });
  }
  // ical-generator writes the calendar's own lines; the events are ours, in the same form (its per-event
  // objects cost a third of a year's calendar), and so is the folding (its own encodes every character apart).
  const head = calendar.toString().replace(/END:VCALENDAR$/, '');
  // A person's own calendar reminds them before each live event of theirs (docs/rotations.md, "Reminders").
  const alarms = person ? (roster.reminders ?? []).map((lead) => triggerBefore(durationMs(lead))) : [];
  const body = events.map((event) => eventText(event, event.status ? [] : alarms)).join('');
  return `${head}${body}END:VCALENDAR\r\n`;
}

/** What scripts read from an event (docs/rotations.md): X-RUNBOOK-PIPELINE, -ROLE and -PERSON. */
const runbookProperties = (pipeline: string, role: string, person: string): [string, string][] => [
  ['X-RUNBOOK-PIPELINE', pipeline],
  ['X-RUNBOOK-ROLE', role],
  ['X-RUNBOOK-PERSON', person],
];

/** One event as the calendar holds it. */
interface EventData {
  id: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  status?: 'CANCELLED';
  summary: string;
  /** Already escaped as TEXT (most of it is the same for every event of a pipeline, and escaped once). */
  description: string;
  transparency: 'TRANSPARENT' | 'OPAQUE';
  attendees: { email: string; name: string }[];
  x: [string, string][];
}

/** RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as \n. */
const text = (value: string): string => value.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');
/** A quoted parameter value (CN): backslash and double quote escaped. */
const quoted = (value: string): string =>
  value.replace(/[\\"]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');
/** A UTC date-time: 20261130T100000Z. */
const utc = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** A VALARM trigger `ms` before the event's start: -P1D, -PT1H, -PT1H30M. */
function triggerBefore(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes > 0 && minutes % 1440 === 0) return `-P${minutes / 1440}D`;
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  return `-PT${hours ? `${hours}H` : ''}${rest || !hours ? `${rest}M` : ''}`;
}

/** An event's unfolded lines, property by property in the order calendar clients expect (as ical-generator writes them). */
function eventText(event: EventData, alarms: readonly string[] = []): string {
  let lines =
    `BEGIN:VEVENT\r\n${foldLine(`UID:${event.id}`)}SEQUENCE:${event.sequence}\r\nDTSTAMP:${utc(event.stamp)}\r\n` +
    `DTSTART:${utc(event.start)}\r\nDTEND:${utc(event.end)}\r\n${foldLine(`SUMMARY:${text(event.summary)}`)}` +
    `TRANSP:${event.transparency}\r\n${foldLine(`DESCRIPTION:${event.description}`)}`;
  for (const attendee of event.attendees)
    lines += foldLine(`ATTENDEE;ROLE=REQ-PARTICIPANT;CN="${quoted(attendee.name)}":MAILTO:${text(attendee.email)}`);
  if (event.status) lines += `STATUS:${event.status}\r\n`;
  for (const [key, value] of event.x) lines += foldLine(`${key}:${text(value)}`);
  for (const trigger of alarms)
    lines += `BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:${trigger}\r\n${foldLine(`DESCRIPTION:${text(event.summary)}`)}END:VALARM\r\n`;
  return `${lines}END:VEVENT\r\n`;
}

/** RFC 5545 3.1: lines longer than 75 octets continue on the next line after a single space. */
const ASCII = /^[\x00-\x7f]*$/;

/** One content line, folded, with its CRLF. */
function foldLine(line: string): string {
  if (line.length <= 75 / 4 || (line.length <= 75 && ASCII.test(line))) return `${line}\r\n`;
  // Most lines are ASCII, one octet a character: cut them without walking each character.
  if (ASCII.test(line)) {
    let folded = line.slice(0, 75);
    for (let at = 75; at < line.length; at += 74) folded += `\r\n ${line.slice(at, at + 74)}`;
    return `${folded}\r\n`;
  }
  let octets = 0;
  let start = 0;
  let folded = '';
  for (let i = 0; i < line.length;) {
    const code = line.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    const units = code > 0xffff ? 2 : 1;
    if (octets + width > (folded ? 74 : 75)) {
      folded += `${folded ? ' ' : ''}${line.slice(start, i)}\r\n`;
      start = i;
      octets = 0;
    }
    octets += width;
    i += units;
  }
  return `${folded}${folded ? ' ' : ''}${line.slice(start)}\r\n`;
}
