/** What in a runbooks folder keeps on-call answers from being known (docs/state-files.md, "When a file is broken"). */
import type { Catalog } from '../model/catalog.js';
import type { Problem } from '../model/problem.js';

/** Why on-call answers are unknown: for every pipeline (`all`), or for the pipelines of some teams. */
export interface OnCallTrouble {
  all?: { reason: string; errors: Problem[] };
  teams: Map<string, string>;
}

const where = (problem: Problem): string =>
  `line ${problem.line}: ${problem.message.length > 120 ? `${problem.message.slice(0, 119)}…` : problem.message}`;

/** What keeps on-call answers from being known, if anything: a broken state file or roster, or some teams. */
export function onCallTrouble(catalog: Catalog): OnCallTrouble {
  const teams = new Map<string, string>();
  const whole = catalog.broken.find((entry) => entry.kind !== 'pipeline');
  if (whole)
    return {
      all: { reason: `${whole.file} has errors (${where(whole.errors[0]!)})`, errors: whole.errors },
      teams,
    };
  const faults = catalog.roster?.faults;
  if (faults?.rotation)
    return {
      all: {
        reason: `the rotation settings in ${catalog.roster!.file} have an error (${where(faults.rotation)})`,
        errors: [faults.rotation],
      },
      teams,
    };
  for (const { team, problem, via } of faults?.teams ?? [])
    teams.set(
      team,
      via
        ? `${team} shares people with ${via}, whose entry in ${catalog.roster!.file} has an error (${where(problem)})`
        : `${team} has an error in ${catalog.roster!.file} (${where(problem)})`,
    );
  return { teams };
}
