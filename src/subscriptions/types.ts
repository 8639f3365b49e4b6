/**
 * Plans, subscriptions and billing postings (DESIGN.md, "Usage billing and subscriptions").
 *
 * A plan is a merchant's offer: a flat fee per period and usage charges on its meters. A
 * subscription binds a user's recurring mandate (through the agent that subscribed) to a plan
 * and moves through periods. Each period has one billing posting — the aggregated charge the
 * ledger receives for it — and money moves at most once per period (one payment, or one hold in
 * reserve mode), so that the mandate's recurrence slot counts periods exactly.
 */
import type { PlanCharge } from "../billing/index.js";
import type { InvoiceLineInput, InvoiceParty, InvoiceSeller } from "../invoices/index.js";

export const PLAN_INTERVALS = ["day", "week", "month", "year"] as const;
export type PlanInterval = (typeof PLAN_INTERVALS)[number];

/**
 * anniversary: periods every interval from the moment of subscribing; calendar: periods aligned
 * to calendar days, ISO weeks (Monday), months or years in the mandate's time zone, the first
 * one partial.
 */
export const BILLING_ANCHORS = ["anniversary", "calendar"] as const;
export type BillingAnchor = (typeof BILLING_ANCHORS)[number];

/**
 * reserve: a hold per period, drawn down by usage in real time and settled at the period's end;
 * arrears: usage is charged at the period's end with the next period's flat fee.
 */
export const CHARGING_MODES = ["reserve", "arrears"] as const;
export type ChargingMode = (typeof CHARGING_MODES)[number];

export const PLAN_STATUSES = ["active", "archived"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface Plan {
  readonly id: string;
  readonly merchantId: string;
  readonly name: string;
  readonly description: string | null;
  readonly currency: string;
  readonly interval: PlanInterval;
  readonly billingAnchor: BillingAnchor;
  readonly chargingMode: ChargingMode;
  /** Recurring fee per full period in fine units (10⁻⁶ minor unit); 0 when the plan has none. */
  readonly flatFeeFine: bigint;
  /** Default hold per period in reserve mode (minor units). */
  readonly reservationAmount: bigint | null;
  readonly charges: readonly PlanCharge[];
  readonly status: PlanStatus;
  readonly metadata: Readonly<Record<string, string>> | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/**
 * incomplete: the first period's payment or hold waits for the user's confirmation;
 * active; past_due: a renewal's payment or hold waits for the user's confirmation;
 * canceled: ended (by request, or because a renewal was refused — see cancelReason).
 */
export const SUBSCRIPTION_STATUSES = ["incomplete", "active", "past_due", "canceled"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Who asked for a cancellation; a refused renewal records the payment's decline code instead. */
export const CANCEL_REQUESTERS = ["requested_by_agent", "requested_by_user", "requested_by_merchant", "requested_by_operator"] as const;

/** The buyer named on invoices: the business the subscription is for (B2B), or the user. */
export interface Buyer {
  readonly name: string;
  readonly vatId: string | null;
  readonly country: string | null;
}

export interface Subscription {
  readonly id: string;
  readonly merchantId: string;
  readonly planId: string;
  readonly userId: string;
  readonly agentId: string;
  readonly mandateId: string;
  readonly currency: string;
  readonly status: SubscriptionStatus;
  readonly chargingMode: ChargingMode;
  readonly billingAnchor: BillingAnchor;
  /** The mandate's time zone: calendar periods and the mandate's recurrence slots follow it. */
  readonly timezone: string;
  /** Period n ends at anchorAt + n intervals (calendar: the start of the first calendar period). */
  readonly anchorAtMs: number;
  readonly periodNumber: number;
  readonly currentPeriodStartMs: number;
  readonly currentPeriodEndMs: number;
  readonly cancelAtPeriodEnd: boolean;
  readonly cancelReason: string | null;
  readonly canceledAtMs: number | null;
  readonly endedAtMs: number | null;
  /** Reserve mode: the hold placed per period (minor units). */
  readonly reservationAmount: bigint | null;
  /** Reserve mode: the net usage the current period's holds cover, and what usage drew (fine units). */
  readonly reservedFine: bigint;
  readonly consumedFine: bigint;
  /** The rounding residual carried to the next posting (fine units, |r| < one minor unit). */
  readonly residualFine: bigint;
  readonly intent: { readonly id: string; readonly hash: string | null };
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly buyer: Buyer | null;
  readonly metadata: Readonly<Record<string, string>> | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/**
 * opening: an arrears subscription's first flat fee, charged when it starts;
 * period: one per period — its reservation (reserve mode) and its settlement;
 * credit: usage reversed after its period was settled, refunded to the payer.
 */
export const POSTING_KINDS = ["opening", "period", "credit"] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

/**
 * reserving: the period's hold is being placed or waits for the user's confirmation (reserve);
 * open: the period runs and usage accrues; closed: the period ended, ingestion is closed;
 * billing: amounts fixed, money being moved; requires_confirmation: the payment waits for the
 * user; settled: the money moved (or nothing was due); uncollectible: the payment was refused;
 * void: the period never started (its renewal was refused or the subscription was canceled).
 */
export const POSTING_STATUSES = [
  "reserving",
  "open",
  "closed",
  "billing",
  "requires_confirmation",
  "settled",
  "uncollectible",
  "void",
] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

/** Postings whose money has not finished moving: the billing worker advances them. */
export const UNFINISHED_POSTING_STATUSES: readonly PostingStatus[] = ["reserving", "closed", "billing", "requires_confirmation"];

/** Per meter, what a posting billed. */
export interface PostingQuantity {
  readonly meterId: string;
  /** The period's confirmed quantity. */
  readonly quantity: bigint;
  readonly includedQuantity: bigint;
  /** quantity − included, never below 0. */
  readonly billedQuantity: bigint;
  readonly chargeFine: bigint;
  readonly eventCount: bigint;
}

/** An invoice line as frozen on its posting; `kind` lets a refused renewal keep only the usage. */
export type DocumentLine = InvoiceLineInput & { readonly kind: "fee" | "usage" | "adjustment" };

/** The invoice input frozen when a posting's amounts are fixed (see migration 011). */
export interface PostingDocument {
  readonly typeCode: "380" | "381";
  readonly currency: string;
  readonly seller: InvoiceSeller;
  readonly buyer: InvoiceParty;
  readonly lines: readonly DocumentLine[];
  readonly carriedResidualFine: bigint;
  readonly taxRateBps: number | null;
  readonly issuedAtMs: number;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly timezone: string;
}

export interface BillingPosting {
  readonly id: string;
  readonly subscriptionId: string;
  readonly merchantId: string;
  readonly userId: string;
  readonly kind: PostingKind;
  readonly status: PostingStatus;
  readonly periodNumber: number;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly currency: string;
  /** Exact amount posted, fine units; negative for a credit. */
  readonly amountFine: bigint;
  readonly residualBeforeFine: bigint;
  readonly residualAfterFine: bigint;
  /** Minor units, negative for a credit; total = net + tax is what the payment moves. */
  readonly netAmount: bigint;
  readonly taxAmount: bigint;
  readonly totalAmount: bigint;
  readonly quantities: readonly PostingQuantity[];
  readonly declineCode: string | null;
  readonly paymentId: string | null;
  readonly refundId: string | null;
  readonly invoiceId: string | null;
  /** The merchant's tax rate when the period opened. */
  readonly taxRateBps: number | null;
  readonly document: PostingDocument | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/**
 * The decline code a period's arrears settlement carries once a cancellation withdrew the
 * renewal it waited on: it is billed again for its usage alone, under its own key (money.ts).
 */
export const RENEWAL_WITHDRAWN = "renewal_withdrawn";
/**
 * Why a renewal in reserve mode is refused before any hold: the reservation no longer covers
 * the period's fee and its tax at the merchant's current rate (the rate rose since subscribing).
 */
export const RESERVATION_BELOW_MINIMUM = "reservation_below_minimum";
