/**
 * Writing the runbooks folder (docs/state-files.md, "Writing the runbooks folder"): writers that run at the same
 * moment never lose a write, keep the file's mode, leave no temporary file or lock behind, and never write over a
 * file that init or import did not write.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT, runBin, runBinAsync } from './helpers/run.js';

function shippedCopy() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-writers-'));
  const dir = join(root, 'runbooks');
  cpSync(join(PROJECT, 'runbooks'), dir, { recursive: true });
  return { root, dir };
}

interface PlannedShift {
  pipeline: string;
  role: string;
  person: string;
  start: string;
}

/**
 * Covers that the hard rules accept, one per week: a senior of the pipeline's team who holds no shift that week
 * covers its primary on the Wednesday (a senior primary needs no backup).
 */
function coversFrom(root: string, weeks: number): string[][] {
  const plan = runBin(['rotate', '--weeks', String(weeks), '--start', '2027-03-01', '--format', 'json'], { cwd: root });
  const shifts = (JSON.parse(plan.stdout) as { shifts: PlannedShift[] }).shifts;
  const seniors: Record<string, string[]> = { engagement: ['ana', 'ben', 'chloe'], profit: ['isla', 'jonas'] };
  const covers: string[][] = [];
  for (let week = 0; week < weeks; week++) {
    const monday = new Date(Date.UTC(2027, 2, 1 + 7 * week));
    const day = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const busy = new Set(shifts.filter((shift) => shift.start.startsWith(day(0))).map((shift) => shift.person));
    const pipeline = week % 2 === 0 ? 'engagement' : 'profit';
    const person = seniors[pipeline]!.find((id) => !busy.has(id));
    if (person)
      covers.push([
        'override',
        'add',
        '-p',
        pipeline,
        '--from',
        day(2),
        '--to',
        day(3),
        '--person',
        person,
        '--reason',
        `cover ${week}`,
      ]);
  }
  return covers;
}

const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('.'));

describe('writers at the same moment', () => {
  it('two override adds at once, eight times: every accepted write is in the file, lint is clean, nothing left behind', async () => {
    const { root, dir } = shippedCopy();
    const covers = coversFrom(root, 24).slice(0, 16);
    expect(covers.length).toBe(16);
    const accepted: string[][] = [];
    for (let pair = 0; pair < covers.length; pair += 2) {
      const both = covers.slice(pair, pair + 2);
      const results = await Promise.all(both.map((args) => runBinAsync(args, { cwd: root })));
      results.forEach((result, i) => {
        expect(result.code, result.stderr).toBe(0);
        accepted.push(both[i]!);
      });
    }
    const entries = parse(readFileSync(join(dir, 'overrides.yaml'), 'utf8')) as { from: string; person: string }[];
    expect(entries.map((entry) => `${entry.from} ${entry.person}`).sort()).toEqual(
      accepted.map((args) => `${args[5]} ${args[9]}`).sort(),
    );
    expect(runBin(['lint', '--at', '2027-02-22', '--format', 'json'], { cwd: root }).code).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a swap and a publish at once: both land, whichever goes first', async () => {
    const { root, dir } = shippedCopy();
    const [swap, publish] = await Promise.all([
      runBinAsync(['swap', 'grace', 'farid', '--week', '2027-03-08', '--week', '2027-03-15'], { cwd: root }),
      runBinAsync(['rotate', '--weeks', '20', '--start', '2026-11-30', '--publish'], { cwd: root }),
    ]);
    expect(swap.code, swap.stderr).toBe(0);
    expect(publish.code, publish.stderr).toBe(0);
    expect(parse(readFileSync(join(dir, 'overrides.yaml'), 'utf8'))).toHaveLength(2);
    expect(readFileSync(join(dir, 'rotation.lock.yaml'), 'utf8')).toContain('shifts:');
    expect(runBin(['lint', '--at', '2026-11-30', '--format', 'json'], { cwd: root }).code).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it('init twice at once: one writes the starter, the other writes nothing (exit 2)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'runbook-init-race-'));
    const results = await Promise.all([
      runBinAsync(['init', 'demo', '--at', '2026-11-30'], { cwd: root }),
      runBinAsync(['init', 'demo', '--at', '2026-11-30'], { cwd: root }),
    ]);
    expect(results.map((result) => result.code).sort()).toEqual([0, 2]);
    expect(results.find((result) => result.code === 2)!.stderr).toMatch(/already exist.*: nothing written/);
    expect(runBin(['--dir', 'demo/runbooks', 'lint', '--at', '2026-11-30'], { cwd: root }).code).toBe(0);
    expect(leftovers(join(root, 'demo', 'runbooks'))).toEqual([]);
  });
});

describe('a write keeps what it does not change', () => {
  it('keeps the file mode, a BOM and CRLF line endings', () => {
    const { root, dir } = shippedCopy();
    const path = join(dir, 'overrides.yaml');
    writeFileSync(
      path,
      '\uFEFF# Agreed in the channel.\r\n# yaml-language-server: $schema=../schema/overrides.schema.json\r\n[]\r\n',
    );
    chmodSync(path, 0o600);
    const [cover] = coversFrom(root, 1);
    expect(runBin(cover!, { cwd: root }).code).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF# Agreed in the channel.\r\n# yaml-language-server:')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    // Removing the only entry keeps the header, the modeline, the BOM and the line endings.
    expect(runBin(['override', 'remove', '1'], { cwd: root }).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(
      '\uFEFF# Agreed in the channel.\r\n# yaml-language-server: $schema=../schema/overrides.schema.json\r\n',
    );
  });
});

describe('-o to a named pipe (or a device)', () => {
  it('writes into the pipe in place, never putting a regular file where it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-fifo-'));
    const fifo = join(dir, 'calendar.ics');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader on the pipe, then the writer: the calendar comes through the pipe and the pipe stays one.
    const reader = spawn('cat', [fifo]);
    let text = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const result = await runBinAsync(['rotate', '--weeks', '2', '-o', fifo]);
    const stillPipe = statSync(fifo).isFIFO();
    // A pipe replaced by a file would leave the reader waiting for ever.
    if (!stillPipe) reader.kill();
    await done;
    expect(result.code).toBe(0);
    expect(stillPipe).toBe(true);
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
  });
});

describe('the folder lock', () => {
  it('takes over a lock whose holder died mid-write, and removes the temporary file it left', () => {
    const { root, dir } = shippedCopy();
    // A process that has ended: its id is free.
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const pid = Number(gone.stdout.trim());
    writeFileSync(
      join(dir, '.runbook.lock'),
      JSON.stringify({ pid, host: hostname(), command: 'override add', since: '2027-01-01T00:00:00Z', token: 'x' }),
    );
    writeFileSync(join(dir, '.overrides.yaml.0123456789abcdef.tmp'), '- half');
    const [cover] = coversFrom(root, 1);
    const result = runBin(cover!, { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it('waits for a live holder a few seconds, then stops naming it (exit 2, nothing written)', () => {
    const { root, dir } = shippedCopy();
    writeFileSync(
      join(dir, '.runbook.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), command: 'rotate --publish', since: 'now', token: 'y' }),
    );
    const [cover] = coversFrom(root, 1);
    const result = runBin(cover!, { cwd: root });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(
      new RegExp(
        `^runbook: .*\\.runbook\\.lock is held by runbook rotate --publish \\(process ${process.pid} on .*\\): nothing written`,
      ),
    );
    expect(existsSync(join(dir, 'overrides.yaml'))).toBe(false);
  });
});
