/**
 * Every state change writes an audit event in the same database transaction as the change:
 * callers pass the transaction they are writing with. Events link the change to the user's
 * intent (intent → mandate → agent request → risk decision → approval → transfer → webhook).
 */
import type { Insertable, Kysely } from "kysely";
import { actorOf, type Principal } from "../core/principal.js";
import { newId } from "../core/ids.js";
import type { AuditEventRow, Tables } from "../store/index.js";

export interface AuditEvent {
  readonly actor: Principal | null;
  /** `<object>.<verb>` in the past tense: `mandate.created`, `payment.captured`. */
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly userId?: string | null;
  readonly intentId?: string | null;
  readonly mandateId?: string | null;
  readonly paymentId?: string | null;
  readonly beforeStatus?: string | null;
  readonly afterStatus?: string | null;
  readonly requestId?: string | null;
  readonly data?: Record<string, unknown> | null;
}

export function auditRow(event: AuditEvent, occurredAtMs: number): Insertable<AuditEventRow> & Record<string, string | bigint | null> {
  const { actorType, actorId } = actorOf(event.actor);
  return {
    id: newId("evt"),
    occurred_at: BigInt(occurredAtMs),
    actor_type: actorType,
    actor_id: actorId,
    action: event.action,
    object_type: event.objectType,
    object_id: event.objectId,
    user_id: event.userId ?? null,
    intent_id: event.intentId ?? null,
    mandate_id: event.mandateId ?? null,
    payment_id: event.paymentId ?? null,
    before_status: event.beforeStatus ?? null,
    after_status: event.afterStatus ?? null,
    request_id: event.requestId ?? null,
    data: event.data === undefined || event.data === null ? null : JSON.stringify(event.data),
  };
}

export async function recordAudit(trx: Kysely<Tables>, event: AuditEvent, occurredAtMs: number): Promise<void> {
  await trx.insertInto("audit_events").values(auditRow(event, occurredAtMs)).execute();
}
