import type { BudgetLine } from "../mandates/index.js";
import type { DeclineCode } from "./declines.js";

export const PAYMENT_STATUSES = ["processing", "requires_confirmation", "requires_capture", "succeeded", "canceled", "declined"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * What a payment pays for. `subscription` is a subscription's charge for one period (renewal,
 * settlement or its reservation hold) and counts as the period's occurrence of a recurring
 * mandate; `subscription_top_up` adds to a period's reservation and does not; `tip` is a tip.
 */
export const PAYMENT_PURPOSES = ["purchase", "subscription", "subscription_top_up", "tip"] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

export const CANCELLATION_REASONS = [
  "requested_by_agent",
  "requested_by_merchant",
  "requested_by_user",
  "requested_by_operator",
  "hold_expired",
  "confirmation_declined",
  "confirmation_expired",
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface LineItem {
  readonly description: string;
  readonly quantity: number;
  readonly unitAmount: bigint;
}

/** The user intent a payment serves: the link from money back to what the person asked for. */
export interface Intent {
  readonly id: string;
  /** sha256 of the user's instruction (the text itself stays with the agent unless given). */
  readonly hash: string | null;
  readonly givenAtMs: number | null;
}

export interface Payment {
  readonly id: string;
  readonly agentId: string;
  readonly userId: string;
  readonly mandateId: string;
  readonly merchantId: string;
  readonly purpose: PaymentPurpose;
  /** The subscription a `subscription` or `subscription_top_up` payment charges. */
  readonly subscriptionId: string | null;
  /** A tip's message to its recipient. */
  readonly tipMessage: string | null;
  readonly status: PaymentStatus;
  readonly amount: bigint;
  readonly currency: string;
  readonly amountCaptured: bigint;
  readonly amountRefunded: bigint;
  readonly feeAmount: bigint;
  readonly captureMethod: "automatic" | "manual";
  readonly description: string | null;
  readonly lineItems: readonly LineItem[] | null;
  readonly orderReference: string | null;
  readonly businessUnit: string | null;
  readonly costCentre: string | null;
  readonly sessionId: string | null;
  readonly intent: Intent;
  readonly declineCode: DeclineCode | null;
  readonly cancellationReason: CancellationReason | null;
  readonly idempotencyKey: string | null;
  /** sha256 of the request that created the payment: the same key with another request is refused. */
  readonly requestHash: string | null;
  readonly approvalId: string | null;
  /** When an uncaptured hold or an unanswered confirmation lapses. */
  readonly holdExpiresAtMs: number | null;
  /** The budgets the payment was charged against, fixed when it was authorised. */
  readonly budgetLines: readonly BudgetLine[];
  /**
   * A recurring charge: the moment it was due, whose recurrence slot it takes (null or absent:
   * the moment it is authorised). Optional so that payments built outside this module's rows
   * (fixtures) need not name it.
   */
  readonly recurrenceAtMs?: number | null;
  readonly receiptJws: string | null;
  readonly metadata: string | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export type ApprovalStatus = "pending" | "approved" | "declined" | "expired";

export interface Approval {
  readonly id: string;
  readonly paymentId: string;
  readonly userId: string;
  readonly status: ApprovalStatus;
  /** Why the user is asked: the mandate's step-up threshold or a risk decision. */
  readonly reason: "mandate_step_up" | "risk_step_up";
  readonly expiresAtMs: number;
  readonly decidedAtMs: number | null;
  readonly decidedBy: string | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface Refund {
  readonly id: string;
  readonly paymentId: string;
  readonly merchantId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly reason: string | null;
  readonly status: "succeeded";
  readonly createdBy: string;
  readonly createdAtMs: number;
}
