/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `runbook site` in a real browser: Debian's chromium, headless, driven by puppeteer-core (installed by .ci/run
 * when missing; the test says so and is skipped on a machine without it). The start page's now-panel against
 * `runbook who`, every link, no console error, no request leaving the folder, axe-core's accessibility rules,
 * and screenshots at phone and desktop width (RUNBOOK_SCREENSHOTS=<dir> keeps them: docs/site/ holds the
 * record).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { random } from './helpers/rosters.js';
import { PROJECT, runInProcess } from './helpers/run.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!CHROMIUM) console.warn('site.test.ts: no chromium (apt-get install -y chromium): the browser checks are skipped');

const BUILT = new Date('2026-12-02T12:00:00Z');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let root: string;
let site: string;
let browser: Browser;
const run = (...args: string[]) =>
  runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: BUILT, env: { SOURCE_DATE_EPOCH: '1764676800' } });

/** Every file of the site, relative to it. */
function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path).map((inner) => join(name, inner)) : [name];
  });
}

/** A page that records its console errors and any request for something outside the site's folder. */
async function open(path: string, width = 1280, frozenAt?: Date) {
  const page = await browser.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(pathToFileURL(site).href)) void request.continue();
    else {
      outside.push(url);
      void request.abort();
    }
  });
  await page.setViewport({ width, height: 900 });
  if (frozenAt)
    await page.evaluateOnNewDocument((at: number) => {
      const RealDate = Date;
      // The page's clock stands still at `at`.
      globalThis.Date = class extends RealDate {
        constructor(...args: unknown[]) {
          super(...((args.length ? args : [at]) as []));
        }
        static override now() {
          return at;
        }
      } as DateConstructor;
    }, frozenAt.getTime());
  await page.goto(pathToFileURL(join(site, path)).href, { waitUntil: 'load' });
  return { page, errors, outside };
}

/** The now-panel as shown: pipeline → primary and backup ids. */
async function panel(page: Page): Promise<Record<string, string[]>> {
  return page.$$eval('#now dd', (items) =>
    Object.fromEntries(
      items
        .filter((item) => item.querySelector('[data-person]'))
        .map((item) => [
          item.dataset.pipeline!,
          [...item.querySelectorAll<HTMLElement>('[data-person]')].map((link) => link.dataset.person!),
        ]),
    ),
  );
}

/** `runbook who --at` as the same map. */
async function who(at: Date): Promise<Record<string, string[]>> {
  const out = await run('who', '--at', at.toISOString(), '--json');
  expect(out.code, out.stderr).toBe(0);
  const rows = JSON.parse(out.stdout) as { pipeline: string; primary: { id: string }; backup?: { id: string } }[];
  return Object.fromEntries(
    rows.map((row) => [row.pipeline, [row.primary.id, ...(row.backup ? [row.backup.id] : [])]]),
  );
}

describe.skipIf(!CHROMIUM)('runbook site in chromium', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'runbook-site-'));
    cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
    expect((await run('rotate', '--weeks', '8', '--publish', '--at', BUILT.toISOString())).code).toBe(0);
    expect(
      (
        await run(
          'override',
          'add',
          '-p',
          'engagement',
          '--from',
          '2026-12-22',
          '--to',
          '2026-12-24',
          '--person',
          'ana',
          '--reason',
          'dentist',
        )
      ).code,
    ).toBe(0);
    const out = await run('site', '-o', 'public', '--at', BUILT.toISOString());
    expect(out.code, out.stderr).toBe(0);
    site = join(root, 'public');
    const { launch } = await import('puppeteer-core');
    browser = await launch({ executablePath: CHROMIUM!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('the now-panel at three pinned times names whom runbook who names', async () => {
    for (const at of ['2026-12-02T12:00:00Z', '2026-12-22T12:00:00Z', '2027-01-25T09:59:00Z'].map((t) => new Date(t))) {
      const { page, errors, outside } = await open('index.html', 1280, at);
      expect(await panel(page), at.toISOString()).toEqual(await who(at));
      expect(await page.$eval('#now-when', (node) => node.textContent)).toMatch(
        /^At \w{3}, \d+ \w{3} \d{4}, \d\d:\d\d Europe\/London$/,
      );
      expect([errors, outside]).toEqual([[], []]);
      await page.close();
    }
  });

  it('and at 50 random instants across the published weeks', async () => {
    const { page } = await open('index.html');
    const next = random(22);
    const from = Date.parse('2026-11-30T10:00:00Z');
    const to = Date.parse('2027-01-25T10:00:00Z');
    for (let i = 0; i < 50; i++) {
      const at = new Date(from + Math.floor(next() * (to - from)));
      await page.evaluate(
        (ms: number) => (window as unknown as { runbookNow: (at: number) => void }).runbookNow(ms),
        at.getTime(),
      );
      expect(await panel(page), at.toISOString()).toEqual(await who(at));
    }
    await page.close();
  }, 120_000);

  it('says so when the schedule it holds has run out', async () => {
    const { page } = await open('index.html', 1280, new Date('2027-06-01T12:00:00Z'));
    expect(await page.$eval('#now', (node) => node.textContent)).toMatch(
      /build the site again \(runbook site\) for later weeks/,
    );
    await page.close();
  });

  it('every link resolves inside the folder, no page logs an error or asks for anything outside it, none breaks an accessibility rule', async () => {
    const pages = filesOf(site).filter((name) => name.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(15);
    const broken: string[] = [];
    const problems: string[] = [];
    for (const name of pages) {
      const { page, errors, outside } = await open(name);
      const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => link.getAttribute('href')!));
      for (const href of hrefs) {
        if (/^(https?:|mailto:)/.test(href)) continue;
        const target = resolve(dirname(join(site, name)), decodeURIComponent(href.split('#')[0]!));
        if (href.startsWith('#') ? false : !existsSync(target)) broken.push(`${name} -> ${href}`);
      }
      // What the page itself logged: axe-core's own reading of the stylesheets comes after.
      const logged = [...errors];
      await page.addScriptTag({ content: axeSource });
      const serious = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
          }
        ).axe.run();
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.nodes.length})`);
      });
      problems.push(
        ...serious.map((entry) => `${name}: ${entry}`),
        ...logged.map((e) => `${name}: ${e}`),
        ...outside.map((u) => `${name}: asked for ${u}`),
      );
      await page.close();
    }
    expect(broken).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);

  it('in dark mode too, the start page, the grid and the fairness charts keep their contrast; the keyboard reaches the content first', async () => {
    for (const path of ['index.html', 'grid.html', 'fairness.html']) {
      const { page } = await open(path);
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 21, 21)');
      await page.addScriptTag({ content: axeSource });
      const serious = await page.evaluate(async () => {
        const result = await (
          window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }
        ).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(serious, path).toEqual([]);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content');
      await page.close();
    }
  });

  it('reads on a phone and on a desktop: screenshots of the start page, the grid and a person page', async () => {
    const keep = process.env.RUNBOOK_SCREENSHOTS;
    const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'runbook-shots-'));
    for (const [name, path] of [
      ['start', 'index.html'],
      ['grid', 'grid.html'],
      ['person', 'people/ana.html'],
    ] as const)
      for (const width of [390, 1280]) {
        const { page } = await open(path, width, new Date('2026-12-22T12:00:00Z'));
        // Nothing wider than the screen but the grid, which scrolls inside its own region.
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(wide, `${path} at ${width}`).toBe(false);
        const file = join(dir, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(statSync(file).size).toBeGreaterThan(5000);
        await page.close();
      }
  }, 120_000);
});
