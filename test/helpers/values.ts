/** Checked value texts for model objects a test writes by hand: each read through the schema a file's would be. */
import { CalendarPointText, Duration, HoursRange } from '../../src/model/fields.js';

export const duration = (text: string) => Duration.parse(text);
export const point = (text: string) => CalendarPointText.parse(text);
export const hours = (text: string) => HoursRange.parse(text);
