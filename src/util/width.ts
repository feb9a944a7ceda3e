/**
 * How many terminal columns text takes (string-width: East Asian wide characters and emoji take two, combining
 * marks none), with ANSI colour codes not counted. Plain ASCII, the common case, is its length.
 */
import stringWidth from 'string-width';

const ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text);
}
