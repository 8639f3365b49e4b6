/**
 * Wire formats of plans, subscriptions and billing postings, shared by HTTP and MCP. Amounts
 * the ledger moves are integers in minor units; amounts finer than a minor unit (a plan's flat
 * fee, usage charges, residuals, reservation budgets) are decimal strings in major units, as
 * prices are ("0.0001" with CNY is ¥0.0001). Quantities are integers, or digit strings above
 * 2^53 − 1. Times are Unix seconds.
 */
import { z } from "zod";
import { PLAN_CHARGES_MAX, planChargeBody, presentPlanCharge } from "../billing/index.js";
import { MANDATE_AMOUNT_MAX } from "../mandates/index.js";
import { type CurrencyCode, formatFine, isCurrency } from "../money/index.js";
import { countrySchema, metadataSchema } from "../parties/index.js";
import { DESCRIPTION_LENGTH_MAX, NAME_LENGTH_MAX } from "./limits.js";
import {
  BILLING_ANCHORS,
  type BillingPosting,
  CHARGING_MODES,
  type Plan,
  PLAN_INTERVALS,
  PLAN_STATUSES,
  POSTING_KINDS,
  POSTING_STATUSES,
  type Subscription,
  SUBSCRIPTION_STATUSES,
} from "./types.js";

const secs = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 1000));
const fine = (value: bigint, currency: string): string => formatFine(value, currency as CurrencyCode);
const count = (n: bigint): number | string => (n >= -BigInt(Number.MAX_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString());
const quantity = z.union([z.int(), z.string()]).describe("An integer; a digit string above 2^53 − 1.");
const decimal = z.string().describe("A decimal amount in major units, finer than a minor unit where it needs to be.");
const amount = z.int().min(1).max(MANDATE_AMOUNT_MAX);
const id = z.string().min(1).max(64);

// ---- plans -------------------------------------------------------------------------------------

export const createPlanBody = z.strictObject({
  name: z.string().trim().min(1).max(NAME_LENGTH_MAX),
  description: z.string().min(1).max(DESCRIPTION_LENGTH_MAX).optional(),
  currency: z.string().refine(isCurrency, { message: "must be an ISO 4217 currency code in upper case" }),
  interval: z.enum(PLAN_INTERVALS).describe("The billing period; a subscriber's mandate must recur at this frequency."),
  billing_anchor: z
    .enum(BILLING_ANCHORS)
    .default("anniversary")
    .describe("Subscriptions' default: periods from the moment of subscribing, or aligned to the calendar (first period prorated)."),
  charging_mode: z
    .enum(CHARGING_MODES)
    .default("arrears")
    .describe("Subscriptions' default: reserve (a hold per period drawn down in real time) or arrears (charged at period end)."),
  flat_fee: z
    .string()
    .min(1)
    .max(40)
    .default("0")
    .describe("Recurring fee per period in major units, up to the currency's decimals + 6; \"0\" for none."),
  reservation_amount: amount
    .optional()
    .describe("Reserve mode's default hold per period, in minor units: covers the flat fee, usage and tax."),
  charges: z.array(planChargeBody).max(PLAN_CHARGES_MAX).default([]).describe("Usage charges, at most one per meter."),
  metadata: metadataSchema.optional(),
});
export type CreatePlanBody = z.output<typeof createPlanBody>;

export const updatePlanBody = z
  .strictObject({
    name: z.string().trim().min(1).max(NAME_LENGTH_MAX).optional(),
    description: z.string().min(1).max(DESCRIPTION_LENGTH_MAX).nullable().optional(),
    status: z.enum(PLAN_STATUSES).optional().describe("archived: no new subscriptions; existing ones continue."),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "name, description or status" })
  .describe("Charges, currency and interval never change: create a new plan instead.");
export type UpdatePlanBody = z.output<typeof updatePlanBody>;

export const planObject = z.object({
  id: z.string(),
  object: z.literal("plan"),
  merchant_id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  currency: z.string(),
  interval: z.enum(PLAN_INTERVALS),
  billing_anchor: z.enum(BILLING_ANCHORS),
  charging_mode: z.enum(CHARGING_MODES),
  flat_fee: decimal,
  reservation_amount: z.int().nullable(),
  charges: z.array(planChargeBody),
  status: z.enum(PLAN_STATUSES),
  metadata: z.record(z.string(), z.string()).nullable(),
  created: z.int(),
  updated: z.int(),
});

export function presentPlan(p: Plan): z.output<typeof planObject> {
  return {
    id: p.id,
    object: "plan",
    merchant_id: p.merchantId,
    name: p.name,
    description: p.description,
    currency: p.currency,
    interval: p.interval,
    billing_anchor: p.billingAnchor,
    charging_mode: p.chargingMode,
    flat_fee: fine(p.flatFeeFine, p.currency),
    reservation_amount: p.reservationAmount === null ? null : Number(p.reservationAmount),
    charges: p.charges.map((c) => presentPlanCharge(c, p.currency as CurrencyCode)),
    status: p.status,
    metadata: p.metadata,
    created: secs(p.createdAtMs)!,
    updated: secs(p.updatedAtMs)!,
  };
}

// ---- subscriptions -----------------------------------------------------------------------------

export const createSubscriptionBody = z.strictObject({
  mandate_id: id.describe("The user's recurring mandate: it must recur at the plan's interval and allow its merchant and currency."),
  plan_id: id,
  intent: z
    .strictObject({
      id: z.string().min(1).max(128).describe("The id of the user instruction this subscription serves."),
      instruction: z.string().min(1).max(2_000).optional().describe("The user's words; stored as a hash."),
      instruction_hash: z.string().regex(/^[0-9a-f]{64}$/).optional().describe("sha256 hex of the user's words."),
      given_at: z.iso.datetime({ offset: true }).optional().describe("When the user gave the instruction."),
    })
    .describe("The user intent behind the subscription: every period's charge links back to it."),
  charging_mode: z.enum(CHARGING_MODES).optional().describe("The plan's by default."),
  billing_anchor: z.enum(BILLING_ANCHORS).optional().describe("The plan's by default."),
  reservation_amount: amount.optional().describe("Reserve mode: the hold per period in minor units; the plan's by default."),
  buyer: z
    .strictObject({
      name: z.string().trim().min(1).max(NAME_LENGTH_MAX),
      vat_id: z.string().trim().min(2).max(64).optional(),
      country: countrySchema,
    })
    .optional()
    .describe("The business invoices are made out to (B2B); the user when absent."),
  metadata: metadataSchema.optional(),
});
export type CreateSubscriptionBody = z.output<typeof createSubscriptionBody>;

export const cancelSubscriptionBody = z.strictObject({
  at_period_end: z
    .boolean()
    .default(false)
    .describe("true: runs to the end of the period already paid for, then ends; false: ends now (final usage is still billed)."),
});

export const topUpBody = z.strictObject({
  amount: amount.describe("Minor units to add to this period's reservation (a further hold on the user's wallet)."),
});

export const subscriptionObject = z.object({
  id: z.string(),
  object: z.literal("subscription"),
  status: z.enum(SUBSCRIPTION_STATUSES),
  plan_id: z.string(),
  merchant_id: z.string(),
  user_id: z.string(),
  agent_id: z.string(),
  mandate_id: z.string(),
  currency: z.string(),
  charging_mode: z.enum(CHARGING_MODES),
  billing_anchor: z.enum(BILLING_ANCHORS),
  timezone: z.string(),
  current_period: z.object({ number: z.int(), start: z.int(), end: z.int() }),
  cancel_at_period_end: z.boolean(),
  cancel_reason: z.string().nullable().describe("Who canceled (requested_by_…), or the decline code of the refused renewal."),
  canceled_at: z.int().nullable(),
  ended_at: z.int().nullable(),
  reservation: z
    .object({
      amount: z.int().describe("The hold placed each period (minor units)."),
      usage_budget: decimal.describe("Net usage this period's holds cover, after the flat fee and with tax and rounding reserved."),
      usage_consumed: decimal.describe("Net usage drawn from it so far; usage past the budget is refused."),
    })
    .nullable(),
  pending_payment_id: z.string().nullable().describe("A payment that waits for the user's confirmation before the subscription can go on."),
  intent: z.object({ id: z.string(), instruction_hash: z.string().nullable() }),
  buyer: z.object({ name: z.string(), vat_id: z.string().nullable(), country: z.string().nullable() }).nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
  created: z.int(),
  updated: z.int(),
});

export function presentSubscription(s: Subscription, pendingPaymentId: string | null = null): z.output<typeof subscriptionObject> {
  return {
    id: s.id,
    object: "subscription",
    status: s.status,
    plan_id: s.planId,
    merchant_id: s.merchantId,
    user_id: s.userId,
    agent_id: s.agentId,
    mandate_id: s.mandateId,
    currency: s.currency,
    charging_mode: s.chargingMode,
    billing_anchor: s.billingAnchor,
    timezone: s.timezone,
    current_period: { number: s.periodNumber, start: secs(s.currentPeriodStartMs)!, end: secs(s.currentPeriodEndMs)! },
    cancel_at_period_end: s.cancelAtPeriodEnd,
    cancel_reason: s.cancelReason,
    canceled_at: secs(s.canceledAtMs),
    ended_at: secs(s.endedAtMs),
    reservation:
      s.chargingMode === "reserve" && s.reservationAmount !== null
        ? {
            amount: Number(s.reservationAmount),
            usage_budget: fine(s.reservedFine, s.currency),
            usage_consumed: fine(s.consumedFine, s.currency),
          }
        : null,
    pending_payment_id: pendingPaymentId,
    intent: { id: s.intent.id, instruction_hash: s.intent.hash },
    buyer: s.buyer === null ? null : { name: s.buyer.name, vat_id: s.buyer.vatId, country: s.buyer.country },
    metadata: s.metadata,
    created: secs(s.createdAtMs)!,
    updated: secs(s.updatedAtMs)!,
  };
}

// ---- billing postings --------------------------------------------------------------------------

export const postingObject = z.object({
  id: z.string(),
  object: z.literal("billing_posting"),
  subscription_id: z.string(),
  merchant_id: z.string(),
  user_id: z.string(),
  kind: z.enum(POSTING_KINDS),
  status: z.enum(POSTING_STATUSES),
  period: z.object({ number: z.int(), start: z.int(), end: z.int() }),
  currency: z.string(),
  amount_exact: decimal.describe("What was posted before rounding: flat fee and usage (negative for a credit)."),
  residual_before: decimal.describe("The rounding residual carried in from the previous posting."),
  residual_after: decimal.describe("The residual carried on to the next posting."),
  net_amount: z.int().describe("Minor units; negative for a credit."),
  tax_amount: z.int(),
  total_amount: z.int().describe("net + tax: what the payment moved (or the refund returned, negative)."),
  quantities: z.array(
    z.object({
      meter_id: z.string(),
      quantity: quantity.describe("The period's confirmed quantity."),
      included_quantity: quantity,
      billed_quantity: quantity,
      amount: decimal.describe("The usage charge of this meter, before rounding."),
      event_count: quantity,
    }),
  ),
  decline_code: z.string().nullable(),
  payment_id: z.string().nullable().describe("The payment that moved the money (in reserve mode, the period's first hold)."),
  refund_id: z.string().nullable(),
  invoice_id: z.string().nullable(),
  created: z.int(),
  updated: z.int(),
});

export function presentPosting(p: BillingPosting): z.output<typeof postingObject> {
  return {
    id: p.id,
    object: "billing_posting",
    subscription_id: p.subscriptionId,
    merchant_id: p.merchantId,
    user_id: p.userId,
    kind: p.kind,
    status: p.status,
    period: { number: p.periodNumber, start: secs(p.periodStartMs)!, end: secs(p.periodEndMs)! },
    currency: p.currency,
    amount_exact: fine(p.amountFine, p.currency),
    residual_before: fine(p.residualBeforeFine, p.currency),
    residual_after: fine(p.residualAfterFine, p.currency),
    net_amount: Number(p.netAmount),
    tax_amount: Number(p.taxAmount),
    total_amount: Number(p.totalAmount),
    quantities: p.quantities.map((q) => ({
      meter_id: q.meterId,
      quantity: count(q.quantity),
      included_quantity: count(q.includedQuantity),
      billed_quantity: count(q.billedQuantity),
      amount: fine(q.chargeFine, p.currency),
      event_count: count(q.eventCount),
    })),
    decline_code: p.declineCode,
    payment_id: p.paymentId,
    refund_id: p.refundId,
    invoice_id: p.invoiceId,
    created: secs(p.createdAtMs)!,
    updated: secs(p.updatedAtMs)!,
  };
}
