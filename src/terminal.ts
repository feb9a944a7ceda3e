/**
 * Output for the CLI entry. Text is written straight to the file descriptors: Node's stdout stream, with the
 * socket and terminal modules behind it, is loaded only when standard output really is a terminal, or when a
 * non-blocking pipe is full. A reader that goes away (`runbook show x | head`) ends the program quietly.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

function quit(): never {
  process.exit(process.exitCode ?? 0);
}

/** Writes all of `text` to fd 1 or 2, synchronously. */
export function writeAll(fd: 1 | 2, text: string): void {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') quit();
      if (code !== 'EAGAIN') throw error;
      // A non-blocking pipe that is full: let the stream queue the rest.
      const stream = fd === 1 ? process.stdout : process.stderr;
      stream.on('error', (streamError: NodeJS.ErrnoException) => (streamError.code === 'EPIPE' ? quit() : undefined));
      stream.write(bytes);
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
