/**
 * Why a payment was declined, as a closed set of machine-readable codes an agent can act on,
 * each with the human sentence it is shown with and what the agent should do next.
 */
import type { BudgetLevel } from "../mandates/index.js";

export const DECLINE_CODES = [
  "mandate_paused",
  "mandate_revoked",
  "mandate_expired",
  "mandate_not_yet_valid",
  "mandate_exhausted",
  "currency_not_allowed",
  "payee_not_allowed",
  "category_not_allowed",
  "amount_below_range",
  "amount_above_range",
  "over_budget_total",
  "over_budget_period",
  "over_budget_session",
  "recurrence_limit_reached",
  "recurrence_period_used",
  "tips_not_allowed",
  "over_tip_cap_recipient",
  "over_tip_cap_day",
  "kyc_limit_exceeded",
  "insufficient_funds",
  "agent_suspended",
  "merchant_unavailable",
  "risk_blocked",
  "confirmation_declined",
  "confirmation_expired",
  "processing_error",
] as const;

export type DeclineCode = (typeof DECLINE_CODES)[number];

export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  mandate_paused: "The user has paused this mandate. Ask the user to resume it.",
  mandate_revoked: "The user has revoked this mandate. Do not retry; ask the user for a new mandate.",
  mandate_expired: "The mandate's approved window has ended. Ask the user for a new mandate.",
  mandate_not_yet_valid: "The mandate's approved window has not started yet.",
  mandate_exhausted: "The mandate's total budget or number of payments is used up.",
  currency_not_allowed: "The mandate does not allow payments in this currency.",
  payee_not_allowed: "The mandate does not allow payments to this merchant.",
  category_not_allowed: "The mandate does not allow payments to this merchant category.",
  amount_below_range: "The amount is below the smallest payment the mandate allows.",
  amount_above_range: "The amount is above the largest payment the mandate allows.",
  over_budget_total: "The payment exceeds what is left of the mandate's total budget.",
  over_budget_period: "The payment exceeds what is left of the mandate's budget for this day, week or month.",
  over_budget_session: "The payment exceeds what is left of this session's budget.",
  recurrence_limit_reached: "The mandate's maximum number of payments has been reached.",
  recurrence_period_used: "The mandate allows one payment per period and this period's is made.",
  tips_not_allowed: "The mandate does not allow tips. Ask the user for a mandate with tip caps.",
  over_tip_cap_recipient: "The tip exceeds what is left of today's tip cap for this recipient (the user's day). Do not retry today.",
  over_tip_cap_day: "The tip exceeds what is left of today's tip cap across recipients (the user's day). Do not retry today.",
  kyc_limit_exceeded: "The payment exceeds the user's verification (KYC) limits.",
  insufficient_funds: "The user's wallet does not hold enough money. Ask the user to top up.",
  agent_suspended: "This agent is suspended.",
  merchant_unavailable: "The merchant cannot accept payments.",
  risk_blocked: "Risk control blocked this payment.",
  confirmation_declined: "The user declined this payment.",
  confirmation_expired: "The user did not confirm this payment in time.",
  processing_error: "AgentPay could not process this payment; it has been logged. Retry later with the same Idempotency-Key.",
};

/** The decline a failed budget leg of a payment's linked chain stands for. */
export function budgetDecline(level: BudgetLevel): DeclineCode {
  switch (level) {
    case "total":
      return "over_budget_total";
    case "day":
    case "week":
    case "month":
      return "over_budget_period";
    case "session":
      return "over_budget_session";
    case "occurrences":
      return "recurrence_limit_reached";
    case "recurrence":
      return "recurrence_period_used";
    case "user_day":
      return "kyc_limit_exceeded";
    case "tip_day":
      return "over_tip_cap_day";
    case "tip_recipient_day":
      return "over_tip_cap_recipient";
  }
}
