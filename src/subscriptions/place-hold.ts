/**
 * reserving → open: reserve mode's period starts with one hold of the reservation amount — the
 * period's payment, in its recurrence slot. Placing it is the subscription's start or renewal:
 * refused (window ended, occurrences used up, over budget, no funds, revoked…), the period
 * never starts and the subscription ends with the decline code as its reason. A reservation that
 * no longer covers the period's fee and its tax (the merchant's rate rose) is refused before any
 * hold is placed, with RESERVATION_BELOW_MINIMUM.
 */
import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { cancelPayment, getPayment, type Payment } from "../payments/index.js";
import type { SubscriptionDeps } from "./deps.js";
import type { Change } from "./events.js";
import { releaseHolds, syncReservation } from "./holds.js";
import { ended, feeOf, moveSubscription, movePostingAudited, withStatus } from "./lifecycle.js";
import { agentOf, payForPosting, periodPaymentKey } from "./money.js";
import { minimumReservation } from "./reservation.js";
import { findPlan, findPosting, findSubscription, lockSubscription } from "./store.js";
import { type BillingPosting, type Plan, RESERVATION_BELOW_MINIMUM, type Subscription } from "./types.js";

export async function placeHold(deps: SubscriptionDeps, p: BillingPosting): Promise<Result<boolean, ApiError>> {
  const s = (await findSubscription(deps.database.db, p.subscriptionId))!;
  if (s.status === "canceled") return ok(await voidReservation(deps, s, p, s.cancelReason ?? "canceled", p.paymentId));
  const plan = (await findPlan(deps.database.db, s.planId))!;
  // The reservation was sized at subscribing; the period's fee and the tax rate it opened with
  // may need more now. A hold that cannot pay the fee would leave the period uncollectible.
  if (p.paymentId === null && minimumReservation(feeOf(s, plan, p.periodNumber), p.taxRateBps) > s.reservationAmount!) {
    const refused = await holdRefused(deps, p, RESERVATION_BELOW_MINIMUM, null);
    // A hold placed before a crash, under the period's key, is released with it.
    await releaseHolds(deps, s, p.id, null);
    return ok(refused);
  }
  const paid = p.paymentId === null ? await placeFirst(deps, s, plan, p) : await getPayment(deps.payments, agentOf(s), p.paymentId);
  if (!paid.ok) return paid;
  const payment = paid.value;
  switch (payment.status) {
    case "requires_capture":
      return ok(await holdLive(deps, p, payment));
    case "requires_confirmation":
      return ok(p.paymentId === null ? await holdWaiting(deps, p, payment) : false);
    case "declined":
      return ok(await holdRefused(deps, p, payment.declineCode ?? "processing_error", payment.id));
    case "canceled":
      return ok(await holdRefused(deps, p, payment.cancellationReason ?? "canceled", payment.id));
    case "succeeded":
      return err(new ApiError("internal_error", `The reservation hold ${payment.id} of ${p.id} was captured before its period settled.`));
    case "processing":
      return ok(false);
  }
}

async function placeFirst(deps: SubscriptionDeps, s: Subscription, plan: Plan, p: BillingPosting) {
  return payForPosting(
    deps,
    s,
    p,
    {
      amount: s.reservationAmount!,
      key: periodPaymentKey(s, p.periodNumber),
      capture: false,
      purpose: "subscription",
      description: `${plan.name}: reservation for period ${p.periodNumber}`,
      recurrenceAtMs: p.periodStartMs,
    },
    null,
  );
}

const change = (deps: SubscriptionDeps): Change => ({ actor: null, requestId: null, nowMs: deps.clock.nowMs() });

/** The hold is live: the period is open for usage up to what it covers. */
async function holdLive(deps: SubscriptionDeps, p: BillingPosting, payment: Payment): Promise<boolean> {
  const c = change(deps);
  const opened = await deps.database.transaction(async (trx) => {
    const s = await lockSubscription(deps.database, trx, p.subscriptionId);
    const next: BillingPosting = { ...p, status: "open", paymentId: payment.id, updatedAtMs: c.nowMs };
    if (!(await movePostingAudited(trx, s, p, next, ["reserving"], "opened", c))) return null;
    if (s.status !== "canceled") {
      const verb = s.status === "incomplete" || p.periodNumber === 1 ? "activated" : "renewed";
      await moveSubscription(trx, s, withStatus(s, "active", c.nowMs), verb, c, { payment_id: payment.id });
    }
    return { s: withStatus(s, s.status === "canceled" ? "canceled" : "active", c.nowMs), next };
  });
  if (opened === null) {
    // The posting was voided meanwhile (a cancellation, a refused renewal): nothing will ever
    // capture or release this hold but its lapse, so it is released now.
    const now = await findPosting(deps.database.db, p.id);
    if (now?.status !== "open" || now.paymentId !== payment.id) await releaseHold(deps, p, payment.id);
    return false;
  }
  await syncReservation(deps, opened.s, opened.next, "raise");
  return true;
}

async function holdWaiting(deps: SubscriptionDeps, p: BillingPosting, payment: Payment): Promise<boolean> {
  const c = change(deps);
  return deps.database.transaction(async (trx) => {
    const s = await lockSubscription(deps.database, trx, p.subscriptionId);
    const next: BillingPosting = { ...p, paymentId: payment.id, updatedAtMs: c.nowMs };
    if (!(await movePostingAudited(trx, s, p, next, ["reserving"], "awaiting_confirmation", c))) return false;
    const status = p.periodNumber === 1 ? "incomplete" : "past_due";
    if (s.status !== "canceled" && s.status !== status) await moveSubscription(trx, s, withStatus(s, status, c.nowMs), status, c, { payment_id: payment.id });
    return true;
  });
}

async function releaseHold(deps: SubscriptionDeps, p: BillingPosting, paymentId: string): Promise<void> {
  const released = await cancelPayment(deps.payments, { type: "merchant", id: p.merchantId }, paymentId, null);
  if (!released.ok && released.error.code !== "conflict") throw released.error;
}

async function holdRefused(deps: SubscriptionDeps, p: BillingPosting, code: string, paymentId: string | null): Promise<boolean> {
  const c = change(deps);
  return deps.database.transaction(async (trx) => {
    const s = await lockSubscription(deps.database, trx, p.subscriptionId);
    const next: BillingPosting = { ...p, status: "void", declineCode: code, paymentId, updatedAtMs: c.nowMs };
    if (!(await movePostingAudited(trx, s, p, next, ["reserving"], "voided", c))) return false;
    if (s.status !== "canceled") await moveSubscription(trx, s, ended(s, code, p.periodStartMs, c.nowMs), "canceled", c, { payment_id: paymentId });
    return true;
  });
}

/** The subscription ended before its period's hold went live: nothing is reserved, anything held is released. */
async function voidReservation(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, code: string, paymentId: string | null): Promise<boolean> {
  await releaseHolds(deps, s, p.id, null);
  const c = change(deps);
  return deps.database.transaction(async (trx) => {
    const next: BillingPosting = { ...p, status: "void", declineCode: code, paymentId, updatedAtMs: c.nowMs };
    return movePostingAudited(trx, s, p, next, ["reserving"], "voided", c);
  });
}
