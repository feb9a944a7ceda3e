/** To two decimal places: shares of weeks, hours and amounts as the reports print them (0.43 of a week, 654.52). */
export const twoPlaces = (value: number): number => Math.round(value * 100) / 100;
