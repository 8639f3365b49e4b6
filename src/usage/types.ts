import type { MeterDefinition, PlanCharge } from "../billing/index.js";
import type { UsageError } from "./errors.js";

export const METER_STATUSES = ["active", "archived"] as const;
export type MeterStatus = (typeof METER_STATUSES)[number];

export interface Meter {
  readonly id: string;
  readonly merchantId: string;
  readonly name: string;
  /** What events name in `type`; unique per merchant. */
  readonly eventType: string;
  readonly definition: MeterDefinition;
  /** Events arrive `pending` (unless sent `confirmed`) and bill once confirmed. */
  readonly outcomeBased: boolean;
  /** How long after its timestamp a confirmed event may still be reversed; null: never. */
  readonly disputeWindowS: number | null;
  readonly status: MeterStatus;
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export const USAGE_EVENT_STATUSES = ["pending", "confirmed", "reversed"] as const;
export type UsageEventStatus = (typeof USAGE_EVENT_STATUSES)[number];

/** One stored usage event, as reads and the billing drill-down show it. */
export interface UsageEventView {
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly meterId: string;
  readonly timestampMs: number;
  /** The period the event counts in (for a late confirmation: the period it was billed in). */
  readonly periodStartMs: number;
  /** This event's contribution in the meter's quantity units. */
  readonly quantity: bigint;
  readonly groupKey: readonly (string | null)[];
  readonly status: UsageEventStatus;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly ingestedAtMs: number;
}

export type EventOutcome = "accepted" | "duplicate" | "rejected";

export interface EventResult {
  readonly index: number;
  /** The event's id as sent; null when it was missing or not a valid id. */
  readonly id: string | null;
  readonly status: EventOutcome;
  readonly error?: UsageError;
}

export interface UsageBatchResult {
  /** The audit trail's name for this batch; null when nothing was recorded. */
  readonly batchId: string | null;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly results: readonly EventResult[];
}

/** A plan as ingestion needs it: its usage charges by meter. Plans' charges never change. */
export interface PlanCharges {
  readonly id: string;
  readonly charges: readonly PlanCharge[];
  readonly byMeter: ReadonlyMap<string, PlanCharge>;
  /** Some charge has a hard limit: ingestion must see the exact period total. */
  readonly limited: boolean;
}

/** The subscription fields ingestion reads (the subscriptions module owns the row). */
export interface SubscriptionFacts {
  readonly id: string;
  readonly merchantId: string;
  readonly planId: string;
  readonly status: string;
  readonly chargingMode: "reserve" | "arrears";
  readonly currentPeriodStartMs: number;
  readonly currentPeriodEndMs: number;
  readonly reservedFine: bigint;
  readonly consumedFine: bigint;
}

/** What reads add: whose subscription it is, and its currency. */
export interface SubscriptionView extends SubscriptionFacts {
  readonly userId: string;
  readonly agentId: string;
  readonly currency: string;
}
