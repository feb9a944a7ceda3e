/**
 * Pay (docs/rotations.md, "Pay"): what the roster's `pay:` rules make of the hours on call. Each hour is paid
 * at its kind's rate (company days at the holiday rate unless `company` has its own), each shift's flat amount
 * in proportion to the share of the week held, and a person's total in a calendar month is capped at `cap`.
 * Pure: no clock, no I/O.
 */
import type { Pay } from '../model/roster.js';
import { HOUR_KINDS, type Hours } from './burden.js';
import type { BurdenRow } from './history.js';
import { twoPlaces as cents } from '../util/round.js';

/** The amount of a row before the monthly cap. */
export function amountOf(row: Pick<BurdenRow, 'hours' | 'primary' | 'backup'>, pay: Pay): number {
  const rate = (kind: keyof Hours) => (kind === 'company' ? (pay.rates.company ?? pay.rates.holiday) : pay.rates[kind]);
  const hourly = HOUR_KINDS.reduce((sum, kind) => sum + row.hours[kind] * rate(kind), 0);
  const flat = (pay['per-shift']?.primary ?? 0) * row.primary + (pay['per-shift']?.backup ?? 0) * row.backup;
  return hourly + flat;
}

/** The rule in words, as the CSV carries it beside each amount. */
export function ruleOf(pay: Pay, cappedMonths: readonly string[] = []): string {
  const { rates } = pay;
  const parts = [
    `per hour ${HOUR_KINDS.map((kind) => `${kind} ${kind === 'company' ? (rates.company ?? rates.holiday) : rates[kind]}`).join(', ')}`,
  ];
  const shift = pay['per-shift'];
  if (shift) parts.push(`per shift primary ${shift.primary}, backup ${shift.backup}`);
  if (pay.cap !== undefined)
    parts.push(`cap ${pay.cap} a month${cappedMonths.length ? ` (reached in ${cappedMonths.join(', ')})` : ''}`);
  return `${pay.currency}: ${parts.join('; ')}`;
}

/**
 * The rows of a period with their amounts: `months` are the period's rows month by month (the cap is per person
 * and calendar month, over both sources), `rows` the period's rows, which receive the capped amounts.
 */
export function withPay(
  rows: readonly BurdenRow[],
  months: readonly (readonly BurdenRow[])[],
  monthNames: readonly string[],
  pay: Pay,
): BurdenRow[] {
  const amounts = new Map<string, number>();
  const capped = new Map<string, string[]>();
  months.forEach((monthRows, index) => {
    const totals = new Map<string, number>();
    for (const row of monthRows) totals.set(row.person, (totals.get(row.person) ?? 0) + amountOf(row, pay));
    for (const row of monthRows) {
      const total = totals.get(row.person)!;
      const factor = pay.cap !== undefined && total > pay.cap ? pay.cap / total : 1;
      if (factor < 1 && !capped.get(row.person)?.includes(monthNames[index]!))
        capped.set(row.person, [...(capped.get(row.person) ?? []), monthNames[index]!]);
      const key = `${row.person}\0${row.source}`;
      amounts.set(key, (amounts.get(key) ?? 0) + amountOf(row, pay) * factor);
    }
  });
  return rows.map((row) => ({
    ...row,
    amount: cents(amounts.get(`${row.person}\0${row.source}`) ?? 0),
    rule: ruleOf(pay, capped.get(row.person)),
  }));
}
