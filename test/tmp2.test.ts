import { it } from 'vitest';
import { randomRoster, SMALL } from './helpers/rosters.js';
import { grid, schedule } from './helpers/rotation.js';
import { fairnessReport } from '../src/rotation/report.js';
it('dbg', () => {
  const seed = Number(process.env.SEED);
  const g = randomRoster(seed, { ...SMALL, steady: seed % 2 === 0 });
  console.log(JSON.stringify({ teams: g.roster.teams.map(t => t.name + ':' + t.members.join(',')), people: g.roster.people.map(p => [p.id, p.level, p.country, 'j' + (p.joined ?? ''), 'l' + (p.left ?? ''), JSON.stringify(p.away ?? [])].join(' ')), pairing: g.roster.rotation!.pairing, pipes: g.pipelines.map(p => [p.id, p.oncall.team, p.oncall.weeks].join(' ')) }, null, 0));
  const s = schedule(g.roster, g.pipelines, g.weeks);
  console.log(grid(s).join('\n'));
  console.log(JSON.stringify(fairnessReport(s, g.roster, 0).people.map(p => [p.person, p.primary, p.backup, p.holidayWeeks])));
});
