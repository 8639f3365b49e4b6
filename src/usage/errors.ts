/**
 * Why one usage event (or one confirm/reverse of an event) was refused: a closed set, reported
 * per event in a batch's results. Batch-level failures (bad envelope, not allowed) are ApiErrors.
 */
import type { BillingErrorCode } from "../billing/index.js";

export type UsageErrorCode =
  | Exclude<BillingErrorCode, "invalid_meter" | "invalid_price" | "charge_too_large">
  /** The event is not shaped as documented (param names the field). */
  | "validation_error"
  /** No such subscription of the caller's. */
  | "subscription_not_found"
  | "subscription_not_active"
  /** No meter of the subscription's merchant has this event type. */
  | "meter_not_found"
  | "meter_archived"
  /** The subscription's plan does not bill this meter. */
  | "meter_not_in_plan"
  /** `pending` sent for a meter that is not outcome-based. */
  | "invalid_status"
  /** Older than the accepted past window, or ahead of the server's clock by more than the skew. */
  | "timestamp_out_of_range"
  /** Before the subscription's current period: that period is settled or being settled. */
  | "period_closed"
  /** At or after the current period's end: the renewal has not run yet; retry shortly. */
  | "period_not_open"
  /** The plan's hard limit on this meter for the period would be passed. */
  | "usage_limit_reached"
  /** Reserve mode: the period's reservation does not cover this event. */
  | "insufficient_reservation"
  /** All-or-nothing batch: this event was valid but another one was refused, so none was recorded. */
  | "batch_not_applied"
  /** Confirm/reverse: no event with this id on the subscription. */
  | "event_not_found"
  | "already_reversed"
  /** A confirmed event may be reversed only within its meter's dispute window. */
  | "dispute_window_closed"
  /** The event's meter has no dispute window (or cannot subtract), so a confirmed event stays. */
  | "not_reversible";

export interface UsageError {
  readonly code: UsageErrorCode;
  readonly message: string;
  readonly param?: string;
}

export function usageError(code: UsageErrorCode, message: string, param?: string): UsageError {
  return param === undefined ? { code, message } : { code, message, param };
}
