import type { Insertable } from "kysely";
import type { RowWrite } from "../ledger/index.js";
import type { BudgetLine } from "../mandates/index.js";
import type { ApprovalRow, PaymentRow, RefundRow } from "../store/index.js";
import type { DeclineCode } from "./declines.js";
import type { Approval, ApprovalStatus, CancellationReason, LineItem, Payment, PaymentPurpose, PaymentStatus, Refund } from "./types.js";

const ms = (v: bigint | null): number | null => (v === null ? null : Number(v));

function linesFromJson(text: string): BudgetLine[] {
  return (JSON.parse(text) as Array<BudgetLine & { limit: string; charge: string }>).map((l) => ({
    ...l,
    limit: BigInt(l.limit),
    charge: BigInt(l.charge),
  }));
}

function linesToJson(lines: readonly BudgetLine[]): string {
  return JSON.stringify(lines.map((l) => ({ ...l, limit: l.limit.toString(), charge: l.charge.toString() })));
}

function itemsFromJson(text: string | null): LineItem[] | null {
  if (text === null) return null;
  return (JSON.parse(text) as Array<{ description: string; quantity: number; unit_amount: string }>).map((i) => ({
    description: i.description,
    quantity: i.quantity,
    unitAmount: BigInt(i.unit_amount),
  }));
}

function itemsToJson(items: readonly LineItem[] | null): string | null {
  if (items === null) return null;
  return JSON.stringify(items.map((i) => ({ description: i.description, quantity: i.quantity, unit_amount: i.unitAmount.toString() })));
}

export function paymentFromRow(r: PaymentRow): Payment {
  return {
    id: r.id,
    agentId: r.agent_id,
    userId: r.user_id,
    mandateId: r.mandate_id,
    merchantId: r.merchant_id,
    purpose: r.purpose as PaymentPurpose,
    subscriptionId: r.subscription_id,
    tipMessage: r.tip_message,
    status: r.status as PaymentStatus,
    amount: r.amount,
    currency: r.currency,
    amountCaptured: r.amount_captured,
    amountRefunded: r.amount_refunded,
    feeAmount: r.fee_amount,
    captureMethod: r.capture_method as Payment["captureMethod"],
    description: r.description,
    lineItems: itemsFromJson(r.line_items),
    orderReference: r.order_reference,
    businessUnit: r.business_unit,
    costCentre: r.cost_centre,
    sessionId: r.session_id,
    intent: { id: r.intent_id, hash: r.intent_hash, givenAtMs: ms(r.intent_at) },
    declineCode: r.decline_code as DeclineCode | null,
    cancellationReason: r.cancellation_reason as CancellationReason | null,
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
    approvalId: r.approval_id,
    holdExpiresAtMs: ms(r.hold_expires_at),
    budgetLines: linesFromJson(r.budget_lines),
    recurrenceAtMs: ms(r.recurrence_at),
    receiptJws: r.receipt_jws,
    metadata: r.metadata,
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export function paymentToRow(p: Payment): Insertable<PaymentRow> & Record<string, string | bigint | number | null> {
  const big = (v: number | null): bigint | null => (v === null ? null : BigInt(v));
  return {
    id: p.id,
    agent_id: p.agentId,
    user_id: p.userId,
    mandate_id: p.mandateId,
    merchant_id: p.merchantId,
    purpose: p.purpose,
    subscription_id: p.subscriptionId,
    tip_message: p.tipMessage,
    status: p.status,
    amount: p.amount,
    currency: p.currency,
    amount_captured: p.amountCaptured,
    amount_refunded: p.amountRefunded,
    fee_amount: p.feeAmount,
    capture_method: p.captureMethod,
    description: p.description,
    line_items: itemsToJson(p.lineItems),
    order_reference: p.orderReference,
    business_unit: p.businessUnit,
    cost_centre: p.costCentre,
    session_id: p.sessionId,
    intent_id: p.intent.id,
    intent_hash: p.intent.hash,
    intent_at: big(p.intent.givenAtMs),
    decline_code: p.declineCode,
    cancellation_reason: p.cancellationReason,
    idempotency_key: p.idempotencyKey,
    request_hash: p.requestHash,
    approval_id: p.approvalId,
    hold_expires_at: big(p.holdExpiresAtMs),
    budget_lines: linesToJson(p.budgetLines),
    recurrence_at: big(p.recurrenceAtMs ?? null),
    receipt_jws: p.receiptJws,
    metadata: p.metadata,
    created_at: BigInt(p.createdAtMs),
    updated_at: BigInt(p.updatedAtMs),
  };
}

export function approvalFromRow(r: ApprovalRow): Approval {
  return {
    id: r.id,
    paymentId: r.payment_id,
    userId: r.user_id,
    status: r.status as ApprovalStatus,
    reason: r.reason as Approval["reason"],
    expiresAtMs: Number(r.expires_at),
    decidedAtMs: ms(r.decided_at),
    decidedBy: r.decided_by,
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export function approvalToRow(a: Approval): Insertable<ApprovalRow> {
  return {
    id: a.id,
    payment_id: a.paymentId,
    user_id: a.userId,
    status: a.status,
    reason: a.reason,
    expires_at: BigInt(a.expiresAtMs),
    decided_at: a.decidedAtMs === null ? null : BigInt(a.decidedAtMs),
    decided_by: a.decidedBy,
    created_at: BigInt(a.createdAtMs),
    updated_at: BigInt(a.updatedAtMs),
  };
}

export function refundFromRow(r: RefundRow): Refund {
  return {
    id: r.id,
    paymentId: r.payment_id,
    merchantId: r.merchant_id,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    status: "succeeded",
    createdBy: r.created_by,
    createdAtMs: Number(r.created_at),
  };
}

export function refundToRow(r: Refund): Insertable<RefundRow> & Record<string, string | bigint | number | null> {
  return {
    id: r.id,
    payment_id: r.paymentId,
    merchant_id: r.merchantId,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    status: r.status,
    created_by: r.createdBy,
    created_at: BigInt(r.createdAtMs),
  };
}

/** The payment as a row write of a ledger batch: new, or the whole row replaced by id. */
export function insertPayment(p: Payment): RowWrite {
  return { kind: "insert", table: "payments", values: paymentToRow(p), onConflictDoNothing: true };
}

/** Every column but the id, to replace a stored payment's state. */
export function paymentUpdate(p: Payment) {
  const { id, ...set } = paymentToRow(p);
  return { id, set };
}

export function updatePayment(p: Payment): RowWrite {
  const { id, set } = paymentUpdate(p);
  return { kind: "update", table: "payments", set, where: { id } };
}
