/**
 * The audit events of subscriptions and billing postings, written in the same transaction as the
 * change they record. They carry the subscription's intent and mandate, so that every period's
 * charge traces back to the user's instruction, and the merchant, so that events reach it.
 */
import { type AuditEvent, recordAudit } from "../audit/index.js";
import type { Principal } from "../core/principal.js";
import type { Tables } from "../store/index.js";
import type { Kysely } from "kysely";
import type { BillingPosting, Subscription } from "./types.js";

export interface Change {
  readonly actor: Principal | null;
  readonly requestId: string | null;
  readonly nowMs: number;
}

/** `subscription.<verb>`: created, activated, renewed, incomplete, past_due, cancel_scheduled, period_closed, canceled, reservation_changed. */
export async function recordSubscriptionEvent(
  trx: Kysely<Tables>,
  s: Subscription,
  verb: string,
  beforeStatus: string | null,
  change: Change,
  data: Record<string, unknown> = {},
): Promise<void> {
  const event: AuditEvent = {
    actor: change.actor,
    action: `subscription.${verb}`,
    objectType: "subscription",
    objectId: s.id,
    userId: s.userId,
    intentId: s.intent.id,
    mandateId: s.mandateId,
    beforeStatus,
    afterStatus: s.status,
    requestId: change.requestId,
    data: {
      merchant_id: s.merchantId,
      agent_id: s.agentId,
      plan_id: s.planId,
      period_number: s.periodNumber,
      currency: s.currency,
      reason: s.cancelReason,
      ...data,
    },
  };
  await recordAudit(trx, event, change.nowMs);
}

/** `billing_posting.<verb>`: created, opened, closed, billed, awaiting_confirmation, settled, uncollectible, voided. */
export async function recordPostingEvent(
  trx: Kysely<Tables>,
  p: BillingPosting,
  s: Subscription,
  verb: string,
  beforeStatus: string | null,
  change: Change,
): Promise<void> {
  const event: AuditEvent = {
    actor: change.actor,
    action: `billing_posting.${verb}`,
    objectType: "billing_posting",
    objectId: p.id,
    userId: p.userId,
    intentId: s.intent.id,
    mandateId: s.mandateId,
    paymentId: p.paymentId,
    beforeStatus,
    afterStatus: p.status,
    requestId: change.requestId,
    data: {
      merchant_id: p.merchantId,
      subscription_id: p.subscriptionId,
      kind: p.kind,
      period_number: p.periodNumber,
      amount: p.totalAmount.toString(),
      currency: p.currency,
      invoice_id: p.invoiceId,
      refund_id: p.refundId,
      decline_code: p.declineCode,
    },
  };
  await recordAudit(trx, event, change.nowMs);
}
