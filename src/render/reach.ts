/**
 * How to reach someone, in the order that works at night: phone, then chat, then e-mail (or, for a team, the
 * contact the roster gives). Every place that names a person or team to contact uses these.
 */
import type { Person, Roster } from '../model/roster.js';
import { sanitizeLine } from '../util/sanitize.js';

/** The fields of a person that reach them. */
export type Reachable = Pick<Person, 'name' | 'email' | 'phone' | 'chat'>;

/** A person's ways in, most urgent first: phone, chat, e-mail. */
export function personWays(person: Reachable): string[] {
  return [person.phone, person.chat, person.email].filter((value): value is string => value !== undefined);
}

/** "Ana Example (+44 20 7946 0000, @ana) <ana@example.com>"; without phone or chat, "Ana Example <ana@example.com>". */
export function personReach(person: Reachable): string {
  const urgent = [person.phone, person.chat].filter((value): value is string => value !== undefined);
  return `${sanitizeLine(person.name)}${urgent.length ? ` (${urgent.map(sanitizeLine).join(', ')})` : ''} <${person.email}>`;
}

/** The quickest ways only, for a line that must stay short: "Ana Example (+44 20 7946 0000, @ana)", or with
 * the e-mail when the roster gives neither phone nor chat. */
export function personBrief(person: Reachable): string {
  const urgent = [person.phone, person.chat].filter((value): value is string => value !== undefined);
  return urgent.length ? `${sanitizeLine(person.name)} (${urgent.map(sanitizeLine).join(', ')})` : personReach(person);
}

/** A team's ways in, most urgent first: phone, chat, then its contact. */
export function teamContacts(team: string, roster: Roster | undefined): string[] {
  const known = roster?.teams.find((candidate) => candidate.name === team);
  return [known?.phone, known?.chat, known?.contact].filter((value): value is string => value !== undefined);
}

/** "Data Engineering Team (+44 20 7946 0100, #data-eng)", or the name alone when the roster gives no contact. */
export function teamReach(team: string, roster: Roster | undefined): string {
  const ways = teamContacts(team, roster);
  return ways.length ? `${sanitizeLine(team)} (${ways.map(sanitizeLine).join(', ')})` : sanitizeLine(team);
}
