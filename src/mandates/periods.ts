/**
 * Calendar periods in the user's time zone: a daily budget resets at the user's midnight, not
 * UTC's. Keys are stable strings used in budget account ids: 2026-11-29, 2026-W48, 2026-11.
 */
export type Period = "day" | "week" | "month" | "year";

const formatters = new Map<string, Intl.DateTimeFormat>();

function localDate(ms: number, timeZone: string): { y: number; m: number; d: number } {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  const [y, m, d] = f.format(ms).split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { year: date.getUTCFullYear(), week };
}

export function periodKey(period: Period, ms: number, timeZone: string): string {
  const { y, m, d } = localDate(ms, timeZone);
  switch (period) {
    case "day":
      return `${y}-${pad(m)}-${pad(d)}`;
    case "week": {
      const w = isoWeek(y, m, d);
      return `${w.year}-W${pad(w.week)}`;
    }
    case "month":
      return `${y}-${pad(m)}`;
    case "year":
      return String(y);
  }
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
