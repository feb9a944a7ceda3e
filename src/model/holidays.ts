/** What a holiday calendar answers: which countries and regions exist, and their public holidays. */
export interface HolidayCatalog {
  /** Is this a country the calendar knows? */
  hasCountry(country: string): boolean;
  /** Is this a region of that country? */
  hasRegion(country: string, region: string): boolean;
  /** The region codes of a country, for "did you mean". */
  regions(country: string): string[];
  countries(): string[];
  /** Public and bank holidays of a calendar in a year, as YYYY-MM-DD dates. */
  publicHolidays(country: string, region: string | undefined, year: number): { date: string; name: string }[];
}
