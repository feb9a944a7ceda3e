/**
 * Shadow weeks (README, "Onboarding"): a joiner's first weeks in a team are spent beside that week's primary,
 * never alone and never counted as on call; their first primary week then has a senior backup whatever the
 * pairing mode. Like the rest of the planner, a week's shadows follow from that week and the ones before it.
 */
import type { Person, Roster, Team } from '../model/roster.js';
import { compareText } from '../util/compare.js';
import type { Assignment } from './standing.js';

/** How many shadow weeks a person owes in a team: a person's own setting, else the roster's for joiners. */
export function shadowWeeksOf(person: Person, roster: Roster, epoch: string): number {
  const own = person['shadow-weeks'];
  if (own !== undefined) return own;
  // Someone in the team when the rotation starts is not a joiner: they hold shifts from the first week.
  return person.joined !== undefined && person.joined > epoch ? (roster['shadow-weeks'] ?? 0) : 0;
}

/** Where each member of each team stands on the way in: shadow weeks held, and whether they have held a shift. */
export class Induction {
  private readonly held = new Map<string, number>();
  private readonly onCall = new Set<string>();
  private readonly primaries = new Set<string>();
  /** How often each primary has had a shadow beside them, per team: shadows are spread over the primaries. */
  private readonly shadowed = new Map<string, number>();

  constructor(
    private readonly roster: Roster,
    private readonly epoch: string,
  ) {}

  /** Whether `person` shadows in `team` in a week they are free: shadow weeks still owed, no shift held yet. */
  shadows(team: Team, person: Person): boolean {
    const key = `${team.name}\0${person.id}`;
    return !this.onCall.has(key) && (this.held.get(key) ?? 0) < shadowWeeksOf(person, this.roster, this.epoch);
  }

  /** Whether `person`'s next primary week in `team` is their first after shadowing: it needs a senior backup. */
  firstAfterShadowing(team: Team, person: Person): boolean {
    const key = `${team.name}\0${person.id}`;
    return !this.primaries.has(key) && (this.held.get(key) ?? 0) > 0;
  }

  /** Records the week's shifts: whoever held a primary or backup shift is past their shadow weeks. */
  tookShifts(chosen: readonly Assignment[]): void {
    for (const { team, primary, backup } of chosen) {
      this.onCall.add(`${team.name}\0${primary.id}`);
      this.primaries.add(`${team.name}\0${primary.id}`);
      if (backup) this.onCall.add(`${team.name}\0${backup.id}`);
    }
  }

  /**
   * Places the week's shadows of a team beside its primaries, one per pipeline: where a shadow was published,
   * there, else beside the primary shadowed least so far (a senior before a junior, then by pipeline). A shadow
   * with no pipeline left to stand beside is not placed, and the week does not count toward their shadow weeks.
   */
  place(
    team: Team,
    shadows: readonly Person[],
    chosen: readonly Assignment[],
    published: (person: string) => string | undefined,
  ): Map<string, Assignment> {
    const beside = chosen.filter((entry) => entry.team === team);
    const placed = new Map<string, Assignment>();
    if (beside.length === 0) return placed;
    const times = (entry: Assignment) => this.shadowed.get(`${team.name}\0${entry.primary.id}`) ?? 0;
    const free = () => beside.filter((entry) => ![...placed.values()].includes(entry));
    const ordered = [...shadows].sort((x, y) => compareText(x.id, y.id));
    // Where a shadow was published, they stay; the others then take the primaries shadowed least.
    for (const person of ordered) {
      const before = free().find((entry) => entry.pipeline.id === published(person.id));
      if (before) placed.set(person.id, before);
    }
    for (const person of ordered) {
      if (placed.has(person.id)) continue;
      const best = free().sort(
        (x, y) =>
          times(x) - times(y) ||
          Number(x.primary.level === 'junior') - Number(y.primary.level === 'junior') ||
          compareText(x.pipeline.id, y.pipeline.id),
      )[0];
      if (best) placed.set(person.id, best);
    }
    for (const [person, entry] of placed) {
      const key = `${team.name}\0${person}`;
      this.held.set(key, (this.held.get(key) ?? 0) + 1);
      const primary = `${team.name}\0${entry.primary.id}`;
      this.shadowed.set(primary, (this.shadowed.get(primary) ?? 0) + 1);
    }
    return placed;
  }
}
