/**
 * Every bound of the subscriptions module, named once; their relations are asserted when the
 * module loads.
 */
import { assert } from "../core/assert.js";
import { HOLD_TIMEOUT_S_MAX } from "../payments/index.js";
import { RECURRENCE_AT_GRACE_MS } from "../payments/create-payment.js";

export const PLAN_PAGE_SIZE_MAX = 100;
export const SUBSCRIPTION_PAGE_SIZE_MAX = 100;
export const POSTING_PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;
export const NAME_LENGTH_MAX = 200;
export const DESCRIPTION_LENGTH_MAX = 1_000;
export const METADATA_KEYS_MAX = 50;

/**
 * How long a reservation hold outlives its period: the billing worker settles a period within
 * this, and a hold that lapsed before that would leave the period uncollectible.
 */
export const SETTLEMENT_GRACE_MS = 3 * 24 * 3600 * 1000;
/**
 * The ledger caps a hold at HOLD_TIMEOUT_S_MAX (about 30 days): a longer period is covered by
 * successive holds. A live hold that lapses within this lead, before its period is settled, is
 * rotated: what the period surely owes is captured from it and the rest held again.
 */
export const HOLD_ROTATION_LEAD_MS = 2 * 24 * 3600 * 1000;
/** Subscriptions, postings and holds the billing worker handles per pass, and the pause between passes. */
export const BILLING_SWEEP_BATCH_MAX = 200;
export const BILLING_SWEEP_INTERVAL_MS = 1_000;
/** Steps one posting may take in one call (reserving → open, closed → billing → settled, …). */
export const POSTING_STEPS_MAX = 8;
/** A cancellation re-reads a subscription that changed under it at most this many times. */
export const CANCEL_ATTEMPTS_MAX = 3;
/** Top-up holds the user approved within this window are credited to the reservation by the worker. */
export const TOP_UP_RECONCILE_WINDOW_MS = 3_600_000;

assert(SETTLEMENT_GRACE_MS + HOLD_ROTATION_LEAD_MS < HOLD_TIMEOUT_S_MAX * 1000, "a hold outlives its rotation lead and the settlement grace");
assert(BILLING_SWEEP_BATCH_MAX >= 1 && POSTING_STEPS_MAX >= 4, "the worker makes progress");
assert(PAGE_SIZE_DEFAULT <= Math.min(PLAN_PAGE_SIZE_MAX, SUBSCRIPTION_PAGE_SIZE_MAX, POSTING_PAGE_SIZE_MAX), "default pages fit");
assert(SETTLEMENT_GRACE_MS <= RECURRENCE_AT_GRACE_MS, "a settlement made within its grace takes the recurrence slot it was due in");
