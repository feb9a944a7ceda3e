/**
 * Public holidays from date-holidays, by country and region, and the one memory of them: the store that the
 * look-up cache fills and saves. The package is large, so it is required synchronously and only on first use:
 * a command answered from the look-up cache never loads it.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';
import type { HolidayCatalog } from '../model/holidays.js';
import type { HolidayLookup } from '../time/calendar.js';

declare const RUNBOOK_DATE_HOLIDAYS: string | undefined;

const require = createRequire(import.meta.url);
/** The package, or its bundle beside the built CLI (build.mjs defines where). */
const SOURCE = typeof RUNBOOK_DATE_HOLIDAYS === 'string' ? RUNBOOK_DATE_HOLIDAYS : 'date-holidays';
const load = (): typeof HolidaysClass => {
  const loaded = require(SOURCE) as typeof HolidaysClass | { default: typeof HolidaysClass };
  return 'default' in loaded ? loaded.default : loaded;
};

/** date-holidays as a catalog. It remembers nothing: the store below does, once. */
export function dateHolidaysCatalog(): HolidayCatalog {
  const Library = load();
  const directory = new Library();
  const countries = directory.getCountries() as Record<string, string>;
  const regionsOf = (country: string): Record<string, string> => directory.getStates(country) ?? {};
  return {
    hasCountry: (country) => Object.hasOwn(countries, country),
    hasRegion: (country, region) => Object.hasOwn(regionsOf(country), region),
    regions: (country) => Object.keys(regionsOf(country)),
    countries: () => Object.keys(countries),
    publicHolidays(country, region, year) {
      const calendar = region ? new Library(country, region) : new Library(country);
      return (calendar.getHolidays(year) || [])
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
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

/** Public-holiday dates by country, region and year, from date-holidays, each calendar-year worked out once. */
export function dateHolidaysLookup(): HolidayLookup {
  return new HolidayStore().lookup;
}

/** What the store remembers between runs: holiday dates by calendar and year, and which calendars exist. */
export interface KnownHolidays {
  holidays: Record<string, readonly string[]>;
  /** `GB` or `GB/ENG` -> whether date-holidays knows that country or region. */
  calendars: Record<string, boolean>;
}

/**
 * Holiday look-ups and calendar checks served from what is known (the look-up cache), asking date-holidays
 * (one instance, loaded on first need) only for what is not. Building date-holidays' country table costs more
 * than all else a command does, so a known answer saves most of a run.
 */
export class HolidayStore {
  private readonly known: Map<string, ReadonlySet<string>>;
  private readonly calendars: Map<string, boolean>;
  private readonly library = lazyHolidayCatalog();
  private added = false;

  constructor(known: Partial<KnownHolidays> = {}) {
    this.known = new Map(Object.entries(known.holidays ?? {}).map(([key, days]) => [key, new Set(days)]));
    this.calendars = new Map(Object.entries(known.calendars ?? {}));
  }

  readonly lookup: HolidayLookup = (country, region, year) => {
    const key = `${country}/${region ?? ''}/${year}`;
    let days = this.known.get(key);
    if (!days) {
      days = new Set(this.library.publicHolidays(country, region, year).map((day) => day.date));
      this.known.set(key, days);
      this.added = true;
    }
    return days;
  };

  private answer(key: string, ask: () => boolean): boolean {
    let known = this.calendars.get(key);
    if (known === undefined) {
      known = ask();
      this.calendars.set(key, known);
      this.added = true;
    }
    return known;
  }

  /** The catalog the holiday-calendar rule asks: known answers first; suggestions (only for an unknown code) from date-holidays. */
  readonly catalog: HolidayCatalog = {
    hasCountry: (country) => this.answer(country, () => this.library.hasCountry(country)),
    hasRegion: (country, region) => this.answer(`${country}/${region}`, () => this.library.hasRegion(country, region)),
    regions: (country) => this.library.regions(country),
    countries: () => this.library.countries(),
    publicHolidays: (country, region, year) => this.library.publicHolidays(country, region, year),
  };

  /** Whether a look-up had to ask date-holidays. */
  get changed(): boolean {
    return this.added;
  }

  entries(): KnownHolidays {
    return {
      holidays: Object.fromEntries([...this.known].map(([key, days]) => [key, [...days]])),
      calendars: Object.fromEntries(this.calendars),
    };
  }
}
