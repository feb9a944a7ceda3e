/** Durations as written in runbooks: `30m`, `48h`, `7d`, `2w`, `1d12h`, or ISO 8601 (`PT48H`, `P1W`). */

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE, w: 7 * 24 * 60 * MINUTE };

const SHORT = /^(?:\d+[wdhm])+$/;
const ISO = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds in a duration, or undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (SHORT.test(value)) {
    let total = 0;
    for (const [, n, unit] of value.matchAll(/(\d+)([wdhm])/g)) total += Number(n) * UNIT_MS[unit!]!;
    return total > 0 ? total : undefined;
  }
  const iso = ISO.exec(value);
  if (!iso) return undefined;
  const [w, d, h, m, s] = iso.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  const total = ((w * 7 + d) * 24 * 60 + h * 60 + m) * MINUTE + s * 1000;
  return total > 0 ? total : undefined;
}

export const DURATION_HINT = 'write a duration like 30m, 48h, 7d, 2w or PT48H';

declare const DURATION: unique symbol;
/** A duration's text as a runbook wrote it, checked by the schema that read it: it always has a length. */
export type DurationText = string & { readonly [DURATION]: true };

/** Milliseconds in a checked duration: the schema that made it a DurationText has parsed it already. */
export function durationMs(text: DurationText): number {
  return parseDuration(text) ?? 0;
}

/**
 * A duration as its author wrote it, in words: `48h` -> "48 hours", `2d` -> "2 days", `PT48H` -> "48 hours",
 * `1d12h` -> "1 day 12 hours". A rule's own limit reads as written; time computed from it uses describeDuration.
 */
export function describeWritten(text: string): string {
  const value = text.trim();
  const names: Record<string, string> = { w: 'week', d: 'day', h: 'hour', m: 'minute', s: 'second' };
  const parts: [number, string][] = [];
  if (SHORT.test(value)) for (const [, n, unit] of value.matchAll(/(\d+)([wdhm])/g)) parts.push([Number(n), unit!]);
  else {
    const iso = ISO.exec(value);
    if (!iso) return value;
    (['w', 'd', 'h', 'm', 's'] as const).forEach((unit, i) => {
      if (iso[i + 1] !== undefined) parts.push([Number(iso[i + 1]), unit]);
    });
  }
  const said = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${names[unit]}${n === 1 ? '' : 's'}`);
  return said.length ? said.join(' ') : value;
}

/**
 * Computed time in words, in one style everywhere, largest units first: "2 days 5 hours", "17 hours", "10
 * days"; weeks only when whole ("2 weeks").
 */
export function describeDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / MINUTE);
  for (const [unit, size] of [
    ['week', 7 * 24 * 60],
    ['day', 24 * 60],
    ['hour', 60],
    ['minute', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    const skip = unit === 'week' && rest % size !== 0;
    if (n > 0 && !skip) {
      parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
      rest -= n * size;
    }
  }
  return parts.length ? parts.join(' ') : '0 minutes';
}
