/** A person of the roster by id, in any case (`--person Ana` is ana); an unknown id gets a suggestion. */
import type { Person } from '../model/roster.js';
import { UsageError } from '../util/errors.js';
import { closest } from '../util/suggest.js';

export function personNamed(people: readonly Person[], id: string): Person {
  const wanted = id.trim().toLowerCase();
  const found = people.find((person) => person.id === wanted);
  if (found) return found;
  const guess = closest(
    wanted,
    people.map((person) => person.id),
  );
  throw new UsageError(`no person "${id}" in the roster${guess ? `: did you mean "${guess}"?` : ''}`);
}
