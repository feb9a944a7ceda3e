/**
 * How many terminal columns text takes (string-width: East Asian wide characters and emoji take two, combining
 * marks none), with ANSI colour codes not counted. Plain ASCII, the common case, is its length.
 */
import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text);
}

/** `text` padded with spaces to `width` columns. */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
