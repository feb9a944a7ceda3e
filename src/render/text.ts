/** Plain-text layout helpers for terminal output. */
import { displayWidth } from '../util/width.js';

/** An international telephone number: it is never broken across lines. */
const PHONE = /\+\d[\d ().-]{3,30}\d/g;
const KEEP = '\u00a0';

/** Wraps `text` to `width` columns, every line starting with `indent`; the first line may use `first` instead. */
export function wrap(text: string, width: number, indent = '', first = indent): string[] {
  const lines = wrapWords(
    text.replace(PHONE, (phone) => phone.replaceAll(' ', KEEP)),
    width,
    indent,
    first,
  );
  return lines.map((line) => line.replaceAll(KEEP, ' '));
}

function wrapWords(text: string, width: number, indent: string, first: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/[^\S\u00a0]+/).filter(Boolean)) {
    if (!empty && displayWidth(line) + 1 + displayWidth(word) > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
