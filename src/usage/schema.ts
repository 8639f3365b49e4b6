/**
 * Wire formats of meters, usage events and usage reads, shared by HTTP and MCP. Times are Unix
 * seconds — fractional to the millisecond where an event's time needs it (1718000000.123);
 * quantities are integers in the meter's units, digit strings above 2^53 − 1; money is a
 * decimal string in major units to the fine scale ("0.0042"), as prices are.
 */
import { z } from "zod";
import { meterBody } from "../billing/index.js";
import { merchantIdSchema, metadataSchema } from "../parties/index.js";
import { formatFine, type CurrencyCode } from "../money/index.js";
import {
  DISPUTE_WINDOW_S_MAX,
  EVENT_ID_LENGTH_MAX,
  EVENT_PROPERTIES_JSON_LENGTH_MAX,
  EVENT_TYPE_LENGTH_MAX,
  METER_NAME_LENGTH_MAX,
  OBJECT_ID_LENGTH_MAX,
  OUTCOME_EVENT_IDS_MAX,
  TIMESTAMP_S_MAX,
  USAGE_BATCH_EVENTS_MAX,
} from "./limits.js";
import { parseTimestamp } from "./parse-event.js";
import { METER_STATUSES, type Meter, USAGE_EVENT_STATUSES, type UsageBatchResult, type UsageEventView } from "./types.js";

export const EVENT_TYPE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Quantities: exact integers, as digit strings past what a JSON number holds exactly. */
export const quantityOut = z.union([z.int(), z.string()]).describe("An integer in the meter's units; a digit string above 2^53 − 1.");
export const wireQuantity = (n: bigint): number | string => (n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString());
/** Milliseconds to Unix seconds, keeping the milliseconds as a fraction. */
export const wireSeconds = (ms: number): number => ms / 1000;
const secondsOut = z.number().describe("Unix seconds, fractional to the millisecond.");

// ---- meters ------------------------------------------------------------------------------------

export const eventTypeSchema = z
  .string()
  .min(1)
  .max(EVENT_TYPE_LENGTH_MAX)
  .regex(EVENT_TYPE_PATTERN, "letters, digits and _ . : - (starting with a letter or digit)")
  .describe("What usage events of this meter carry in `type`, e.g. api_call or ticket.resolved. Unique per merchant.");

export const createMeterBody = meterBody.extend({
  name: z.string().trim().min(1).max(METER_NAME_LENGTH_MAX).describe("A label for people: \"API calls\"."),
  event_type: eventTypeSchema,
  outcome_based: z
    .boolean()
    .default(false)
    .describe("Outcome-based units (a resolved ticket): events arrive pending unless sent confirmed, and only confirmed ones bill. count and sum meters only."),
  dispute_window_s: z
    .int()
    .min(0)
    .max(DISPUTE_WINDOW_S_MAX)
    .nullable()
    .default(null)
    .describe("How long after its timestamp a confirmed event may still be reversed (seconds); null: never. count, sum and duration meters only."),
  metadata: metadataSchema.optional(),
  merchant_id: merchantIdSchema.optional().describe("Operators only: the merchant the meter belongs to. A merchant's meters are its own."),
});
export type CreateMeterBody = z.output<typeof createMeterBody>;

export const updateMeterBody = z
  .strictObject({
    name: z.string().trim().min(1).max(METER_NAME_LENGTH_MAX).optional(),
    status: z.enum(METER_STATUSES).optional().describe("archived: events of its type are refused (meter_archived); active again takes them."),
    metadata: metadataSchema.optional(),
  })
  .describe("Only the name, status and metadata change: what a meter counts is fixed once usage may have been billed on it.");
export type UpdateMeterBody = z.output<typeof updateMeterBody>;

export const meterObject = z.object({
  id: z.string(),
  object: z.literal("meter"),
  merchant_id: z.string(),
  name: z.string(),
  event_type: z.string(),
  aggregation: z.string(),
  value_property: z.string().nullable(),
  value_scale_digits: z.int(),
  group_by: z.array(z.string()),
  outcome_based: z.boolean(),
  dispute_window_s: z.int().nullable(),
  status: z.enum(METER_STATUSES),
  metadata: z.record(z.string(), z.string()),
  created: z.int(),
  updated: z.int(),
});
export type MeterObject = z.output<typeof meterObject>;

export function presentMeter(m: Meter): MeterObject {
  return {
    id: m.id,
    object: "meter",
    merchant_id: m.merchantId,
    name: m.name,
    event_type: m.eventType,
    aggregation: m.definition.aggregation,
    value_property: m.definition.valueProperty,
    value_scale_digits: m.definition.valueScaleDigits,
    group_by: [...m.definition.groupBy],
    outcome_based: m.outcomeBased,
    dispute_window_s: m.disputeWindowS,
    status: m.status,
    metadata: { ...m.metadata },
    created: Math.floor(m.createdAtMs / 1000),
    updated: Math.floor(m.updatedAtMs / 1000),
  };
}

// ---- ingestion ---------------------------------------------------------------------------------

/**
 * One usage event as documented. Ingestion checks it by hand (parse-event.ts) so that a malformed
 * event is rejected on its own; this schema is its contract for OpenAPI and MCP.
 */
export const usageEventInput = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(EVENT_ID_LENGTH_MAX)
    .regex(/^[\x20-\x7e]+$/, "printable ASCII")
    .describe("Your id for this event, unique per subscription: an event with an id already recorded is a duplicate and is never counted again, however late it comes."),
  subscription_id: z.string().min(1).max(OBJECT_ID_LENGTH_MAX).describe("The subscription (sub_…) the usage is billed to."),
  type: z.string().min(1).max(EVENT_TYPE_LENGTH_MAX).describe("The event type of one of your meters."),
  timestamp: z
    .number()
    .min(0)
    .max(TIMESTAMP_S_MAX)
    .refine((s) => parseTimestamp(s, 0) !== null, "at most 3 decimals (milliseconds)")
    .optional()
    .describe("When the usage happened: Unix seconds, with up to 3 decimals for milliseconds (1718000000.125). Default: now. Must fall in the subscription's current period."),
  properties: z
    .record(z.string(), z.unknown())
    .refine((p) => JSON.stringify(p).length <= EVENT_PROPERTIES_JSON_LENGTH_MAX, `at most ${EVENT_PROPERTIES_JSON_LENGTH_MAX} characters of JSON`)
    .optional()
    .describe(`The meter's value property, group-by keys, and anything else (stored as sent; at most ${EVENT_PROPERTIES_JSON_LENGTH_MAX} characters of JSON).`),
  status: z.enum(["pending", "confirmed"]).optional().describe("Outcome-based meters only: default pending (not billed until confirmed)."),
});

export const usageBatchBody = z.strictObject({
  events: z.array(usageEventInput).min(1).max(USAGE_BATCH_EVENTS_MAX).describe(`1 to ${USAGE_BATCH_EVENTS_MAX} events.`),
  all_or_nothing: z
    .boolean()
    .default(false)
    .describe("Record nothing unless every event is accepted or a duplicate (default: valid events are recorded, the others rejected)."),
});

export const usageErrorObject = z.object({ code: z.string(), message: z.string(), param: z.string().optional() });

export const usageBatchObject = z.object({
  object: z.literal("usage_batch"),
  id: z.string().nullable().describe("The batch's id in the audit trail; null when nothing was recorded."),
  accepted: z.int(),
  duplicates: z.int(),
  rejected: z.int(),
  results: z.array(
    z.object({
      index: z.int(),
      id: z.string().nullable(),
      status: z.enum(["accepted", "duplicate", "rejected"]),
      error: usageErrorObject.optional(),
    }),
  ),
});
export type UsageBatchObject = z.output<typeof usageBatchObject>;

export function presentUsageBatch(r: UsageBatchResult): UsageBatchObject {
  return { object: "usage_batch", id: r.batchId, accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected, results: r.results as UsageBatchObject["results"] };
}

// ---- outcomes ----------------------------------------------------------------------------------

export const outcomeBody = z.strictObject({
  subscription_id: z.string().min(1).max(OBJECT_ID_LENGTH_MAX),
  event_ids: z.array(z.string().min(1).max(EVENT_ID_LENGTH_MAX)).min(1).max(OUTCOME_EVENT_IDS_MAX).describe(`1 to ${OUTCOME_EVENT_IDS_MAX} event ids.`),
});

export const outcomeBatchObject = z.object({
  object: z.literal("usage_outcome_batch"),
  subscription_id: z.string(),
  changed: z.int(),
  unchanged: z.int(),
  rejected: z.int(),
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["changed", "unchanged", "rejected"]),
      event_status: z.enum(USAGE_EVENT_STATUSES).nullable().describe("The event's status after the call; null if there is no such event."),
      error: usageErrorObject.optional(),
    }),
  ),
});
export type OutcomeBatchObject = z.output<typeof outcomeBatchObject>;

// ---- reads -------------------------------------------------------------------------------------

export const usageEventObject = z.object({
  object: z.literal("usage_event"),
  id: z.string(),
  subscription_id: z.string(),
  meter_id: z.string(),
  timestamp: secondsOut,
  period_start: secondsOut.describe("The period the event counts in (a late confirmation counts in the period it was confirmed in)."),
  quantity: quantityOut,
  group_key: z.array(z.string().nullable()).describe("The values of the meter's group-by keys, in order."),
  status: z.enum(USAGE_EVENT_STATUSES),
  properties: z.record(z.string(), z.unknown()),
  ingested: secondsOut,
});
export type UsageEventObject = z.output<typeof usageEventObject>;

export function presentUsageEvent(e: UsageEventView): UsageEventObject {
  return {
    object: "usage_event",
    id: e.eventId,
    subscription_id: e.subscriptionId,
    meter_id: e.meterId,
    timestamp: wireSeconds(e.timestampMs),
    period_start: wireSeconds(e.periodStartMs),
    quantity: wireQuantity(e.quantity),
    group_key: [...e.groupKey],
    status: e.status,
    properties: { ...e.properties },
    ingested: wireSeconds(e.ingestedAtMs),
  };
}

export const usageEventListObject = z.object({ object: z.literal("list"), data: z.array(usageEventObject), has_more: z.boolean() });

const usageFigures = {
  quantity: quantityOut.describe("Confirmed quantity (what bills)."),
  pending_quantity: quantityOut.describe("Outcome-based meters: pending quantity, not billed unless confirmed."),
  event_count: quantityOut,
};

export const subscriptionUsageObject = z.object({
  object: z.literal("subscription_usage"),
  subscription_id: z.string(),
  currency: z.string(),
  period_start: secondsOut,
  period_end: secondsOut.nullable().describe("The current period's end; null for an earlier period."),
  current: z.boolean(),
  charging_mode: z.string(),
  reservation: z
    .object({
      reserved: z.string().describe("The period's net usage budget (major units)."),
      consumed: z.string().describe("What usage has drawn from it, pending outcomes included."),
      remaining: z.string(),
    })
    .nullable()
    .describe("Reserve mode, current period only."),
  meters: z.array(
    z.object({
      meter_id: z.string(),
      event_type: z.string(),
      name: z.string(),
      aggregation: z.string(),
      ...usageFigures,
      amount: z.string().describe("The charge of the confirmed quantity under the plan (major units, before tax)."),
      groups: z.array(z.object({ key: z.array(z.string().nullable()), ...usageFigures })),
    }),
  ),
});
export type SubscriptionUsageObject = z.output<typeof subscriptionUsageObject>;

export const fine = (amount: bigint, currency: string): string => formatFine(amount, currency as CurrencyCode);
