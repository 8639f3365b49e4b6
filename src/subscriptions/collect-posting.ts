/**
 * billing → settled | requires_confirmation | uncollectible: the frozen total is collected.
 *
 * Arrears: one payment of the total, in the recurrence slot of the moment it was due (the
 * boundary: a settlement carries the next period's fee in advance). Reserve: the total is
 * captured from the period's holds, the first hold partly and further holds as needed, and the
 * rest released — the holds are the period's payment, so the settlement takes no slot of its own.
 */
import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { cancelPayment, capturePayment, findPaymentByKey, getPayment, type Payment, refundPayment } from "../payments/index.js";
import { onSettledUsageChanged } from "./credit.js";
import type { SubscriptionDeps } from "./deps.js";
import { finishRefused, finishSettled, finishWaiting } from "./finish-posting.js";
import { releaseHolds } from "./holds.js";
import { agentOf, finalPaymentKey, merchantOf, payForPosting, periodPaymentKey, type PostingPayment } from "./money.js";
import { findPlan, findPosting, findSubscription, type HoldView, paymentsOfPosting } from "./store.js";
import { type BillingPosting, RENEWAL_WITHDRAWN, type Subscription } from "./types.js";

export async function collectPosting(deps: SubscriptionDeps, p: BillingPosting): Promise<Result<boolean, ApiError>> {
  const s = (await findSubscription(deps.database.db, p.subscriptionId))!;
  if (s.chargingMode === "reserve") return captureFromHolds(deps, s, p);
  if (p.status === "requires_confirmation") return resolve(deps, s, p, await getPayment(deps.payments, agentOf(s), p.paymentId!));
  const charge = await chargeOf(deps, s, p);
  // The posting learns its payment's id only when it finishes: after a crash in between, or a
  // cancellation racing the first charge, the payment is found by its derived key — never taken
  // as "nothing was charged".
  const made = await findPaymentByKey(deps.payments.database, s.agentId, charge.key);
  // The first fee is not charged once the subscription it would start has been canceled.
  if (p.kind === "opening" && s.status === "canceled") return withdrawOpening(deps, s, p, charge, made);
  if (p.totalAmount === 0n) return settle(deps, s, p, null);
  const paid = made !== undefined && made.status !== "processing" ? ok(made) : await payForPosting(deps, s, p, charge, null);
  return resolve(deps, s, p, paid);
}

/** The arrears payment a posting makes: its key, its slot and what it says it pays for. */
async function chargeOf(deps: SubscriptionDeps, s: Subscription, p: BillingPosting): Promise<PostingPayment> {
  const plan = (await findPlan(deps.database.db, s.planId))!;
  const base = { amount: p.totalAmount, capture: true, purpose: "subscription" } as const;
  if (p.kind === "opening") {
    return { ...base, key: periodPaymentKey(s, 1), recurrenceAtMs: p.periodStartMs, description: `${plan.name}: first period` };
  }
  const n = p.periodNumber + 1;
  const withFee = p.document?.lines.some((l) => l.kind === "fee") ?? false;
  const what = withFee ? `period ${p.periodNumber} usage and period ${n} fee in advance` : `period ${p.periodNumber} usage`;
  const withdrawn = p.declineCode === RENEWAL_WITHDRAWN;
  return {
    ...base,
    key: withdrawn ? finalPaymentKey(s, n) : periodPaymentKey(s, n),
    recurrenceAtMs: p.periodEndMs,
    description: `${plan.name}: ${what}${withdrawn ? " (final; the renewal was withdrawn)" : ""}`,
  };
}

/**
 * The subscription ended before its first fee was collected: no payment yet, nothing is owed;
 * one waiting for the user is canceled; one that moved money (the cancellation came after it)
 * settles the posting as any payment would.
 */
async function withdrawOpening(
  deps: SubscriptionDeps,
  s: Subscription,
  p: BillingPosting,
  charge: PostingPayment,
  made: Payment | undefined,
): Promise<Result<boolean, ApiError>> {
  if (made === undefined) return ok(await finishRefused(deps, p, s.cancelReason ?? "canceled", null));
  const current = made.status === "processing" ? await payForPosting(deps, s, p, charge, null) : ok(made);
  if (!current.ok || current.value.status !== "requires_confirmation") return resolve(deps, s, p, current);
  const canceled = await cancelPayment(deps.payments, merchantOf(s), current.value.id, null);
  if (!canceled.ok && canceled.error.code !== "conflict") return canceled;
  return resolve(deps, s, p, await getPayment(deps.payments, agentOf(s), current.value.id));
}

/** What the payment's state means for the posting; `processing` is another process at work. */
async function resolve(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, paid: Result<Payment, ApiError>): Promise<Result<boolean, ApiError>> {
  if (!paid.ok) return paid;
  const payment = paid.value;
  switch (payment.status) {
    case "succeeded":
      return settle(deps, s, p, payment.id);
    case "requires_confirmation":
      return ok(p.status === "billing" ? await finishWaiting(deps, p, payment) : false);
    case "declined":
      return ok(await finishRefused(deps, p, payment.declineCode ?? "processing_error", payment.id));
    case "canceled":
      return ok(await finishRefused(deps, p, payment.cancellationReason ?? "canceled", payment.id));
    case "processing":
    case "requires_capture":
      return ok(false);
  }
}

/**
 * Captures exactly the total from the period's holds, in order, and releases the rest. Safe to
 * run again: what earlier runs captured counts, captured holds are skipped. Rotations may have
 * captured more than the final total (usage reversed since): the excess goes back as a refund.
 *
 * What the holds cover is counted BEFORE anything is captured. When the live holds and what
 * rotations captured cannot pay the whole total (a hold lapsed while the worker was down, or a
 * top-up was canceled after its budget was used), nothing is captured: every hold is released and
 * what rotations captured is refunded, so that "uncollectible" always means nothing moved and the
 * unpaid usage is on one uncollectible invoice — rather than part of a bill paid with no invoice
 * for it, or one period split over a paid and an uncollectible invoice.
 */
async function captureFromHolds(deps: SubscriptionDeps, s: Subscription, p: BillingPosting): Promise<Result<boolean, ApiError>> {
  const holds = await paymentsOfPosting(deps.database.db, s.id, p.id);
  const nowMs = deps.clock.nowMs();
  let captured = capturedBy(holds);
  const live = holds.reduce((sum, h) => sum + (isLive(h, nowMs) ? h.amount : 0n), 0n);
  if (captured + live < p.totalAmount) return refuseUncovered(deps, s, p, holds, nowMs);
  for (const h of holds) {
    const due = p.totalAmount - captured;
    if (!isLive(h, nowMs) || due <= 0n) continue;
    const amount = due < h.amount ? due : h.amount;
    const done = await capturePayment(deps.payments, merchantOf(s), h.id, amount, null);
    if (done.ok) captured += done.value.amountCaptured;
  }
  await releaseHolds(deps, s, p.id, null);
  // A hold that lapsed or was canceled between the count and its capture: undone as above.
  if (captured < p.totalAmount) return refuseUncovered(deps, s, p, await paymentsOfPosting(deps.database.db, s.id, p.id), nowMs);
  if (captured > p.totalAmount) {
    const excess = await refundCaptured(deps, s, p, captured - p.totalAmount, "excess");
    if (!excess.ok) return excess;
  }
  return settle(deps, s, p, holds.find((h) => h.purpose === "subscription")?.id ?? null);
}

const capturedBy = (holds: readonly HoldView[]): bigint =>
  holds.reduce((sum, h) => sum + (h.status === "succeeded" ? h.amountCaptured - h.amountRefunded : 0n), 0n);

const isLive = (h: HoldView, nowMs: number): boolean => h.status === "requires_capture" && (h.holdExpiresAtMs === null || h.holdExpiresAtMs > nowMs);

/** The holds cannot pay the period: nothing stays captured, the unpaid usage goes on an uncollectible invoice. */
async function refuseUncovered(
  deps: SubscriptionDeps,
  s: Subscription,
  p: BillingPosting,
  holds: readonly HoldView[],
  nowMs: number,
): Promise<Result<boolean, ApiError>> {
  await releaseHolds(deps, s, p.id, null);
  const captured = capturedBy(holds);
  if (captured > 0n) {
    const undone = await refundCaptured(deps, s, p, captured, "uncovered");
    if (!undone.ok) return undone;
  }
  const lapsed = holds.some((h) => h.status === "requires_capture" && h.holdExpiresAtMs !== null && h.holdExpiresAtMs <= nowMs);
  const first = holds.find((h) => h.purpose === "subscription")?.id ?? null;
  // The period ends here; the next period has holds of its own, so the subscription goes on.
  return ok(await finishRefused(deps, p, lapsed ? "hold_expired" : "reservation_insufficient", first, false));
}

/**
 * Settled. Usage reversed while the period was being billed was reported before its posting
 * was settled, so nothing credited it: the period is compared with its usage once more. A charge
 * whose posting was refused meanwhile (a cancellation racing it) is returned: nothing else
 * accounts for it.
 */
async function settle(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, paymentId: string | null): Promise<Result<boolean, ApiError>> {
  const done = await finishSettled(deps, p, paymentId);
  if (done && p.kind === "period") await onSettledUsageChanged(deps, p.subscriptionId, p.periodStartMs);
  if (done || paymentId === null || s.chargingMode === "reserve") return ok(done);
  const now = (await findPosting(deps.database.db, p.id))!;
  if (now.status !== "void" && now.status !== "uncollectible") return ok(false);
  const payment = await getPayment(deps.payments, agentOf(s), paymentId);
  if (!payment.ok) return payment;
  const left = payment.value.amountCaptured - payment.value.amountRefunded;
  if (left <= 0n) return ok(false);
  const reason = `Charged for ${p.id} after it was refused`;
  const refund = await refundPayment(deps.payments, merchantOf(s), paymentId, { amount: left, reason }, `sub:${p.id}:withdrawn`, null, { settlement: true });
  return refund.ok ? ok(false) : err(new ApiError("internal_error", `Could not return the charge of ${p.id}: ${refund.error.message}`));
}

/** Refunds `amount` of what the posting's holds captured, hold by hold (one key per purpose and hold). */
async function refundCaptured(
  deps: SubscriptionDeps,
  s: Subscription,
  p: BillingPosting,
  amount: bigint,
  purpose: "excess" | "uncovered",
): Promise<Result<void, ApiError>> {
  let left = amount;
  const reason = purpose === "excess" ? "Captured ahead of settlement beyond the period's final bill" : "The period's holds could not pay its bill";
  for (const h of await paymentsOfPosting(deps.database.db, s.id, p.id)) {
    const refundable = h.status === "succeeded" ? h.amountCaptured - h.amountRefunded : 0n;
    if (left <= 0n || refundable <= 0n) continue;
    const part = left < refundable ? left : refundable;
    const refund = await refundPayment(deps.payments, merchantOf(s), h.id, { amount: part, reason }, `sub:${p.id}:${purpose}`, null, { settlement: true });
    if (!refund.ok) return err(new ApiError("internal_error", `Could not return the ${purpose} of ${p.id}: ${refund.error.message}`));
    left -= refund.value.amount;
  }
  return ok(undefined);
}
