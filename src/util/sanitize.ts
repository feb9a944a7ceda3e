/** Text from runbook files is data: strip escapes and control characters before it reaches a terminal. */

const ESCAPE_SEQUENCE =
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~])?|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Removes ANSI escape sequences and control characters; keeps newlines, turns tabs into spaces. */
export function sanitize(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(/\t/g, ' ').replace(CONTROL, '');
}

/** Like sanitize, and folds all white space (newlines too) so the text stays on one line. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

/**
 * Every string of a value read from a file, sanitised (newlines kept): done once where runbooks are loaded, so
 * no renderer, cache entry or calendar can pass an escape sequence from a file through to a terminal.
 */
export function sanitizeStrings<T>(value: T): T {
  if (typeof value === 'string') return (ESCAPE_OR_CONTROL.test(value) ? sanitize(value) : value) as T;
  if (Array.isArray(value)) return value.map(sanitizeStrings) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = sanitizeStrings(entry);
    return out as T;
  }
  return value;
}

const ESCAPE_OR_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\t]/;

/** JSON for stdout: C1 controls and bidirectional overrides written as \u escapes (JSON.stringify leaves them raw). */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
