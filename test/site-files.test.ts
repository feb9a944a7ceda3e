/**
 * `runbook site` without a browser: its feeds are the calendars `rotate` writes for the same weeks (one truth),
 * the folder is written whole or not at all, and text from the runbooks is never markup.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, runInProcess } from './helpers/run.js';

const BUILT = new Date('2026-12-02T12:00:00Z');

async function folder() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-site-files-'));
  cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  const run = (...args: string[]) =>
    runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: BUILT, env: { SOURCE_DATE_EPOCH: '1764676800' } });
  expect((await run('rotate', '--weeks', '8', '--publish')).code).toBe(0);
  expect((await run('swap', 'grace', 'dev', '--week', '2026-12-28')).code).toBe(0);
  return { root, run };
}

describe('runbook site: files', () => {
  it('writes feeds that are exactly the calendars rotate writes for the same weeks, per person and per pipeline', async () => {
    const { root, run } = await folder();
    const out = await run('site', '-o', 'public', '--json');
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout) as { files: string[]; startPageBytes: number };
    expect(result.files).toContain('feeds/person-dev.ics');
    expect(result.startPageBytes).toBeGreaterThan(1000);
    const feed = (name: string) => readFileSync(join(root, 'public', 'feeds', name), 'utf8');
    for (const person of ['dev', 'grace', 'ana', 'isla'])
      expect(feed(`person-${person}.ics`), person).toBe(
        (await run('rotate', '--weeks', '12', '--person', person)).stdout,
      );
    expect(feed('pipeline-engagement.ics')).toBe(
      (await run('rotate', '--weeks', '12', '--pipeline', 'engagement')).stdout,
    );
    expect(feed('team-profit-bi.ics')).toBe((await run('rotate', '--weeks', '12', '--pipeline', 'profit')).stdout);
    // The swap shows in both people's feeds, and grace's old week is cancelled in hers.
    expect(feed('person-grace.ics')).toMatch(/STATUS:CANCELLED/);
    const unfolded = (name: string) => feed(name).replace(/\r\n /g, '');
    expect(unfolded('person-dev.ics')).toContain(
      'Moved from Grace Example to you on 2026-12-28: swap of grace and dev\\, weeks of 2026-12-28 and 2027-01-04',
    );
    expect(unfolded('person-grace.ics')).toContain(
      'Moved from Dev Example to you on 2027-01-04: swap of grace and dev\\, weeks of 2026-12-28 and 2027-01-04',
    );
    // The team's calendar says who covers, not "to you".
    expect(unfolded('pipeline-engagement.ics')).not.toContain('Moved from');
  });

  it("--titles grafana: a feed per pipeline of primary parts titled with the holder's user name, for a tool that imports it", async () => {
    const { root, run } = await folder();
    expect((await run('site', '-o', 'public', '--titles', 'grafana')).code).toBe(0);
    const text = readFileSync(join(root, 'public', 'feeds', 'grafana-engagement.ics'), 'utf8');
    const live = text
      .split('BEGIN:VEVENT')
      .slice(1)
      .filter((event) => !event.includes('STATUS:CANCELLED'));
    const titles = live.map((event) => /SUMMARY:(.*)\r\n/.exec(event)![1]);
    expect(titles.length).toBeGreaterThan(8);
    expect(new Set(titles)).toEqual(new Set(['ben', 'chloe', 'dev', 'emma', 'grace', 'farid', 'hugo']));
    expect(text).not.toMatch(/X-RUNBOOK-ROLE:(backup|shadow|handover)/);
    const roster = join(root, 'runbooks', 'roster.yaml');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('      grafana: dev\n', ''));
    const refused = await run('site', '-o', 'public', '--titles', 'grafana');
    expect([refused.code, refused.stderr]).toEqual([
      2,
      'runbook: --titles grafana: dev has no grafana user name: add handles: { grafana: <user name> } in roster.yaml (nothing was written)\n',
    ]);
  });

  it('replaces a site it wrote, refuses a folder it did not (exit 2, nothing written)', async () => {
    const { root, run } = await folder();
    expect((await run('site', '-o', 'public')).code).toBe(0);
    const again = await run('site', '-o', 'public');
    expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/^wrote the site to public: \d+ files/)]);
    mkdirSync(join(root, 'mine'));
    writeFileSync(join(root, 'mine', 'notes.txt'), 'keep me');
    const refused = await run('site', '-o', 'mine');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the folder holds files runbook site did not write');
    expect(existsSync(join(root, 'mine', 'index.html'))).toBe(false);
    expect(readFileSync(join(root, 'mine', 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('never lets text from the runbooks become markup or script', async () => {
    const { root, run } = await folder();
    const file = join(root, 'runbooks', 'engagement.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name: "Engagement <script>alert(1)</script> & </script>"'),
    );
    expect((await run('site', '-o', 'public')).code).toBe(0);
    for (const page of ['index.html', 'grid.html', 'handbook/index.html', 'handbook/pipelines/engagement.html']) {
      const html = readFileSync(join(root, 'public', page), 'utf8');
      expect(html, page).not.toContain('<script>alert');
      expect(html.match(/<script/g)?.length ?? 0, page).toBe(page === 'index.html' ? 2 : 0);
    }
    expect(readFileSync(join(root, 'public', 'index.html'), 'utf8')).toContain('\\u003cscript>alert(1)\\u003c/script>');
  });
});
