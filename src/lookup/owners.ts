/** Teams and the pipelines they own. */
import type { Pipeline } from '../model/pipeline.js';
import type { Roster } from '../model/roster.js';
import { UsageError } from '../util/errors.js';
import { closest } from '../util/suggest.js';
import { compareText } from '../util/compare.js';

export interface TeamOwnership {
  team: string;
  contact?: string;
  primary: string[];
  secondary: string[];
}

export function ownership(pipelines: readonly Pipeline[], roster: Roster | undefined): TeamOwnership[] {
  const teams = new Map<string, TeamOwnership>();
  const entry = (team: string): TeamOwnership => {
    let found = teams.get(team);
    if (!found) {
      const contact = roster?.teams.find((known) => known.name === team)?.contact;
      found = { team, ...(contact ? { contact } : {}), primary: [], secondary: [] };
      teams.set(team, found);
    }
    return found;
  };
  for (const pipeline of pipelines) {
    for (const team of pipeline.owners.primary) entry(team).primary.push(pipeline.id);
    for (const team of pipeline.owners.secondary ?? []) entry(team).secondary.push(pipeline.id);
  }
  return [...teams.values()].sort((a, b) => compareText(a.team, b.team));
}

/** One team's ownership, matched case-insensitively or by unique prefix. */
export function teamOwnership(all: readonly TeamOwnership[], query: string): TeamOwnership {
  const needle = query.trim().toLowerCase();
  const exact = all.find((entry) => entry.team.toLowerCase() === needle);
  if (exact) return exact;
  const prefixed = all.filter((entry) => entry.team.toLowerCase().startsWith(needle));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1)
    throw new UsageError(
      `team ${JSON.stringify(query)} is ambiguous: it matches ${prefixed.map((entry) => entry.team).join(', ')}`,
    );
  const guess = closest(
    needle,
    all.map((entry) => entry.team),
  );
  throw new UsageError(
    `no pipeline is owned by a team ${JSON.stringify(query)}: ${guess ? `did you mean ${JSON.stringify(guess)}?` : `teams: ${all.map((entry) => entry.team).join(', ')}`}`,
  );
}
