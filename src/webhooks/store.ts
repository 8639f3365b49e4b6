import type { Kysely } from "kysely";
import { assert } from "../core/assert.js";
import type { Engine, Tables, WebhookDeliveryRow, WebhookEndpointRow } from "../store/index.js";
import { isWebhookEventType, type WebhookEventType } from "./events.js";
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  ENDPOINT_STATUSES,
  type EndpointStatus,
  type OwnerType,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "./types.js";

type Db = Kysely<Tables>;

export function endpointFromRow(r: WebhookEndpointRow): WebhookEndpoint {
  assert((ENDPOINT_STATUSES as readonly string[]).includes(r.status), `endpoint ${r.id} has status '${r.status}'`);
  assert(r.owner_type === "user" || r.owner_type === "merchant", `endpoint ${r.id} has owner type '${r.owner_type}'`);
  return {
    id: r.id,
    ownerType: r.owner_type as OwnerType,
    ownerId: r.owner_id,
    url: r.url,
    description: r.description,
    enabledEvents: JSON.parse(r.enabled_events) as (WebhookEventType | "*")[],
    status: r.status as EndpointStatus,
    consecutiveFailures: Number(r.consecutive_failures),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export function deliveryFromRow(r: WebhookDeliveryRow): WebhookDelivery {
  assert((DELIVERY_STATUSES as readonly string[]).includes(r.status), `delivery ${r.id} has status '${r.status}'`);
  assert(isWebhookEventType(r.event_type), `delivery ${r.id} has event type '${r.event_type}'`);
  const num = (v: bigint | null): number | null => (v === null ? null : Number(v));
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    nextAttemptAtMs: num(r.next_attempt_at),
    lastAttemptAtMs: num(r.last_attempt_at),
    lastResponseStatus: num(r.last_response_status),
    lastError: r.last_error,
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

/** With `lockFor` "postgres", the row stays locked until the transaction ends (SQLite transactions are serial anyway). */
export async function findEndpointRow(db: Db, id: string, lockFor: Engine | null = null): Promise<WebhookEndpointRow | undefined> {
  const q = db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id);
  return (lockFor === "postgres" ? q.forUpdate() : q).executeTakeFirst();
}

export async function findDeliveryRow(db: Db, endpointId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).where("endpoint_id", "=", endpointId).executeTakeFirst();
}
