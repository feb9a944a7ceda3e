/**
 * The exclusive lock a command holds on the runbooks folder from the read it checks against to the rename that
 * ends its write (docs/state-files.md, "Writing the runbooks folder"), so two writers at once never lose a
 * write: the second waits, then reads what the first wrote.
 *
 * The lock is a file, `.runbook.lock`, created exclusively (O_EXCL) and naming its holder. A lock whose holder
 * is a process of this machine that no longer runs (killed mid-write) is taken over; any other is waited for a
 * few seconds, then the command stops (exit 2) naming the holder. While a lock is held, the temporary files a
 * killed writer left in the folder are removed, and a signal that stops this process removes its own.
 */
import { closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors.js';
import { pendingTemporaries, TEMPORARY, writeError } from './write.js';

const LOCK_NAME = '.runbook.lock';

/** How long a writer waits for another to finish before it gives up. */
const WAIT_MS = 5_000;

interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
  token: string;
}

const held = new Set<string>();

/**
 * Runs `work` holding the folder's lock. `dir` must exist. `now` only dates the holder's note (the core never
 * reads the clock; waiting is measured by the timers).
 */
export async function withFolderLock<T>(
  dir: string,
  command: string,
  now: Date,
  work: () => Promise<T> | T,
): Promise<T> {
  const path = join(dir, LOCK_NAME);
  const token = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
  const holder: Holder = { pid: process.pid, host: hostname(), command, since: now.toISOString(), token };
  await acquire(path, holder);
  held.add(path);
  watchSignals();
  try {
    removeLeftTemporaries(dir);
    return await work();
  } finally {
    release(path, token);
    held.delete(path);
  }
}

async function acquire(path: string, holder: Holder): Promise<void> {
  const text = `${JSON.stringify(holder)}\n`;
  let waited = 0;
  let pause = 20;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(path, error, 'lock the folder with');
    }
    const other = readHolder(path);
    if (other && isGone(other)) {
      takeOver(path, other);
      continue;
    }
    if (waited >= WAIT_MS) {
      const who = other
        ? `runbook ${other.command} (process ${other.pid} on ${other.host}, since ${other.since})`
        : 'another runbook';
      throw new UsageError(
        `${path} is held by ${who}: nothing written; try again when it has finished (remove the file only if no runbook is running)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    waited += pause;
    pause = Math.min(pause * 2, 200);
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? {
          pid: value.pid,
          host: value.host,
          command: String(value.command ?? ''),
          since: String(value.since ?? ''),
          token: String(value.token ?? ''),
        }
      : undefined;
  } catch {
    // Being written this instant, or removed: look again.
    return undefined;
  }
}

/** A holder on this machine whose process no longer runs. */
function isGone(holder: Holder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves a dead holder's lock aside and removes it. Were it replaced meanwhile by a live writer's lock (another
 * waiter took over first), that lock is put back.
 */
function takeOver(path: string, dead: Holder): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (moved && moved.token !== dead.token) {
    try {
      renameSync(aside, path);
    } catch {
      // The live holder's lock could not be put back: it releases a file that is gone, which is harmless.
    }
    return;
  }
  rmSync(aside, { force: true });
}

function release(path: string, token: string): void {
  if (readHolder(path)?.token === token) rmSync(path, { force: true });
}

/** Temporary files of writers killed mid-write: no writer can be using them while the lock is held. */
function removeLeftTemporaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (TEMPORARY.test(name)) rmSync(join(dir, name), { force: true });
}

let watching = false;

/**
 * A signal that stops the process while it holds a lock removes the lock and its temporary files first, then
 * stops it as the signal would have (the handler runs once, so the signal raised again does its default).
 */
function watchSignals(): void {
  if (watching) return;
  watching = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const file of pendingTemporaries) rmSync(file, { force: true });
      for (const path of held) rmSync(path, { force: true });
      process.kill(process.pid, signal);
    });
  }
}
