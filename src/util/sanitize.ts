/**
 * The one sanitiser for text bound for a terminal or a CI log (docs: SECURITY.md): runbook files, file names
 * and arguments are data, never terminal commands. Escape sequences (7-bit ESC and 8-bit CSI) and control
 * characters are removed; characters that change how text around them displays (bidirectional marks,
 * embeddings, overrides and isolates, line and paragraph separators) are written visibly, as <U+202E>, so a
 * name can neither hide nor reverse what follows it.
 */

const ESCAPE_SEQUENCE =
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~])?|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** ALM, LRM, RLM, the embeddings and overrides, the isolates, and the line and paragraph separators. */
const DISPLAY_CHANGING = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const visible = (char: string): string => `<U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`;

/** Removes escape sequences and control characters, shows display-changing characters; keeps newlines, tabs become spaces. */
export function sanitize(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(/\t/g, ' ').replace(CONTROL, '').replace(DISPLAY_CHANGING, visible);
}

/** Like sanitize, and folds all white space (newlines too) so the text stays on one line. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\t\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * Every string of a value read from a file, sanitised (newlines kept): done once where runbooks are loaded, so
 * no renderer, cache entry or calendar can pass an escape sequence from a file through to a terminal.
 */
export function sanitizeStrings<T>(value: T): T {
  if (typeof value === 'string') return (UNSAFE.test(value) ? sanitize(value) : value) as T;
  if (Array.isArray(value)) return value.map(sanitizeStrings) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = sanitizeStrings(entry);
    return out as T;
  }
  return value;
}

/**
 * JSON for stdout: C1 controls and display-changing characters written as \u escapes (JSON.stringify leaves
 * them raw), so the JSON means the same and the terminal shows nothing hidden.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
