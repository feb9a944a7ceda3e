/** `runbook owners`: teams and what they own. */
import type { TeamOwnership } from '../lookup/owners.js';
import { sanitizeLine } from '../util/sanitize.js';
import type { Style } from './style.js';
import { renderTable } from './table.js';

export function renderOwners(teams: readonly TeamOwnership[], style: Style, width: number): string {
  const rows = teams.map((team) => [
    style.bold(sanitizeLine(team.team)),
    sanitizeLine(team.contact ?? ''),
    team.primary.join(', ') || '-',
    team.secondary.join(', ') || '-',
  ]);
  return renderTable(['TEAM', 'CONTACT', 'PRIMARY FOR', 'SECONDARY FOR'], rows, style, width);
}
