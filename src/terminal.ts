/**
 * Output for the CLI entry. Text is written straight to the file descriptors: Node's stdout stream, with the
 * socket and terminal modules behind it, is loaded only when standard output really is a terminal, or when a
 * non-blocking pipe is full. A reader that goes away (`runbook show x | head`) ends the program quietly.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

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
      if (code !== 'EAGAIN') throw error;
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

/** Whether fd 1 is a terminal, and its width; a pipe, a file or /dev/null is answered without the tty module. */
export function terminal(): { isTTY: boolean; columns?: number } {
  try {
    const stats = fstatSync(1);
    if (!stats.isCharacterDevice() || stats.rdev === statSync('/dev/null').rdev) return { isTTY: false };
  } catch {
    return { isTTY: false };
  }
  return { isTTY: process.stdout.isTTY === true, columns: process.stdout.columns };
}
