/** Stored rows to domain objects. Both engines hand integers back as bigint. */
import type { Aggregation } from "../billing/index.js";
import type { MeterRow, SubscriptionRow, UsageEventRow } from "../store/index.js";
import type { Meter, MeterStatus, SubscriptionFacts, SubscriptionView, UsageEventStatus, UsageEventView } from "./types.js";

export function meterFromRow(r: MeterRow): Meter {
  return {
    id: r.id,
    merchantId: r.merchant_id,
    name: r.name,
    eventType: r.event_type,
    definition: {
      aggregation: r.aggregation as Aggregation,
      valueProperty: r.value_property,
      valueScaleDigits: Number(r.value_scale_digits),
      groupBy: JSON.parse(r.group_by) as string[],
    },
    outcomeBased: r.outcome_based === 1n,
    disputeWindowS: r.dispute_window_s === null ? null : Number(r.dispute_window_s),
    status: r.status as MeterStatus,
    metadata: r.metadata === null ? {} : (JSON.parse(r.metadata) as Record<string, string>),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export type SubscriptionFactsRow = Pick<
  SubscriptionRow,
  "id" | "merchant_id" | "plan_id" | "status" | "charging_mode" | "current_period_start" | "current_period_end" | "reserved_fine" | "consumed_fine"
>;
export type SubscriptionViewRow = SubscriptionFactsRow & Pick<SubscriptionRow, "user_id" | "agent_id" | "currency">;

/** The columns of SubscriptionFactsRow, in the order `subscriptionFromRaw` reads them. */
export const SUBSCRIPTION_FACT_COLUMNS =
  "id, merchant_id, plan_id, status, charging_mode, current_period_start, current_period_end, reserved_fine, consumed_fine";
export const SUBSCRIPTION_VIEW_COLUMNS = `${SUBSCRIPTION_FACT_COLUMNS}, user_id, agent_id, currency`;

export function subscriptionFromRow(r: SubscriptionFactsRow): SubscriptionFacts {
  return {
    id: r.id,
    merchantId: r.merchant_id,
    planId: r.plan_id,
    status: r.status,
    chargingMode: r.charging_mode === "reserve" ? "reserve" : "arrears",
    currentPeriodStartMs: Number(r.current_period_start),
    currentPeriodEndMs: Number(r.current_period_end),
    reservedFine: BigInt(r.reserved_fine),
    consumedFine: BigInt(r.consumed_fine),
  };
}

/** A row of SUBSCRIPTION_FACT_COLUMNS as an array (better-sqlite3's raw mode: no object per row). */
export function subscriptionFromRaw(r: readonly unknown[]): SubscriptionFacts {
  return {
    id: r[0] as string,
    merchantId: r[1] as string,
    planId: r[2] as string,
    status: r[3] as string,
    chargingMode: r[4] === "reserve" ? "reserve" : "arrears",
    currentPeriodStartMs: Number(r[5]),
    currentPeriodEndMs: Number(r[6]),
    reservedFine: BigInt(r[7] as bigint),
    consumedFine: BigInt(r[8] as bigint),
  };
}

export function subscriptionViewFromRow(r: SubscriptionViewRow): SubscriptionView {
  return { ...subscriptionFromRow(r), userId: r.user_id, agentId: r.agent_id, currency: r.currency };
}

export function usageEventFromRow(r: UsageEventRow): UsageEventView {
  return {
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    meterId: r.meter_id,
    timestampMs: Number(r.timestamp),
    periodStartMs: Number(r.period_start),
    quantity: BigInt(r.quantity),
    groupKey: JSON.parse(r.group_key) as (string | null)[],
    status: r.status as UsageEventStatus,
    properties: r.properties === null ? {} : (JSON.parse(r.properties) as Record<string, unknown>),
    ingestedAtMs: Number(r.ingested_at),
  };
}
