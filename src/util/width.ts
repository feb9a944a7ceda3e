/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take two, combining
 * marks, format characters and the parts of a joined emoji none, as terminals draw them (checked against
 * string-width in the tests). Plain ASCII, the common case, is its length; the Unicode patterns are compiled
 * only when text needs them, so a command that prints ASCII pays nothing at start-up.
 */
import { eastAsianWidth } from 'get-east-asian-width';

const ASCII = /^[\x20-\x7e]*$/;

let patterns: { zero: RegExp; emoji: RegExp; modifier: RegExp } | undefined;

export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : unicodeWidth(text);
}

function unicodeWidth(text: string): number {
  patterns ??= {
    zero: /^[\p{Mn}\p{Me}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]$/u,
    emoji: /^\p{Emoji_Presentation}$/u,
    modifier: /^\p{Emoji_Modifier}$/u,
  };
  const { zero, emoji, modifier } = patterns;
  const chars = [...text];
  let width = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const code = char.codePointAt(0)!;
    // A zero-width joiner glues the next character into the emoji before it.
    if (code === 0x200d) {
      i++;
      continue;
    }
    // Combining marks and format characters take no column; nor does a skin tone after its emoji.
    if (zero.test(char) || (i > 0 && modifier.test(char))) continue;
    // Two regional indicators make one flag, two columns.
    if (code >= 0x1f1e6 && code <= 0x1f1ff) {
      const next = chars[i + 1]?.codePointAt(0) ?? 0;
      if (next >= 0x1f1e6 && next <= 0x1f1ff) i++;
      width += 2;
      continue;
    }
    // An emoji, or a character shown as one (followed by the emoji variation selector).
    if (emoji.test(char) || chars[i + 1] === '\ufe0f') {
      width += 2;
      continue;
    }
    width += eastAsianWidth(code);
  }
  return width;
}
