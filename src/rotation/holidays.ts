/** Public holidays from date-holidays, by country and region. Loaded only by commands that need it. */
import Holidays from 'date-holidays';

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
  const directory = new Holidays();
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
        const calendar = region ? new Holidays(country, region) : new Holidays(country);
        days = (calendar.getHolidays(year) || [])
          .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
          .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
        cache.set(key, days);
      }
      return days;
    },
  };
}

/** Public-holiday dates by country, region and year, from date-holidays. */
export function dateHolidaysLookup(): (country: string, region: string | undefined, year: number) => string[] {
  const catalog = dateHolidaysCatalog();
  return (country, region, year) => catalog.publicHolidays(country, region, year).map((day) => day.date);
}
