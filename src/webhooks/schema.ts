/** Wire formats of webhook endpoints and deliveries, shared by HTTP and any later transport. */
import { z } from "zod";
import { idOf, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, unixSeconds } from "../parties/index.js";
import { WEBHOOK_EVENT_TYPES } from "./events.js";
import { DELIVERY_STATUSES, ENDPOINT_STATUSES, type WebhookDelivery, type WebhookEndpoint } from "./types.js";
import { URL_LENGTH_MAX, urlRefusal } from "./url-policy.js";

export const DESCRIPTION_LENGTH_MAX = 500;
/** A rotated-out secret signs alongside the new one for at most a week. */
export const PREVIOUS_SECRET_TTL_S_MAX = 7 * 24 * 3600;

export const endpointIdSchema = idOf("whe");
export const deliveryIdSchema = idOf("whd");

const eventTypeSchema = z.enum([...WEBHOOK_EVENT_TYPES, "*"]);

const urlSchema = z
  .string()
  .min(1)
  .max(URL_LENGTH_MAX)
  .superRefine((v, ctx) => {
    // The structure only; which addresses are allowed is the deployment's policy, checked by the use case.
    const refusal = urlRefusal(v, "any");
    if (refusal !== null) ctx.addIssue({ code: "custom", message: refusal });
  })
  .describe("Where events are POSTed: http or https; redirects are not followed.");

const enabledEventsSchema = z
  .array(eventTypeSchema)
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, { message: "must not repeat an event type" })
  .refine((list) => !list.includes("*") || list.length === 1, { message: "'*' stands alone: it already means every event type" })
  .describe("The event types to deliver, or ['*'] for all of them.");

const descriptionSchema = z.string().trim().min(1).max(DESCRIPTION_LENGTH_MAX);

export const createEndpointBody = z.strictObject({
  url: urlSchema,
  enabled_events: enabledEventsSchema,
  description: descriptionSchema.optional(),
  owner: z.string().min(1).max(64).optional().describe("Admins only: the user or merchant the endpoint belongs to. Others own what they create."),
});

export const updateEndpointBody = z.strictObject({
  url: urlSchema.optional(),
  enabled_events: enabledEventsSchema.optional(),
  description: descriptionSchema.nullable().optional(),
  status: z.enum(["enabled", "disabled"]).optional().describe("`disabled` stops deliveries; `enabled` also ends `failing`."),
});

export const rotateSecretBody = z
  .strictObject({
    expire_previous_after_s: z
      .int()
      .min(0)
      .max(PREVIOUS_SECRET_TTL_S_MAX)
      .optional()
      .describe("How long the old secret keeps signing beside the new one (both signatures are sent); default 24 h, 0: at once."),
  })
  // No body at all arrives as null.
  .nullish();

export const listEndpointsQuery = z.strictObject({
  owner: z.string().min(1).max(64).optional().describe("Admins: only this user's or merchant's endpoints."),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  starting_after: endpointIdSchema.optional(),
});

export const listDeliveriesQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  starting_after: deliveryIdSchema.optional(),
});

export const endpointObject = z.object({
  id: z.string(),
  object: z.literal("webhook_endpoint"),
  owner: z.string(),
  owner_type: z.enum(["user", "merchant"]),
  url: z.string(),
  description: z.string().nullable(),
  enabled_events: z.array(z.string()),
  status: z.enum(ENDPOINT_STATUSES),
  consecutive_failures: z.int().describe("Failed attempts in a row; at the deployment's threshold the endpoint turns `failing`."),
  created: z.int(),
  updated: z.int(),
});

export const endpointWithSecretObject = endpointObject.extend({
  secret: z.string().describe("The signing secret (whsec_…), shown at creation and rotation only: verify `webhook-signature` with it."),
});

export const deletedEndpointObject = z.object({ id: z.string(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) });

export const deliveryObject = z.object({
  id: z.string(),
  object: z.literal("webhook_delivery"),
  endpoint_id: z.string(),
  event_id: z.string().describe("The `webhook-id` header of every attempt: receivers dedupe on it."),
  event_type: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.int(),
  next_attempt_at: z.int().nullable(),
  last_attempt_at: z.int().nullable(),
  last_response_status: z.int().nullable().describe("The receiver's HTTP status; null when there was none (timeout, refused)."),
  last_error: z.string().nullable(),
  created: z.int(),
  updated: z.int(),
});

const secs = (ms: number | null): number | null => (ms === null ? null : unixSeconds(ms));

export function presentEndpoint(e: WebhookEndpoint): z.output<typeof endpointObject> {
  return {
    id: e.id,
    object: "webhook_endpoint",
    owner: e.ownerId,
    owner_type: e.ownerType,
    url: e.url,
    description: e.description,
    enabled_events: [...e.enabledEvents],
    status: e.status,
    consecutive_failures: e.consecutiveFailures,
    created: unixSeconds(e.createdAtMs),
    updated: unixSeconds(e.updatedAtMs),
  };
}

export function presentDelivery(d: WebhookDelivery): z.output<typeof deliveryObject> {
  return {
    id: d.id,
    object: "webhook_delivery",
    endpoint_id: d.endpointId,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: secs(d.nextAttemptAtMs),
    last_attempt_at: secs(d.lastAttemptAtMs),
    last_response_status: d.lastResponseStatus,
    last_error: d.lastError,
    created: unixSeconds(d.createdAtMs),
    updated: unixSeconds(d.updatedAtMs),
  };
}
