/**
 * An agent subscribes its user to a plan under a recurring mandate. The mandate is checked as
 * a payment would check it (status, window, payee, currency) and must recur at the plan's
 * interval: a subscription can only live under a recurring mandate, whose recurrence slots
 * (one payment per period, at most max_occurrences) then count its periods exactly.
 *
 * The subscription and its first period's posting are written first (status `incomplete` while
 * money must move), then the first period's money moves: arrears mode charges the first flat
 * fee (if any), reserve mode places the first hold. Idempotent on the agent's key: a retry
 * answers the same subscription and finishes whatever step a crash interrupted.
 */
import { createHash } from "node:crypto";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { loadMandate, type Mandate } from "../mandates/index.js";
import { DECLINE_MESSAGES, type DeclineCode, getPayment, type Payment } from "../payments/index.js";
import type { Merchant } from "../parties/index.js";
import { maySeePlan } from "./access.js";
import { advancePosting } from "./advance-posting.js";
import type { SubscriptionDeps } from "./deps.js";
import { recordSubscriptionEvent } from "./events.js";
import { newBillingId } from "./ids.js";
import { feeOf, openPosting } from "./lifecycle.js";
import { agentOf } from "./money.js";
import { anchorOf, periodBounds } from "./periods.js";
import { minimumReservation } from "./reservation.js";
import { subscriptionToRow } from "./rows.js";
import type { CreateSubscriptionBody } from "./schema.js";
import { findPlan, findSubscription, findSubscriptionByKey, periodPosting, postingsWithStatus } from "./store.js";
import { type Plan, type Subscription, UNFINISHED_POSTING_STATUSES } from "./types.js";

export interface Subscribed {
  readonly subscription: Subscription;
  /** The first period's payment or hold when it was refused: the subscription ended before it began. */
  readonly refused: Payment | null;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
const declined = (code: DeclineCode) =>
  err(new ApiError("payment_declined", DECLINE_MESSAGES[code], "mandate_id", { decline_code: code }));
const invalid = (message: string, param: string) => err(new ApiError("validation_error", message, param));

export async function subscribe(
  deps: SubscriptionDeps,
  actor: Principal,
  body: CreateSubscriptionBody,
  idempotencyKey: string,
  requestId: string | null,
): Promise<Result<Subscribed, ApiError>> {
  if (actor.type !== "agent") return err(new ApiError("forbidden", "Only an agent subscribes, under a mandate its user granted."));
  const requestHash = requestHashOf(body);
  const existing = await findSubscriptionByKey(deps.database.db, actor.id, idempotencyKey);
  if (existing !== undefined) return resume(deps, existing, requestHash);
  const [plan, mandate] = await Promise.all([findPlan(deps.database.db, body.plan_id), loadMandate(deps.payments, body.mandate_id)]);
  if (plan === undefined || !maySeePlan(actor, plan)) return err(new ApiError("not_found", `No active plan '${body.plan_id}'.`, "plan_id"));
  if (mandate === undefined || mandate.agentId !== actor.id) {
    return err(new ApiError("not_found", `No mandate '${body.mandate_id}' granted to you.`, "mandate_id"));
  }
  const merchant = await deps.payments.parties.merchant(plan.merchantId);
  const nowMs = deps.clock.nowMs();
  const refused = merchant === undefined ? declined("merchant_unavailable") : checkMandate(mandate, plan, merchant, nowMs);
  if (refused !== null) return refused;
  const draft = draftSubscription(body, actor, plan, mandate, idempotencyKey, requestHash, nowMs);
  if (!draft.ok) return draft;
  const checked = checkReservation(draft.value, plan, mandate, merchant!);
  if (!checked.ok) return checked;
  const inserted = await insert(deps, draft.value, plan, merchant!.taxRateBps, requestId);
  return resume(deps, inserted ?? (await findSubscriptionByKey(deps.database.db, actor.id, idempotencyKey))!, requestHash);
}

/** What makes two requests the same subscription; free text (the instruction's wording) is left out. */
function requestHashOf(b: CreateSubscriptionBody): string {
  const buyer = b.buyer === undefined ? null : [b.buyer.name, b.buyer.vat_id ?? null, b.buyer.country];
  return sha256(JSON.stringify([b.mandate_id, b.plan_id, b.intent.id, b.charging_mode ?? null, b.billing_anchor ?? null, b.reservation_amount ?? null, buyer]));
}

/** The mandate as a payment would find it, plus its recurrence. */
function checkMandate(m: Mandate, plan: Plan, merchant: Merchant, nowMs: number) {
  if (m.status === "revoked") return declined("mandate_revoked");
  if (m.status === "paused") return declined("mandate_paused");
  if (nowMs < m.notBeforeMs) return declined("mandate_not_yet_valid");
  if (nowMs > m.notAfterMs) return declined("mandate_expired");
  if (merchant.status !== "active") return declined("merchant_unavailable");
  if (plan.currency !== m.currency) return declined("currency_not_allowed");
  if (m.allowedMerchants !== null && !m.allowedMerchants.includes(merchant.id)) return declined("payee_not_allowed");
  if (m.allowedCategories !== null && !m.allowedCategories.includes(merchant.category)) return declined("category_not_allowed");
  if (m.recurrence === null) {
    return invalid("This mandate does not recur: a subscription lives only under a mandate with a recurrence.", "mandate_id");
  }
  if (m.recurrence.frequency !== plan.interval) {
    const message = `This mandate recurs every ${m.recurrence.frequency} but the plan bills every ${plan.interval}: ask the user for a mandate that recurs every ${plan.interval}.`;
    return invalid(message, "mandate_id");
  }
  return null;
}

function draftSubscription(
  b: CreateSubscriptionBody,
  actor: Extract<Principal, { type: "agent" }>,
  plan: Plan,
  m: Mandate,
  idempotencyKey: string,
  requestHash: string,
  nowMs: number,
): Result<Subscription, ApiError> {
  const chargingMode = b.charging_mode ?? plan.chargingMode;
  const billingAnchor = b.billing_anchor ?? plan.billingAnchor;
  const reservation = b.reservation_amount === undefined ? plan.reservationAmount : BigInt(b.reservation_amount);
  if (chargingMode === "reserve" && reservation === null) {
    return invalid("Reserve mode needs a reservation_amount (the plan has no default).", "reservation_amount");
  }
  const anchorAtMs = anchorOf(nowMs, plan.interval, billingAnchor, m.timezone);
  const bounds = periodBounds(nowMs, anchorAtMs, plan.interval, 1, m.timezone);
  const hash = b.intent.instruction_hash ?? (b.intent.instruction === undefined ? null : sha256(b.intent.instruction));
  return ok({
    id: newBillingId("sub"),
    merchantId: plan.merchantId,
    planId: plan.id,
    userId: m.userId,
    agentId: actor.id,
    mandateId: m.id,
    currency: plan.currency,
    status: "active",
    chargingMode,
    billingAnchor,
    timezone: m.timezone,
    anchorAtMs,
    periodNumber: 1,
    currentPeriodStartMs: bounds.startMs,
    currentPeriodEndMs: bounds.endMs,
    cancelAtPeriodEnd: false,
    cancelReason: null,
    canceledAtMs: null,
    endedAtMs: null,
    reservationAmount: chargingMode === "reserve" ? reservation : null,
    reservedFine: 0n,
    consumedFine: 0n,
    residualFine: 0n,
    intent: { id: b.intent.id, hash },
    idempotencyKey,
    requestHash,
    buyer: b.buyer === undefined ? null : { name: b.buyer.name, vatId: b.buyer.vat_id ?? null, country: b.buyer.country },
    metadata: b.metadata ?? null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  });
}

/** A reservation is one payment: inside the mandate's range and budgets, and enough for the fee and its tax. */
function checkReservation(s: Subscription, plan: Plan, m: Mandate, merchant: Merchant): Result<void, ApiError> {
  const amount = s.reservationAmount;
  if (amount === null) return ok(undefined);
  if (amount < m.amountMin || amount > m.amountMax) {
    return invalid(`reservation_amount must be within the mandate's range per payment, ${m.amountMin} to ${m.amountMax}.`, "reservation_amount");
  }
  const budgets = [m.budgetTotal, m.budgetMonth, m.budgetWeek, m.budgetDay].filter((b): b is bigint => b !== null);
  if (budgets.some((b) => amount > b)) return invalid("reservation_amount exceeds one of the mandate's budgets.", "reservation_amount");
  const floor = minimumReservation(plan.flatFeeFine, merchant.taxRateBps);
  if (amount < floor) return invalid(`reservation_amount must cover the flat fee, its tax and a rounding unit: at least ${floor}.`, "reservation_amount");
  return ok(undefined);
}

/** The subscription and its first postings, in one transaction; null when a concurrent request with the same key won. */
async function insert(deps: SubscriptionDeps, draft: Subscription, plan: Plan, taxRateBps: number | null, requestId: string | null) {
  const fee = feeOf(draft, plan, 1);
  const charges = draft.chargingMode === "reserve" || fee > 0n;
  const s: Subscription = { ...draft, status: charges ? "incomplete" : "active" };
  const change = { actor: agentOf(s), requestId, nowMs: s.createdAtMs };
  const bounds = { startMs: s.currentPeriodStartMs, endMs: s.currentPeriodEndMs };
  try {
    return await deps.database.transaction(async (trx) => {
      await trx.insertInto("subscriptions").values(subscriptionToRow(s)).execute();
      await recordSubscriptionEvent(trx, s, "created", null, change, { charging_mode: s.chargingMode, billing_anchor: s.billingAnchor });
      const status = s.chargingMode === "reserve" ? "reserving" : "open";
      await openPosting(trx, s, { kind: "period", status, periodNumber: 1, bounds, taxRateBps }, change);
      if (s.chargingMode === "arrears" && fee > 0n) {
        await openPosting(trx, s, { kind: "opening", status: "closed", periodNumber: 1, bounds, taxRateBps }, change);
      }
      return s;
    });
  } catch (error) {
    if (await findSubscriptionByKey(deps.database.db, s.agentId, s.idempotencyKey)) return null;
    throw error;
  }
}

/** Finishes the first period's money step (if a crash or a concurrent request left it) and answers. */
async function resume(deps: SubscriptionDeps, s: Subscription, requestHash: string): Promise<Result<Subscribed, ApiError>> {
  if (s.requestHash !== requestHash) {
    return err(new ApiError("idempotency_key_reused", "This Idempotency-Key was used with a different subscription request."));
  }
  for (const p of await postingsWithStatus(deps.database.db, s.id, UNFINISHED_POSTING_STATUSES)) {
    const advanced = await advancePosting(deps, p.id);
    if (!advanced.ok) return advanced;
  }
  const now = (await findSubscription(deps.database.db, s.id))!;
  return ok({ subscription: now, refused: await refusedFirst(deps, now) });
}

async function refusedFirst(deps: SubscriptionDeps, s: Subscription): Promise<Payment | null> {
  if (s.status !== "canceled" || s.canceledAtMs === null) return null;
  const first = (await periodPosting(deps.database.db, s.id, "opening", 1)) ?? (await periodPosting(deps.database.db, s.id, "period", 1));
  if (first === undefined || first.paymentId === null || (first.status !== "void" && first.status !== "uncollectible")) return null;
  const payment = await getPayment(deps.payments, agentOf(s), first.paymentId);
  return payment.ok && (payment.value.status === "declined" || payment.value.status === "canceled") ? payment.value : null;
}
