import { DateTime, IANAZone } from "luxon";

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** The calendar date (YYYY-MM-DD) of an instant in the invoice's time zone. */
export function dateOf(ms: number, timezone: string): string {
  const date = DateTime.fromMillis(ms, { zone: timezone }).toISODate();
  if (date === null) throw new RangeError(`dateOf: cannot place ${ms} in ${timezone}`);
  return date;
}

/**
 * A billed period is [start, end) in milliseconds; a document names its last day, which is the
 * day of the last millisecond inside it (BT-74 is an inclusive date).
 */
export function periodDates(startMs: number, endMs: number, timezone: string): { start: string; end: string } {
  const lastMs = endMs > startMs ? endMs - 1 : startMs;
  return { start: dateOf(startMs, timezone), end: dateOf(lastMs, timezone) };
}
