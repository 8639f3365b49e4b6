/**
 * Every movement of a subscription's money goes through the payments module, as the agent that
 * subscribed and under its mandate: the same checks (window, payee, amount range, budgets,
 * recurrence slot, KYC, risk, step-up) as any payment. Idempotency keys derive from the
 * subscription and the period, so a retry after a crash, or a second worker, converges on the
 * same payment; the posting's id is the payment's order reference, which links the ledger's
 * transfers to the posting and, through it, to the usage events it billed.
 */
import { createHash } from "node:crypto";
import type { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import type { Result } from "../core/result.js";
import { createPayment, type Payment, type PaymentPurpose, recurrenceAtAccepted } from "../payments/index.js";
import { HOLD_TIMEOUT_S_MAX } from "../payments/index.js";
import type { SubscriptionDeps } from "./deps.js";
import { SETTLEMENT_GRACE_MS } from "./limits.js";
import { findPlan } from "./store.js";
import type { BillingPosting, Subscription } from "./types.js";

export const agentOf = (s: Subscription): Principal => ({ type: "agent", id: s.agentId, userId: s.userId });
/** Captures, releases and refunds are the merchant's side of the payment. */
export const merchantOf = (s: Subscription): Principal => ({ type: "merchant", id: s.merchantId });

const digest = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 32);

/** The one payment (or hold) that takes period n's recurrence slot. */
export const periodPaymentKey = (s: Subscription, n: number): string => `sub:${s.id}:p${n}`;
/**
 * The arrears settlement of period n − 1 billed again without period n's fee, once the renewal
 * that carried the fee was withdrawn by a cancellation (its payment voided before it moved
 * anything, so period n's recurrence slot is still free).
 */
export const finalPaymentKey = (s: Subscription, n: number): string => `sub:${s.id}:p${n}:final`;
/** A top-up of period n asked by a caller with its own Idempotency-Key. */
export const topUpKey = (s: Subscription, n: number, caller: Principal, key: string): string =>
  `sub:${s.id}:p${n}:topup:${digest(`${caller.type}:${caller.id}\n${key}`)}`;
/** The hold that takes over from `holdId` when it is rotated (see rotate-holds.ts). */
export const rotationKey = (s: Subscription, n: number, holdId: string): string => `sub:${s.id}:p${n}:rehold:${holdId}`;

/** A hold lasts until its period's settlement grace has passed, or as long as the ledger allows. */
export function holdTimeoutS(periodEndMs: number, nowMs: number): number {
  const wantedS = Math.ceil((periodEndMs + SETTLEMENT_GRACE_MS - nowMs) / 1000);
  return Math.max(1, Math.min(HOLD_TIMEOUT_S_MAX, wantedS));
}

export interface PostingPayment {
  readonly amount: bigint;
  readonly key: string;
  readonly capture: boolean;
  readonly purpose: Extract<PaymentPurpose, "subscription" | "subscription_top_up">;
  readonly description: string;
  /** A charge that takes a recurrence slot: the moment it was due (see PaymentPurposeOptions.recurrenceAtMs). */
  readonly recurrenceAtMs?: number;
}

export async function payForPosting(
  deps: SubscriptionDeps,
  s: Subscription,
  posting: BillingPosting,
  pay: PostingPayment,
  requestId: string | null,
): Promise<Result<Payment, ApiError>> {
  const body = {
    mandate_id: s.mandateId,
    merchant_id: s.merchantId,
    amount: Number(pay.amount),
    currency: s.currency,
    description: pay.description,
    order_reference: posting.id,
    intent: { id: s.intent.id, ...(s.intent.hash === null ? {} : { instruction_hash: s.intent.hash }) },
    capture: pay.capture,
    metadata: { subscription_id: s.id, billing_posting_id: posting.id, period_number: String(posting.periodNumber) },
  };
  // A charge processed more than a period and the grace after it was due (the worker was down
  // that long) takes the slot of now, as any payment.
  const plan = pay.recurrenceAtMs === undefined ? undefined : await findPlan(deps.database.db, s.planId);
  const dueSlot = pay.recurrenceAtMs !== undefined && plan !== undefined && recurrenceAtAccepted(plan.interval, pay.recurrenceAtMs, deps.clock.nowMs());
  const options = {
    purpose: pay.purpose,
    subscriptionId: s.id,
    ...(dueSlot ? { recurrenceAtMs: pay.recurrenceAtMs! } : {}),
    ...(pay.capture ? {} : { holdTimeoutS: holdTimeoutS(posting.periodEndMs, deps.clock.nowMs()) }),
  };
  return createPayment(deps.payments, agentOf(s), body, pay.key, requestId, options);
}
