/**
 * Output for the CLI entry. Text is written straight to the file descriptors: Node's stdout stream, with the
 * socket and terminal modules behind it, is loaded only when standard output really is a terminal, or when a
 * non-blocking pipe is full. A reader that goes away (`runbook show x | head`) ends the program quietly.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { writeError } from './util/write.js';

/** Set once the reader of an output has gone away: the rest of that output is dropped, the exit code still counts. */
const closed = new Set<number>();
/** Outputs that hit a full non-blocking pipe: from then on they are written through Node's stream, in order. */
const streaming = new Set<number>();

/**
 * Writes all of `text` to fd 1 or 2. A reader that goes away (`runbook lint | head -c 20`) ends the output
 * quietly, but not the command: it finishes, and its exit code (1 when lint found errors) is the process's.
 */
export function writeAll(fd: 1 | 2, text: string): void {
  if (closed.has(fd)) return;
  // Node's stream (and the modules behind it) is touched only when a pipe was full: reading process.stdout loads it.
  const stream = (): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);
  if (streaming.has(fd)) {
    stream().write(text);
    return;
  }
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        closed.add(fd);
        return;
      }
      if (code !== 'EAGAIN') {
        // A full disk, /dev/full: the output is lost, which is an error of the command's environment (exit 2); what
        // cannot be said on stderr is not said.
        closed.add(fd);
        if (fd === 2) return;
        throw writeError('standard output', error, 'write to');
      }
      // A non-blocking pipe that is full: let the stream queue the rest, and everything after it.
      streaming.add(fd);
      stream().on('error', (streamError: NodeJS.ErrnoException) => {
        if (streamError.code === 'EPIPE') closed.add(fd);
      });
      stream().write(bytes);
      return;
    }
  }
}

/** Whether fd 1 is a terminal, and its size; a pipe, a file or /dev/null is answered without the tty module. */
export function terminal(): { isTTY: boolean; columns?: number; rows?: number } {
  try {
    const stats = fstatSync(1);
    if (!stats.isCharacterDevice() || stats.rdev === statSync('/dev/null').rdev) return { isTTY: false };
  } catch {
    return { isTTY: false };
  }
  return { isTTY: process.stdout.isTTY === true, columns: process.stdout.columns, rows: process.stdout.rows };
}

/**
 * The pager for output taller than the terminal, as git and gh choose it: RUNBOOK_PAGER, then PAGER, else
 * `less` (with LESS=FRX unless LESS is set: quit if one screen, keep colours, leave the text on screen).
 * Undefined when paging is off (`--no-pager`, or a pager of "" or "cat").
 */
export function pagerCommand(env: NodeJS.ProcessEnv, argv: readonly string[]): string | undefined {
  if (argv.includes('--no-pager')) return undefined;
  const chosen = (env.RUNBOOK_PAGER ?? env.PAGER ?? 'less').trim();
  return chosen === '' || chosen === 'cat' ? undefined : chosen;
}

/** Shows `text` through the pager; false when it could not be started (the caller then writes it itself). */
export function page(command: string, text: string, env: NodeJS.ProcessEnv): boolean {
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const result = spawnSync(command, {
    shell: true,
    input: text,
    stdio: ['pipe', 'inherit', 'inherit'],
    env: { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' },
  });
  // A shell that could not find the pager exits 127; anything else is the pager's own business (q, Ctrl-C).
  return !result.error && result.status !== 127;
}
