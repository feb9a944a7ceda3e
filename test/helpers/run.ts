/** Runs the CLI: in-process through `run`, or end-to-end as the built bin/runbook.js. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli.js';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every test process keeps its look-up cache in a folder of its own. */
const CACHE = mkdtempSync(join(tmpdir(), 'runbook-cache-'));

export const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/runbook.js', import.meta.url));

export async function runInProcess(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; now?: Date; columns?: number } = {},
): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run(
    args,
    {
      out: (text) => void (stdout += text),
      err: (text) => void (stderr += text),
      env: { XDG_CACHE_HOME: CACHE, ...options.env },
      cwd: options.cwd ?? PROJECT,
      // A terminal of that many columns (colour off unless asked for), else a pipe.
      isTTY: options.columns !== undefined,
      ...(options.columns !== undefined ? { columns: options.columns } : {}),
    },
    () => options.now ?? new Date('2027-02-10T12:00:00Z'),
  );
  return { code, stdout, stderr };
}

export function runBin(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Result {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PROJECT,
    env: {
      PATH: process.env.PATH,
      NO_COLOR: '1',
      XDG_CACHE_HOME: CACHE,
      // `npm run coverage` collects the built CLI's coverage through V8.
      ...(process.env.RUNBOOK_COVERAGE
        ? { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE, RUNBOOK_COVERAGE: process.env.RUNBOOK_COVERAGE }
        : {}),
      ...options.env,
    },
    encoding: 'utf8',
    input: options.input,
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The built CLI as a child process that runs beside others (for writers racing each other). */
export function runBinAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? PROJECT,
      env: { PATH: process.env.PATH, NO_COLOR: '1', XDG_CACHE_HOME: CACHE, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}
