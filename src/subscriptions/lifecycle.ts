/**
 * Shared steps of a subscription's life: its periods' postings, its fee per period, and the
 * guarded status changes (each with its audit event, in the caller's transaction).
 */
import type { Kysely } from "kysely";
import type { Tables } from "../store/index.js";
import { type Change, recordPostingEvent, recordSubscriptionEvent } from "./events.js";
import { newBillingId } from "./ids.js";
import { type PeriodBounds, periodBounds, periodFeeFine } from "./periods.js";
import { subscriptionToRow } from "./rows.js";
import { insertPosting, movePosting } from "./store.js";
import type { BillingPosting, Plan, PostingKind, PostingStatus, Subscription, SubscriptionStatus } from "./types.js";

export function boundsOf(s: Subscription, plan: Plan, n: number): PeriodBounds {
  return periodBounds(s.createdAtMs, s.anchorAtMs, plan.interval, n, s.timezone);
}

/** Period n's flat fee (fine units): prorated for a partial first calendar period. */
export function feeOf(s: Subscription, plan: Plan, n: number): bigint {
  return periodFeeFine(plan.flatFeeFine, s.anchorAtMs, n, boundsOf(s, plan, n));
}

export interface NewPosting {
  readonly kind: Exclude<PostingKind, "credit">;
  readonly status: PostingStatus;
  readonly periodNumber: number;
  readonly bounds: PeriodBounds;
  readonly taxRateBps: number | null;
}

/** Inserts a posting with nothing billed yet, and its audit event. */
export async function openPosting(trx: Kysely<Tables>, s: Subscription, p: NewPosting, change: Change): Promise<BillingPosting> {
  const posting: BillingPosting = {
    id: newBillingId("bpo"),
    subscriptionId: s.id,
    merchantId: s.merchantId,
    userId: s.userId,
    kind: p.kind,
    status: p.status,
    periodNumber: p.periodNumber,
    periodStartMs: p.bounds.startMs,
    periodEndMs: p.bounds.endMs,
    currency: s.currency,
    amountFine: 0n,
    residualBeforeFine: 0n,
    residualAfterFine: 0n,
    netAmount: 0n,
    taxAmount: 0n,
    totalAmount: 0n,
    quantities: [],
    declineCode: null,
    paymentId: null,
    refundId: null,
    invoiceId: null,
    taxRateBps: p.taxRateBps,
    document: null,
    createdAtMs: change.nowMs,
    updatedAtMs: change.nowMs,
  };
  await insertPosting(trx, posting);
  await recordPostingEvent(trx, posting, s, "created", null, change);
  return posting;
}

/**
 * Replaces the subscription's row if it is still as `before` (same status and period), with
 * its audit event; false when another writer changed it first.
 *
 * The usage counters and the residual are never written from `next`: usage ingestion, credits
 * and settlements change them without changing the status or the period, so a snapshot of them
 * may be stale even under the guard. They change only where they change — as deltas or
 * conditional updates — except that a new period starts with an empty reservation.
 */
export async function moveSubscription(
  trx: Kysely<Tables>,
  before: Subscription,
  next: Subscription,
  verb: string,
  change: Change,
  data: Record<string, unknown> = {},
): Promise<boolean> {
  const { id, residual_fine: _residual, reserved_fine: _reserved, consumed_fine: _consumed, ...row } = subscriptionToRow(next);
  const set = next.periodNumber === before.periodNumber ? row : { ...row, reserved_fine: 0n, consumed_fine: 0n };
  const result = await trx
    .updateTable("subscriptions")
    .set(set)
    .where("id", "=", id)
    .where("status", "=", before.status)
    .where("period_number", "=", BigInt(before.periodNumber))
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await recordSubscriptionEvent(trx, next, verb, before.status, change, data);
  return true;
}

/** The subscription with a new status (nothing else changed but the time). */
export function withStatus(s: Subscription, status: SubscriptionStatus, nowMs: number): Subscription {
  return { ...s, status, updatedAtMs: nowMs };
}

/** Ended: no further periods, no further usage. */
export function ended(s: Subscription, reason: string, endedAtMs: number, nowMs: number): Subscription {
  return {
    ...s,
    status: "canceled",
    cancelReason: reason,
    canceledAtMs: s.canceledAtMs ?? nowMs,
    endedAtMs: s.endedAtMs ?? endedAtMs,
    cancelAtPeriodEnd: false,
    updatedAtMs: nowMs,
  };
}

/** Moves a posting with its audit event; false when another writer moved it first. */
export async function movePostingAudited(
  trx: Kysely<Tables>,
  s: Subscription,
  before: BillingPosting,
  next: BillingPosting,
  from: readonly PostingStatus[],
  verb: string,
  change: Change,
): Promise<boolean> {
  if (!(await movePosting(trx, next, from))) return false;
  await recordPostingEvent(trx, next, s, verb, before.status, change);
  return true;
}
