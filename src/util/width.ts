/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take two, combining
 * marks, format characters and the parts of a joined emoji none, as terminals draw them (checked against
 * string-width in the tests). Plain ASCII, the common case, is its length, and so is text whose only other
 * characters are Latin letters, punctuation and arrows; the Unicode patterns are compiled only when text needs
 * them, so a command that prints such text pays nothing for them at start-up.
 */
import { eastAsianWidth } from 'get-east-asian-width';

const ASCII = /^[\x20-\x7e]*$/;

let patterns: { zero: RegExp; emoji: RegExp; modifier: RegExp } | undefined;

export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : (narrowWidth(text) ?? unicodeWidth(text));
}

/**
 * Characters one column wide whatever the terminal, known without the Unicode tables: Latin-1 and Latin Extended
 * letters (not the soft hyphen), general punctuation (dashes, curly quotes, bullets, the ellipsis) and arrows.
 * None of them is an emoji unless a variation selector follows, which is not one of them.
 */
const narrow = (code: number) =>
  (code >= 0xa0 && code < 0x300 && code !== 0xad) ||
  (code >= 0x2010 && code <= 0x2027) ||
  (code >= 0x2030 && code <= 0x205e) ||
  (code >= 0x2190 && code <= 0x21ff);

/** The width of text made of printable ASCII and narrow characters only (its length); undefined otherwise. */
function narrowWidth(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x20 && code < 0x7f) || narrow(code))) return undefined;
  }
  return text.length;
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
