// A rotation lived with, step by step, from a seed: publish, override add and remove, swap, away add and
// remove, a leaver, a pipeline taken out of the rotation, a company day on a handover Monday. After each step
// every calendar (everyone's, and each person's) is written again, as a team that re-imports its feeds would.
//
// Shared by test/calendars-over-time.test.ts (a re-importing client simulated in process) and
// scripts/khal-story.mjs (the same calendars imported into khal, whose holdings are committed as fixtures).
// `run(args)` runs the CLI in the runbooks copy and returns { code, stdout, stderr }; `edit(name, change)`
// changes a file of the runbooks folder by hand.

/**
 * The calendars' window, and the present every run is pinned to (the week before the rotation starts, so no
 * week is history yet): the test passes it as the CLI's clock, the khal script runs under faketime.
 */
export const WINDOW = ['--weeks', '10', '--start', '2026-11-30'];
export const NOW = '2026-11-27T12:00:00Z';
export const PEOPLE = ['ana', 'ben', 'chloe', 'dev', 'emma', 'farid', 'grace', 'hugo', 'isla', 'jonas', 'kai', 'lena'];
const WEEKS = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 10, 30 + 7 * i)).toISOString().slice(0, 10));
const TEAMS = {
  engagement: ['ana', 'ben', 'chloe', 'dev', 'emma', 'farid', 'grace', 'hugo'],
  profit: ['isla', 'jonas', 'kai', 'lena'],
};

/** A small seeded generator (mulberry32): the same seed, the same story. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The steps of the story for a seed: each names what it does and how (CLI arguments to try, or a file edit). */
export function storySteps(seed) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const shuffled = (list) => [...list].sort(() => next() - 0.5);
  const steps = [{ name: 'publish', tries: [['rotate', ...WINDOW, '--publish']] }];
  const kinds = shuffled([
    'override',
    'override',
    'override-remove',
    'swap',
    'away',
    'away-remove',
    'leaver',
    'out-of-rotation',
    'company-day',
  ]);
  for (const kind of kinds) {
    const pipeline = pick(['engagement', 'profit']);
    const week = pick(WEEKS.slice(1, 8));
    if (kind === 'override') {
      const from = addDays(week, 1);
      const to = addDays(week, 1 + 1 + Math.floor(next() * 3));
      steps.push({
        name: `override add ${pipeline} ${from}..${to}`,
        tries: shuffled(TEAMS[pipeline]).map((person) => [
          'override',
          'add',
          '--pipeline',
          pipeline,
          '--from',
          from,
          '--to',
          to,
          '--person',
          person,
          '--reason',
          `cover in the week of ${week}`,
        ]),
      });
    } else if (kind === 'override-remove')
      steps.push({ name: 'override remove 1', tries: [['override', 'remove', '1']] });
    else if (kind === 'swap') {
      const people = shuffled(TEAMS[pipeline]);
      steps.push({
        name: `swap in ${pipeline} from the week of ${week}`,
        tries: people.flatMap((a) =>
          people.filter((b) => b !== a).map((b) => ['swap', a, b, '--week', week, '--pipeline', pipeline]),
        ),
      });
    } else if (kind === 'away') {
      const from = addDays(week, Math.floor(next() * 5));
      steps.push({
        name: `away add from ${from}`,
        tries: shuffled(PEOPLE).map((person) => [
          'away',
          'add',
          person,
          '--from',
          from,
          '--to',
          addDays(from, 3),
          '--reason',
          'leave',
        ]),
      });
    } else if (kind === 'away-remove')
      steps.push({ name: 'away remove ben 1', tries: [['away', 'remove', 'ben', '1']] });
    else if (kind === 'leaver') {
      const person = pick(['grace', 'emma', 'kai', 'lena']);
      steps.push({
        name: `${person} leaves on ${week}`,
        edit: {
          file: 'roster.yaml',
          find: `  - id: ${person}\n`,
          replace: `  - id: ${person}\n    left: ${week}\n`,
        },
      });
    } else if (kind === 'out-of-rotation')
      steps.push({
        name: 'aggregated out of the rotation',
        edit: {
          file: 'aggregated.yaml',
          find: '  mode: rotation\n  team: Data Engineering Team\n  weeks: last-of-month\n',
          replace: '  mode: business-hours\n',
        },
      });
    else if (kind === 'company-day')
      steps.push({
        name: `company day on the handover Monday ${week}`,
        edit: { file: 'roster.yaml', find: 'extra: [2026-12-24]', replace: `extra: [2026-12-24, ${week}]` },
      });
    // Now and then the team publishes again: the lock records what changed.
    if (next() < 0.4) steps.push({ name: 'publish', tries: [['rotate', ...WINDOW, '--publish']] });
  }
  return steps;
}

/**
 * Runs a step: the first of its tries the CLI accepts (the others are refused with exit 2 and change nothing),
 * or its edit. Returns what was done.
 */
export async function runStep(step, { run, edit }) {
  if (step.edit) {
    const { file, find, replace } = step.edit;
    await edit(file, (text) => {
      if (!text.includes(find)) throw new Error(`story: ${file} has no ${JSON.stringify(find)}`);
      return text.replace(find, replace);
    });
    return { done: step.name };
  }
  for (const args of step.tries) {
    const result = await run(args);
    if (result.code === 0) return { done: args.join(' ') };
    if (result.code !== 2) throw new Error(`story: ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  return { done: `${step.name}: refused every try` };
}

/** Every calendar of the story, by name: everyone's, then each person's. */
export function calendars() {
  return [
    { name: 'team', args: ['rotate', ...WINDOW] },
    ...PEOPLE.map((person) => ({ name: person, args: ['rotate', ...WINDOW, '--person', person] })),
  ];
}
