/**
 * The mandate's static constraints, checked before any money moves. Budgets are not checked
 * here: they are legs of the payment's linked chain in the ledger, so that checking and spending
 * them is one atomic step.
 */
import type { Mandate } from "../mandates/index.js";
import type { DeclineCode } from "./declines.js";

export interface PaymentAsk {
  readonly amount: bigint;
  readonly currency: string;
  readonly merchantId: string;
  readonly merchantCategory: string;
}

export function checkMandate(m: Mandate, ask: PaymentAsk, nowMs: number): DeclineCode | null {
  if (m.status === "revoked") return "mandate_revoked";
  if (m.status === "paused") return "mandate_paused";
  if (nowMs < m.notBeforeMs) return "mandate_not_yet_valid";
  if (nowMs > m.notAfterMs) return "mandate_expired";
  if (ask.currency !== m.currency) return "currency_not_allowed";
  if (m.allowedMerchants !== null && !m.allowedMerchants.includes(ask.merchantId)) return "payee_not_allowed";
  if (m.allowedCategories !== null && !m.allowedCategories.includes(ask.merchantCategory)) return "category_not_allowed";
  if (ask.amount < m.amountMin) return "amount_below_range";
  if (ask.amount > m.amountMax) return "amount_above_range";
  return null;
}

/** Above the mandate's threshold the user confirms in real time. */
export function needsStepUp(m: Mandate, amount: bigint): boolean {
  return m.stepUpThreshold !== null && amount > m.stepUpThreshold;
}
