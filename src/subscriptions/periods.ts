/**
 * Billing periods. Period n (1-based) is [start(n), end(n)) with end(n) = anchor + n intervals,
 * computed in the mandate's time zone with calendar arithmetic (luxon), so that "monthly" means
 * the same day of the month (clamped: Jan 31 → Feb 28 → Mar 31, always from the anchor, never
 * drifting) and a day is a local day across daylight-saving changes.
 *
 * - anniversary: the anchor is the moment of subscribing; every period is whole.
 * - calendar: the anchor is the start of the calendar day, ISO week (Monday), month or year
 *   holding that moment; the first period runs from subscribing to the next boundary, and its
 *   flat fee is prorated to the millisecond.
 *
 * Renewals happen at period boundaries, so each renewal falls in its own calendar period of
 * the mandate's recurrence (same interval, same time zone): one payment per recurrence slot.
 */
import { DateTime } from "luxon";
import { assert } from "../core/assert.js";
import type { BillingAnchor, PlanInterval } from "./types.js";

const plural = { day: "days", week: "weeks", month: "months", year: "years" } as const;

function at(ms: number, timezone: string): DateTime {
  const t = DateTime.fromMillis(ms, { zone: timezone });
  assert(t.isValid, `periods: ${timezone} is not a time zone`);
  return t;
}

/** The anchor of a subscription started at `startMs`. */
export function anchorOf(startMs: number, interval: PlanInterval, anchor: BillingAnchor, timezone: string): number {
  // luxon's weeks are ISO weeks (Monday first) unless locale weeks are asked for.
  return anchor === "anniversary" ? startMs : at(startMs, timezone).startOf(interval).toMillis();
}

/** anchor + n intervals, in local calendar terms. */
export function boundary(anchorMs: number, interval: PlanInterval, n: number, timezone: string): number {
  return at(anchorMs, timezone).plus({ [plural[interval]]: n }).toMillis();
}

export interface PeriodBounds {
  readonly startMs: number;
  readonly endMs: number;
}

/** Period n of a subscription that started at `startedAtMs`. */
export function periodBounds(startedAtMs: number, anchorMs: number, interval: PlanInterval, n: number, timezone: string): PeriodBounds {
  assert(Number.isInteger(n) && n >= 1, "periods are numbered from 1");
  const startMs = n === 1 ? startedAtMs : boundary(anchorMs, interval, n - 1, timezone);
  return { startMs, endMs: boundary(anchorMs, interval, n, timezone) };
}

/**
 * The flat fee of a period: whole, except a first calendar period that starts after its
 * boundary, which pays the share of the full period it covers, to the millisecond, rounded down
 * in fine units (the payer is never charged for time not covered).
 */
export function periodFeeFine(flatFeeFine: bigint, anchorMs: number, n: number, bounds: PeriodBounds): bigint {
  if (n > 1 || bounds.startMs <= anchorMs) return flatFeeFine;
  const fullMs = BigInt(bounds.endMs - anchorMs);
  return (flatFeeFine * BigInt(bounds.endMs - bounds.startMs)) / fullMs;
}
