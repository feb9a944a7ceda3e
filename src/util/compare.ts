/** Orders text by code unit: the same order on every machine and locale, and without loading a collator. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
