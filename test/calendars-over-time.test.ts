/**
 * Calendars over time (docs/state-files.md): a client that re-imports each calendar after every step of a lived
 * rotation ends with exactly the current events, in everyone's calendar and in each person's; an event once
 * published is emitted again while it lies in the calendar's range, current or cancelled; its SEQUENCE never
 * goes down and is higher than at the last publish whenever the event differs from what was published then
 * (between publishes, versions of equal SEQUENCE are ordered by DTSTAMP, RFC 5546 2.1.5). The client is
 * simulated here (a higher SEQUENCE, or an equal one stamped no earlier, replaces what it holds);
 * scripts/khal-story.mjs runs the same story against khal itself.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendars, NOW, runStep, storySteps } from '../scripts/calendar-story.mjs';
import { PROJECT, runInProcess } from './helpers/run.js';

export interface Held {
  sequence: number;
  cancelled: boolean;
  start: string;
  end: string;
  summary: string;
}

/** The events of a calendar, by UID. */
export function parseEvents(ics: string): Map<string, Held> {
  const events = new Map<string, Held>();
  for (const vevent of new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    events.set(event.uid, {
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      cancelled: vevent.getFirstPropertyValue('status') === 'CANCELLED',
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      summary: event.summary,
    });
  }
  return events;
}

/** A story in a copy of the shipped runbooks, with the CLI's clock pinned to the story's present. */
export function storyFolder() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-story-'));
  const dir = join(root, 'runbooks');
  cpSync(join(PROJECT, 'runbooks'), dir, { recursive: true });
  const run = (args: string[]) =>
    runInProcess(['--dir', 'runbooks', ...args], {
      cwd: root,
      env: { SOURCE_DATE_EPOCH: '1790000000' },
      now: new Date(NOW),
    });
  const edit = (name: string, change: (text: string) => string) =>
    writeFileSync(join(dir, name), change(readFileSync(join(dir, name), 'utf8')));
  return { root, dir, run, edit };
}

/** A story's calendars after each step, as a client re-importing each one holds them; failures named. */
async function liveStory(seed: number): Promise<string[]> {
  const { run, edit } = storyFolder();
  const clients = new Map<string, Map<string, Held>>();
  /** Each calendar as emitted right after the last publish. */
  const published = new Map<string, Map<string, Held>>();
  const failures: string[] = [];
  for (const [n, step] of storySteps(seed).entries()) {
    const { done } = await runStep(step, { run, edit });
    const publishing = step.name === 'publish';
    for (const calendar of calendars()) {
      const result = await run(calendar.args);
      expect(result.code, `${done}: ${calendar.name}: ${result.stderr}`).toBe(0);
      const now = parseEvents(result.stdout);
      const client = clients.get(calendar.name) ?? new Map<string, Held>();
      clients.set(calendar.name, client);
      const where = `seed ${seed}, step ${n + 1} (${done}), ${calendar.name}'s calendar`;
      for (const [uid, held] of client) {
        const again = now.get(uid);
        // Every event once published in this calendar comes again, current or cancelled (the window stays).
        if (!again) failures.push(`${where}: ${uid} is no longer emitted`);
        else if (again.sequence < held.sequence) failures.push(`${where}: ${uid}'s SEQUENCE went down`);
      }
      const atPublish = published.get(calendar.name);
      for (const [uid, event] of now) {
        const then = atPublish?.get(uid);
        const differs =
          then &&
          (then.start !== event.start ||
            then.end !== event.end ||
            then.cancelled !== event.cancelled ||
            then.summary !== event.summary);
        if (differs && event.sequence <= then.sequence)
          failures.push(`${where}: ${uid} differs from what was published without a higher SEQUENCE`);
      }
      if (publishing) published.set(calendar.name, now);
      for (const [uid, event] of now) {
        const held = client.get(uid);
        if (!held || event.sequence >= held.sequence) client.set(uid, event);
      }
      // What the client now shows is exactly the calendar's current events.
      const live = [...client]
        .filter(([, event]) => !event.cancelled)
        .map(([uid, event]) => `${uid} ${event.start} ${event.end}`);
      const current = [...now]
        .filter(([, event]) => !event.cancelled)
        .map(([uid, event]) => `${uid} ${event.start} ${event.end}`);
      if (live.sort().join('\n') !== current.sort().join('\n'))
        failures.push(`${where}: the client shows ${live.length} live events, the calendar has ${current.length}`);
    }
  }
  return failures;
}

describe('calendars over time: a client that re-imports every calendar after every step', () => {
  it.each([1, 2, 3])('holds exactly the current events, in every calendar (story %i)', async (seed) => {
    expect(await liveStory(seed)).toEqual([]);
  });
});

/** A calendar as a client that re-imports it holds it: the later import replaces events of equal or lower SEQUENCE. */
function reimport(client: Map<string, Held>, ics: string): Map<string, Held> {
  for (const [uid, event] of parseEvents(ics)) {
    const held = client.get(uid);
    if (!held || event.sequence >= held.sequence) client.set(uid, event);
  }
  return client;
}
const live = (client: Map<string, Held>) =>
  [...client]
    .filter(([, event]) => !event.cancelled)
    .map(([uid, event]) => `${uid} ${event.summary.replace(/ \(.*/, '')}`)
    .sort();

describe('calendars over time: the two cases calendars used to forget', () => {
  const calendar = async (run: ReturnType<typeof storyFolder>['run'], ...more: string[]) =>
    (await run(['rotate', '--weeks', '4', '--start', '2026-11-30', ...more])).stdout;

  it('an override published, then removed and published again: its parts come back cancelled, in every calendar', async () => {
    const { run } = storyFolder();
    await run(['rotate', '--weeks', '4', '--start', '2026-11-30', '--publish']);
    // Chloe holds the engagement primary in the week of 2026-12-07; Ana covers Tuesday to Thursday.
    const add = await run([
      'override',
      'add',
      '-p',
      'engagement',
      '--from',
      '2026-12-08',
      '--to',
      '2026-12-10',
      '--person',
      'ana',
      '--reason',
      'chloe at a course',
    ]);
    expect(add.code, add.stderr).toBe(0);
    await run(['rotate', '--weeks', '4', '--start', '2026-11-30', '--publish']);
    const team = reimport(new Map(), await calendar(run));
    const ana = reimport(new Map(), await calendar(run, '--person', 'ana'));
    expect(live(ana)).toContain(
      'engagement-primary-2026-12-07-20261208T000000Z@runbook Engagement on call, primary: Ana Example',
    );
    expect((await run(['override', 'remove', '1'])).code).toBe(0);
    await run(['rotate', '--weeks', '4', '--start', '2026-11-30', '--publish']);
    // Long after, from the lock alone (the override is gone from overrides.yaml), the parts are still cancelled.
    const teamNow = await calendar(run);
    reimport(team, teamNow);
    reimport(ana, await calendar(run, '--person', 'ana'));
    expect(live(team)).toEqual(live(reimport(new Map(), teamNow)));
    expect(live(team).filter((event) => event.startsWith('engagement-primary-2026-12-07'))).toEqual([
      'engagement-primary-2026-12-07@runbook Engagement on call, primary: Chloe Example',
    ]);
    expect(live(ana).filter((event) => event.startsWith('engagement-primary-2026-12-07'))).toEqual([]);
  });

  it('a shift given to someone else and published: the first person’s own calendar cancels it', async () => {
    const { run } = storyFolder();
    await run(['rotate', '--weeks', '4', '--start', '2026-11-30', '--publish']);
    const chloe = reimport(new Map(), await calendar(run, '--person', 'chloe'));
    expect(live(chloe)).toContain('engagement-primary-2026-12-07@runbook Engagement on call, primary: Chloe Example');
    const swap = await run(['swap', 'chloe', 'ben', '--week', '2026-12-07', '--pipeline', 'engagement']);
    expect(swap.code, swap.stderr).toBe(0);
    await run(['rotate', '--weeks', '4', '--start', '2026-11-30', '--publish']);
    reimport(chloe, await calendar(run, '--person', 'chloe'));
    expect(live(chloe).filter((event) => event.startsWith('engagement-primary-2026-12-07'))).toEqual([]);
  });
});

describe('calendars over time in khal (test/fixtures/khal/story.json, made by scripts/khal-story.mjs)', () => {
  const record = JSON.parse(readFileSync(join(PROJECT, 'test', 'fixtures', 'khal', 'story.json'), 'utf8')) as {
    steps: { done: string; calendars: Record<string, { sha256: string; held: string[] }> }[];
  };

  it('after every step, khal holds exactly the current events of every calendar; this build writes what khal was given', async () => {
    const { run, edit } = storyFolder();
    const steps = storySteps(1);
    expect(steps.length).toBe(record.steps.length);
    const failures: string[] = [];
    for (const [n, step] of steps.entries()) {
      const { done } = await runStep(step, { run, edit });
      expect(done).toBe(record.steps[n]!.done);
      for (const calendar of calendars()) {
        const ics = (await run(calendar.args)).stdout;
        const { sha256, held } = record.steps[n]!.calendars[calendar.name]!;
        const where = `step ${n + 1} (${done}), ${calendar.name}'s calendar`;
        if (createHash('sha256').update(ics).digest('hex') !== sha256)
          failures.push(`${where}: not what khal was given (run scripts/khal-story.mjs again)`);
        const rows = held.map((line) => {
          const [uid, status, start, end] = line.split('|');
          return { uid: uid!, cancelled: status!.trim() === 'CANCELLED', start: start!, end: end! };
        });
        if (new Set(rows.map((row) => row.uid)).size !== rows.length) failures.push(`${where}: khal holds a UID twice`);
        const current = [...parseEvents(ics)]
          .filter(([, event]) => !event.cancelled)
          .map(([uid, event]) => `${uid} ${event.start.slice(0, 16)} ${event.end.slice(0, 16)}`)
          .sort();
        const live = rows
          .filter((row) => !row.cancelled)
          .map((row) => `${row.uid} ${row.start} ${row.end}`)
          .sort();
        if (live.join('\n') !== current.join('\n'))
          failures.push(`${where}: khal shows ${live.length} live events, the calendar has ${current.length}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
