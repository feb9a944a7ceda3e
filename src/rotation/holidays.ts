/**
 * Public holidays from date-holidays, by country and region. The package is large, so it is required
 * synchronously and only on first use: a command answered from the look-up cache never loads it.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import type { HolidayLookup } from '../sla/calendar.js';

declare const RUNBOOK_DATE_HOLIDAYS: string | undefined;

const require = createRequire(import.meta.url);
/** The package, or its bundle beside the built CLI (build.mjs defines where). */
const SOURCE = typeof RUNBOOK_DATE_HOLIDAYS === 'string' ? RUNBOOK_DATE_HOLIDAYS : 'date-holidays';
let Holidays: typeof HolidaysClass | undefined;
const load = (): typeof HolidaysClass => {
  const loaded = require(SOURCE) as typeof HolidaysClass | { default: typeof HolidaysClass };
  return (Holidays ??= 'default' in loaded ? loaded.default : loaded);
};

export interface HolidayCatalog {
  /** Is this a country date-holidays knows? */
  hasCountry(country: string): boolean;
  /** Is this a region of that country? */
  hasRegion(country: string, region: string): boolean;
  /** The region codes of a country, for "did you mean". */
  regions(country: string): string[];
  countries(): string[];
  /** Public and bank holidays of a calendar in a year, as YYYY-MM-DD dates. */
  publicHolidays(country: string, region: string | undefined, year: number): { date: string; name: string }[];
}

export function dateHolidaysCatalog(): HolidayCatalog {
  const Library = load();
  const directory = new Library();
  const countries = directory.getCountries() as Record<string, string>;
  const cache = new Map<string, { date: string; name: string }[]>();
  const regionsOf = (country: string): Record<string, string> => (directory.getStates(country) as Record<string, string> | undefined) ?? {};
  return {
    hasCountry: (country) => Object.hasOwn(countries, country),
    hasRegion: (country, region) => Object.hasOwn(regionsOf(country), region),
    regions: (country) => Object.keys(regionsOf(country)),
    countries: () => Object.keys(countries),
    publicHolidays(country, region, year) {
      const key = `${country}/${region ?? ''}/${year}`;
      let days = cache.get(key);
      if (!days) {
        const calendar = region ? new Library(country, region) : new Library(country);
        days = (calendar.getHolidays(year) || [])
          .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
          .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
        cache.set(key, days);
      }
      return days;
    },
  };
}

/** The same catalog, loading date-holidays only when a question is first asked (a roster without countries never does). */
export function lazyHolidayCatalog(): HolidayCatalog {
  let catalog: HolidayCatalog | undefined;
  const get = (): HolidayCatalog => (catalog ??= dateHolidaysCatalog());
  return {
    hasCountry: (country) => get().hasCountry(country),
    hasRegion: (country, region) => get().hasRegion(country, region),
    regions: (country) => get().regions(country),
    countries: () => get().countries(),
    publicHolidays: (country, region, year) => get().publicHolidays(country, region, year),
  };
}

/** Public-holiday dates by country, region and year, from date-holidays. */
export function dateHolidaysLookup(): HolidayLookup {
  let catalog: HolidayCatalog | undefined;
  return (country, region, year) => (catalog ??= dateHolidaysCatalog()).publicHolidays(country, region, year).map((day) => day.date);
}

/** Holiday look-ups served from what is known (the cache), asking date-holidays only for what is not. */
export class HolidayStore {
  private readonly known: Map<string, readonly string[]>;
  private fallback: HolidayLookup | undefined;
  private added = false;

  constructor(known: Record<string, readonly string[]> = {}) {
    this.known = new Map(Object.entries(known));
  }

  readonly lookup: HolidayLookup = (country, region, year) => {
    const key = `${country}/${region ?? ''}/${year}`;
    let days = this.known.get(key);
    if (!days) {
      days = (this.fallback ??= dateHolidaysLookup())(country, region, year);
      this.known.set(key, days);
      this.added = true;
    }
    return days;
  };

  /** Whether a look-up had to ask date-holidays. */
  get changed(): boolean {
    return this.added;
  }

  entries(): Record<string, readonly string[]> {
    return Object.fromEntries(this.known);
  }
}
