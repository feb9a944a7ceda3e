/**
 * The planner against the exact optimum (HiGHS) on 40 seeded random rosters over a whole year: teams of 2 to 5
 * on the US, GB, IN and DE calendars, leave, joiners and leavers, 52 weeks (about 20 seconds of solver work). It
 * fails when the planner's holiday-week spread on a roster whose optimum is at most one (per team) is further
 * from the optimum than recorded here; with RUNBOOK_ORACLE_40=1 it also writes its table to docs/holiday-year.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestQuality, problemOf, qualityOf, type Quality } from './helpers/oracle.js';
import { randomRoster } from './helpers/rosters.js';
import { schedule } from './helpers/rotation.js';
import { PROJECT } from './helpers/run.js';

/**
 * Rosters whose holiday-week spread was, when recorded, above the optimum's (seed → how far). Recorded again when a
 * member of two teams stopped counting among a team's "available all along" (the report's definition): seeds 7
 * and 10 came to the optimum, and on seed 16 the optimum without its shared member is 0 where the planner has 1.
 */
const FROM_OPTIMUM: Record<number, number> = { 1: 1, 9: 1, 16: 1, 23: 1, 32: 1, 37: 1 };

describe('holiday weeks over a year on 40 random rosters', () => {
  it('against the exact optimum', async () => {
    const rows = [
      '| seed | teams | people | planner (primary, holiday, backup, back-to-back) | optimum | holiday-week spread |',
      '|---|---|---|---|---|---|',
    ];
    const far: Record<number, number> = {};
    const show = (q: Quality) => `${q.primarySpread}, ${q.holidaySpread}, ${q.backupSpread}, ${q.backToBack}`;
    for (let seed = 1; seed <= 40; seed++) {
      const g = randomRoster(seed, { teamSize: [2, 5], teams: [1, 2], pipelinesPerTeam: [1, 2], weeks: [52, 52] });
      const problem = problemOf(g.roster, g.pipelines, g.weeks);
      const got = qualityOf(problem, schedule(g.roster, g.pipelines, g.weeks));
      const best = await bestQuality(problem);
      const teams = problem.steady.size;
      if (!best) {
        rows.push(
          `| ${seed} | ${teams} | ${g.roster.people.length} | ${show(got)} | not solved within the node budget | — |`,
        );
        continue;
      }
      expect(got.uncovered, `seed ${seed}`).toBe(best.uncovered);
      const withinOne = best.holidaySpread <= teams;
      const verdict =
        got.holidaySpread === best.holidaySpread ? 'at the optimum' : `${got.holidaySpread - best.holidaySpread} above`;
      if (withinOne && got.holidaySpread !== best.holidaySpread) far[seed] = got.holidaySpread - best.holidaySpread;
      rows.push(
        `| ${seed} | ${teams} | ${g.roster.people.length} | ${show(got)} | ${show(best)} | ${verdict}${withinOne ? '' : ' (optimum above one)'} |`,
      );
    }
    if (process.env.RUNBOOK_ORACLE_40)
      writeFileSync(
        join(PROJECT, 'docs', 'holiday-year.md'),
        `# Holiday weeks over a year, against the exact optimum

Written by \`RUNBOOK_ORACLE_40=1 npx vitest run test/holiday-year-40.test.ts\`: 40 seeded random rosters
(teams of 2 to 5, one or two teams, US, GB, IN and DE calendars, leave, joiners and leavers), 52 weeks each,
planned by runbook and solved exactly by HiGHS goal by goal. Spreads are summed over teams, among the members
available all along and in no other team; "within one" means at most one per team.

${rows.join('\n')}
`,
      );
    console.log(rows.join('\n'));
    for (const [seed, by] of Object.entries(far))
      expect(by, `seed ${seed}`).toBeLessThanOrEqual(FROM_OPTIMUM[Number(seed)] ?? 0);
  }, 1_800_000);
});
