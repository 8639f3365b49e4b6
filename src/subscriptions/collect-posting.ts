/**
 * billing → settled | requires_confirmation | uncollectible: the frozen total is collected.
 *
 * Arrears: one payment of the total, in the recurrence slot of the period it is made in (the
 * next one: a settlement happens at the boundary). Reserve: the total is captured from the
 * period's holds, the first hold partly and further holds as needed, and the rest released —
 * the holds are the period's payment, so the settlement takes no slot of its own.
 */
import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { capturePayment, getPayment, type Payment, refundPayment } from "../payments/index.js";
import { onSettledUsageChanged } from "./credit.js";
import type { SubscriptionDeps } from "./deps.js";
import { finishRefused, finishSettled, finishWaiting } from "./finish-posting.js";
import { releaseHolds } from "./holds.js";
import { agentOf, merchantOf, payForPosting, periodPaymentKey } from "./money.js";
import { findPlan, findSubscription, paymentsOfPosting } from "./store.js";
import type { BillingPosting, Subscription } from "./types.js";

export async function collectPosting(deps: SubscriptionDeps, p: BillingPosting): Promise<Result<boolean, ApiError>> {
  const s = (await findSubscription(deps.database.db, p.subscriptionId))!;
  if (s.chargingMode === "reserve") return captureFromHolds(deps, s, p);
  if (p.status === "requires_confirmation") return resolve(deps, p, await getPayment(deps.payments, agentOf(s), p.paymentId!));
  // The first fee is not charged once the subscription it would start has been canceled.
  if (p.kind === "opening" && p.paymentId === null && s.status === "canceled") return ok(await finishRefused(deps, p, s.cancelReason ?? "canceled", null));
  if (p.totalAmount === 0n) return settle(deps, p, null);
  const plan = (await findPlan(deps.database.db, s.planId))!;
  const n = p.kind === "opening" ? 1 : p.periodNumber + 1;
  const what = p.kind === "opening" ? "first period" : `period ${p.periodNumber} usage`;
  const paid = await payForPosting(
    deps,
    s,
    p,
    { amount: p.totalAmount, key: periodPaymentKey(s, n), capture: true, purpose: "subscription", description: `${plan.name}: ${what}` },
    null,
  );
  return resolve(deps, p, paid);
}

/** What the payment's state means for the posting; `processing` is another process at work. */
async function resolve(deps: SubscriptionDeps, p: BillingPosting, paid: Result<Payment, ApiError>): Promise<Result<boolean, ApiError>> {
  if (!paid.ok) return paid;
  const payment = paid.value;
  switch (payment.status) {
    case "succeeded":
      return settle(deps, p, payment.id);
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
 */
async function captureFromHolds(deps: SubscriptionDeps, s: Subscription, p: BillingPosting): Promise<Result<boolean, ApiError>> {
  const holds = await paymentsOfPosting(deps.database.db, s.id, p.id);
  let captured = holds.reduce((sum, h) => sum + (h.status === "succeeded" ? h.amountCaptured - h.amountRefunded : 0n), 0n);
  for (const h of holds) {
    const due = p.totalAmount - captured;
    if (h.status !== "requires_capture" || due <= 0n) continue;
    const amount = due < h.amount ? due : h.amount;
    const done = await capturePayment(deps.payments, merchantOf(s), h.id, amount, null);
    if (done.ok) captured += done.value.amountCaptured;
  }
  await releaseHolds(deps, s, p.id, null);
  if (captured > p.totalAmount) {
    const excess = await refundExcess(deps, s, p, captured - p.totalAmount);
    if (!excess.ok) return excess;
    captured = p.totalAmount;
  }
  const first = holds.find((h) => h.purpose === "subscription")?.id ?? null;
  // Holds that lapsed before the settlement (the worker was down past the grace) leave the rest unpaid.
  if (captured < p.totalAmount) return ok(await finishRefused(deps, p, "hold_expired", first, false));
  return settle(deps, p, first);
}

/**
 * Settled. Usage reversed while the period was being billed was reported before its posting
 * was settled, so nothing credited it: the period is compared with its usage once more.
 */
async function settle(deps: SubscriptionDeps, p: BillingPosting, paymentId: string | null): Promise<Result<boolean, ApiError>> {
  const done = await finishSettled(deps, p, paymentId);
  if (done && p.kind === "period") await onSettledUsageChanged(deps, p.subscriptionId, p.periodStartMs);
  return ok(done);
}

async function refundExcess(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, excess: bigint): Promise<Result<void, ApiError>> {
  let left = excess;
  const holds = await paymentsOfPosting(deps.database.db, s.id, p.id);
  for (const h of holds) {
    const refundable = h.status === "succeeded" ? h.amountCaptured - h.amountRefunded : 0n;
    if (left <= 0n || refundable <= 0n) continue;
    const amount = left < refundable ? left : refundable;
    const reason = "Captured ahead of settlement beyond the period's final bill";
    const refund = await refundPayment(deps.payments, merchantOf(s), h.id, { amount, reason }, `sub:${p.id}:excess`, null);
    if (!refund.ok) return err(new ApiError("internal_error", `Could not return the excess of ${p.id}: ${refund.error.message}`));
    left -= amount;
  }
  return ok(undefined);
}
