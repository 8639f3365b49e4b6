/** Rows ↔ the module's types. bigint columns stay bigint; times become numbers (ms). */
import type { Insertable } from "kysely";
import { planChargesFromJson, planChargesToJson } from "../billing/index.js";
import type { BillingPostingRow, PlanRow, SubscriptionRow } from "../store/index.js";
import type {
  BillingAnchor,
  BillingPosting,
  ChargingMode,
  DocumentLine,
  Plan,
  PlanInterval,
  PlanStatus,
  PostingDocument,
  PostingKind,
  PostingQuantity,
  PostingStatus,
  Subscription,
  SubscriptionStatus,
} from "./types.js";

const ms = (v: bigint | null): number | null => (v === null ? null : Number(v));
const big = (v: number | null): bigint | null => (v === null ? null : BigInt(v));
const metadataOf = (text: string | null): Record<string, string> | null => (text === null ? null : (JSON.parse(text) as Record<string, string>));
const metadataText = (m: Readonly<Record<string, string>> | null): string | null => (m === null ? null : JSON.stringify(m));

export function planFromRow(r: PlanRow): Plan {
  return {
    id: r.id,
    merchantId: r.merchant_id,
    name: r.name,
    description: r.description,
    currency: r.currency,
    interval: r.interval as PlanInterval,
    billingAnchor: r.billing_anchor as BillingAnchor,
    chargingMode: r.charging_mode as ChargingMode,
    flatFeeFine: r.flat_fee_fine,
    reservationAmount: r.reservation_amount,
    charges: planChargesFromJson(r.charges, r.currency),
    status: r.status as PlanStatus,
    metadata: metadataOf(r.metadata),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export function planToRow(p: Plan): Insertable<PlanRow> {
  return {
    id: p.id,
    merchant_id: p.merchantId,
    name: p.name,
    description: p.description,
    currency: p.currency,
    interval: p.interval,
    billing_anchor: p.billingAnchor,
    charging_mode: p.chargingMode,
    flat_fee_fine: p.flatFeeFine,
    reservation_amount: p.reservationAmount,
    charges: planChargesToJson(p.charges, p.currency),
    status: p.status,
    metadata: metadataText(p.metadata),
    created_at: BigInt(p.createdAtMs),
    updated_at: BigInt(p.updatedAtMs),
  };
}

export function subscriptionFromRow(r: SubscriptionRow): Subscription {
  const buyer = r.buyer === null ? null : (JSON.parse(r.buyer) as { name: string; vat_id: string | null; country: string | null });
  return {
    id: r.id,
    merchantId: r.merchant_id,
    planId: r.plan_id,
    userId: r.user_id,
    agentId: r.agent_id,
    mandateId: r.mandate_id,
    currency: r.currency,
    status: r.status as SubscriptionStatus,
    chargingMode: r.charging_mode as ChargingMode,
    billingAnchor: r.billing_anchor as BillingAnchor,
    timezone: r.timezone,
    anchorAtMs: Number(r.anchor_at),
    periodNumber: Number(r.period_number),
    currentPeriodStartMs: Number(r.current_period_start),
    currentPeriodEndMs: Number(r.current_period_end),
    cancelAtPeriodEnd: r.cancel_at_period_end === 1n,
    cancelReason: r.cancel_reason,
    canceledAtMs: ms(r.canceled_at),
    endedAtMs: ms(r.ended_at),
    reservationAmount: r.reservation_amount,
    reservedFine: r.reserved_fine,
    consumedFine: r.consumed_fine,
    residualFine: r.residual_fine,
    intent: { id: r.intent_id, hash: r.intent_hash },
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    buyer: buyer === null ? null : { name: buyer.name, vatId: buyer.vat_id, country: buyer.country },
    metadata: metadataOf(r.metadata),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export function subscriptionToRow(s: Subscription): Insertable<SubscriptionRow> {
  return {
    id: s.id,
    merchant_id: s.merchantId,
    plan_id: s.planId,
    user_id: s.userId,
    agent_id: s.agentId,
    mandate_id: s.mandateId,
    currency: s.currency,
    status: s.status,
    charging_mode: s.chargingMode,
    billing_anchor: s.billingAnchor,
    timezone: s.timezone,
    anchor_at: BigInt(s.anchorAtMs),
    period_number: BigInt(s.periodNumber),
    current_period_start: BigInt(s.currentPeriodStartMs),
    current_period_end: BigInt(s.currentPeriodEndMs),
    cancel_at_period_end: s.cancelAtPeriodEnd ? 1n : 0n,
    cancel_reason: s.cancelReason,
    canceled_at: big(s.canceledAtMs),
    ended_at: big(s.endedAtMs),
    reservation_amount: s.reservationAmount,
    reserved_fine: s.reservedFine,
    consumed_fine: s.consumedFine,
    residual_fine: s.residualFine,
    intent_id: s.intent.id,
    intent_hash: s.intent.hash,
    idempotency_key: s.idempotencyKey,
    request_hash: s.requestHash,
    buyer: s.buyer === null ? null : JSON.stringify({ name: s.buyer.name, vat_id: s.buyer.vatId, country: s.buyer.country }),
    metadata: metadataText(s.metadata),
    created_at: BigInt(s.createdAtMs),
    updated_at: BigInt(s.updatedAtMs),
  };
}

interface QuantityJson {
  meter_id: string;
  quantity: string;
  included_quantity: string;
  billed_quantity: string;
  charge_fine: string;
  event_count: string;
}

function quantitiesFromJson(text: string): PostingQuantity[] {
  return (JSON.parse(text) as QuantityJson[]).map((q) => ({
    meterId: q.meter_id,
    quantity: BigInt(q.quantity),
    includedQuantity: BigInt(q.included_quantity),
    billedQuantity: BigInt(q.billed_quantity),
    chargeFine: BigInt(q.charge_fine),
    eventCount: BigInt(q.event_count),
  }));
}

export function quantitiesToJson(quantities: readonly PostingQuantity[]): string {
  return JSON.stringify(
    quantities.map(
      (q): QuantityJson => ({
        meter_id: q.meterId,
        quantity: q.quantity.toString(),
        included_quantity: q.includedQuantity.toString(),
        billed_quantity: q.billedQuantity.toString(),
        charge_fine: q.chargeFine.toString(),
        event_count: q.eventCount.toString(),
      }),
    ),
  );
}

/** Document JSON: bigints as decimal strings, tagged so that parsing restores exactly what was stored. */
export function documentToJson(d: PostingDocument): string {
  return JSON.stringify(d, (_key, value: unknown) => (typeof value === "bigint" ? { $big: value.toString() } : value));
}

function documentFromJson(text: string): PostingDocument {
  const parsed = JSON.parse(text, (_key, value: unknown) =>
    typeof value === "object" && value !== null && "$big" in value ? BigInt((value as { $big: string }).$big) : value,
  ) as PostingDocument & { lines: DocumentLine[] };
  return parsed;
}

export function postingFromRow(r: BillingPostingRow): BillingPosting {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    merchantId: r.merchant_id,
    userId: r.user_id,
    kind: r.kind as PostingKind,
    status: r.status as PostingStatus,
    periodNumber: Number(r.period_number),
    periodStartMs: Number(r.period_start),
    periodEndMs: Number(r.period_end),
    currency: r.currency,
    amountFine: r.amount_fine,
    residualBeforeFine: r.residual_before_fine,
    residualAfterFine: r.residual_after_fine,
    netAmount: r.net_amount,
    taxAmount: r.tax_amount,
    totalAmount: r.total_amount,
    quantities: quantitiesFromJson(r.quantities),
    declineCode: r.decline_code,
    paymentId: r.payment_id,
    refundId: r.refund_id,
    invoiceId: r.invoice_id,
    taxRateBps: r.tax_rate_bps === null ? null : Number(r.tax_rate_bps),
    document: r.document === null ? null : documentFromJson(r.document),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export function postingToRow(p: BillingPosting): Insertable<BillingPostingRow> {
  return {
    id: p.id,
    subscription_id: p.subscriptionId,
    merchant_id: p.merchantId,
    user_id: p.userId,
    kind: p.kind,
    status: p.status,
    period_number: BigInt(p.periodNumber),
    period_start: BigInt(p.periodStartMs),
    period_end: BigInt(p.periodEndMs),
    currency: p.currency,
    amount_fine: p.amountFine,
    residual_before_fine: p.residualBeforeFine,
    residual_after_fine: p.residualAfterFine,
    net_amount: p.netAmount,
    tax_amount: p.taxAmount,
    total_amount: p.totalAmount,
    quantities: quantitiesToJson(p.quantities),
    decline_code: p.declineCode,
    payment_id: p.paymentId,
    refund_id: p.refundId,
    invoice_id: p.invoiceId,
    tax_rate_bps: big(p.taxRateBps),
    document: p.document === null ? null : documentToJson(p.document),
    created_at: BigInt(p.createdAtMs),
    updated_at: BigInt(p.updatedAtMs),
  };
}
