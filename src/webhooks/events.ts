/**
 * The event catalog: which audit actions are webhook events, whose endpoints each goes to, and
 * the JSON body a receiver gets. Events are "thin" snapshots taken from the audit event — what
 * changed, the ids it concerns, and the amount — rendered the same way on every attempt, so a
 * retry or a replay carries the very same body; a receiver fetches the full object by its id.
 * Webhook endpoints' own changes are audited but are not events, so a delivery can never cause
 * another delivery.
 */
import type { Selectable } from "kysely";
import type { AuditEventRow } from "../store/index.js";

export const WEBHOOK_EVENT_TYPES = [
  "payment.requires_confirmation",
  "payment.authorized",
  "payment.succeeded",
  "payment.captured",
  "payment.canceled",
  "payment.declined",
  "payment.refunded",
  "approval.approved",
  "approval.declined",
  "approval.expired",
  "mandate.created",
  "mandate.paused",
  "mandate.resumed",
  "mandate.revoked",
  "topup.succeeded",
  "topup.failed",
  "payout.succeeded",
  "payout.failed",
  "subscription.created",
  "subscription.activated",
  "subscription.renewed",
  "subscription.past_due",
  "subscription.canceled",
  "billing_posting.settled",
  "billing_posting.uncollectible",
  "invoice.created",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (action: string): action is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(action);

/**
 * Whose endpoints receive an event: a payment's go to its merchant and its user; approvals and
 * mandates are the user's business only; a top-up or payout goes to the party whose money moved;
 * subscriptions, their postings and invoices concern the subscriber and the merchant, whose id
 * their audit events carry.
 */
export type Route = "payment" | "user" | "funding" | "billing";

export function routeOf(type: WebhookEventType): Route {
  if (type.startsWith("payment.")) return "payment";
  if (type.startsWith("topup.") || type.startsWith("payout.")) return "funding";
  if (type.startsWith("subscription.") || type.startsWith("billing_posting.") || type.startsWith("invoice.")) return "billing";
  return "user";
}

/** The parties an event concerns, as found when it is dispatched. */
export interface Owners {
  readonly userId: string | null;
  readonly merchantId: string | null;
}

export interface EventPayload {
  readonly id: string;
  readonly object: "event";
  readonly type: WebhookEventType;
  /** Unix seconds, as every `created` in the API. */
  readonly created: number;
  /** ISO 8601, as the Standard Webhooks payload structure has it. */
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

/** Audit data fields that a receiver may see; anything else (ledger ids, instructions) stays internal. */
const DATA_FIELDS = [
  "currency",
  "decline_code",
  "approval_id",
  "reason",
  "failure_code",
  "agent_id",
  "subscription_id",
  "plan_id",
  "period_number",
  "invoice_id",
  "number",
  "type_code",
  "kind",
] as const;

export function renderEvent(row: Selectable<AuditEventRow>, type: WebhookEventType, owners: Owners): EventPayload {
  const extra = row.data === null ? {} : (JSON.parse(row.data) as Record<string, unknown>);
  const data: Record<string, unknown> = {
    object: row.object_type,
    id: row.object_id,
    status: row.after_status,
    previous_status: row.before_status,
    user_id: owners.userId,
    merchant_id: owners.merchantId,
    mandate_id: row.mandate_id,
    payment_id: row.payment_id,
    intent_id: row.intent_id,
  };
  // Amounts are integers in minor units on the wire; the audit trail keeps them as strings.
  if (typeof extra.amount === "string") data.amount = Number(extra.amount);
  for (const field of DATA_FIELDS) if (extra[field] !== undefined) data[field] = extra[field];
  const occurredAtMs = Number(row.occurred_at);
  return {
    id: row.id,
    object: "event",
    type,
    created: Math.floor(occurredAtMs / 1000),
    timestamp: new Date(occurredAtMs).toISOString(),
    data,
  };
}
