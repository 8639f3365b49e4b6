/** The audit event of a payment's state change, linking it to the intent and mandate behind it. */
import { type AuditEvent, auditRow } from "../audit/index.js";
import type { Principal } from "../core/principal.js";
import type { RowWrite } from "../ledger/index.js";
import type { Payment } from "./types.js";

export function paymentEvent(
  p: Payment,
  actor: Principal | null,
  requestId: string | null,
  action: string,
  data: Record<string, unknown> = {},
  beforeStatus: string | null = null,
): AuditEvent {
  return {
    actor,
    action,
    objectType: "payment",
    objectId: p.id,
    userId: p.userId,
    intentId: p.intent.id,
    mandateId: p.mandateId,
    paymentId: p.id,
    beforeStatus,
    afterStatus: p.status,
    requestId,
    data: { amount: p.amount.toString(), currency: p.currency, merchant_id: p.merchantId, decline_code: p.declineCode, ...data },
  };
}

/** The same event as a row of a ledger batch, committed with the money it describes. */
export function auditWrite(event: AuditEvent, occurredAtMs: number): RowWrite {
  return { kind: "insert", table: "audit_events", values: auditRow(event, occurredAtMs) };
}
